import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  oidcSettings,
  startOidcProvider,
  TEST_CLIENT,
  type TestOidcProvider,
} from '../server/test/oidc-provider.js';
import {
  LAPTOP,
  launchBrowser,
  newContext,
  photograph,
  photographOnFailure,
  seen,
  waitForPath,
} from './browser.js';
import { freePort, type RunningServer, startServer } from './server.js';
import { wordsFor } from './steps.js';

// Its own Plein node, configured for single sign-on against a real OpenID provider the test runs on 127.0.0.1.
let browser: Browser;
let idp: TestOidcProvider;
let plein: RunningServer;

beforeAll(async () => {
  idp = await startOidcProvider();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  idp.register({
    redirectUri: `${url}/api/v1/auth/oidc/callback`,
    postLogoutRedirectUri: `${url}/login`,
    backchannelLogoutUri: `${url}/api/v1/auth/oidc/backchannel-logout`,
  });
  const settings = oidcSettings(idp.issuer);
  plein = await startServer({
    PORT: String(port),
    PLEIN_DEMO: '0',
    PLEIN_PUBLIC_URL: url,
    PLEIN_OIDC_ISSUER: idp.issuer,
    PLEIN_OIDC_CLIENT_ID: TEST_CLIENT.id,
    PLEIN_OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
    PLEIN_OIDC_LABEL: settings.label,
    PLEIN_OIDC_CREATE_PEOPLE: '1',
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await plein?.stop();
  await idp?.close();
});

describe('single sign-on in the browser', () => {
  it('signs a newcomer in through the provider’s login page, and back out at the provider', async () => {
    const t = wordsFor('en');
    idp.addAccount({ sub: 'e2e-noor', email: 'noor@e2e.example', name: 'Noor Visser', title: 'Planner' });
    const context = await newContext(browser, plein.url, { ...LAPTOP, language: 'en' });
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'sso', async () => {
        await page.goto('/login');
        await page.getByRole('link', { name: t('login.signInWith', { name: 'Test IdP' }) }).click();
        // The provider's own pages: sign in, then allow Plein.
        await page.waitForURL((url) => url.origin === idp.issuer);
        await page.locator('input[name="login"]').fill('e2e-noor');
        await page.locator('input[name="password"]').fill('any password');
        await page.getByRole('button', { name: 'Sign-in' }).click();
        await page.getByRole('button', { name: 'Continue' }).click();
        await waitForPath(page, '/');
        await seen(page.getByRole('heading', { name: t('home.greeting', { name: 'Noor' }) }));
        await photograph(page, 'sso-signed-in');

        await page.getByRole('button', { name: t('nav.accountMenu', { name: 'Noor Visser' }) }).click();
        await page.getByRole('button', { name: t('nav.signOut') }).click();
        // RP-initiated logout: the provider asks, signs out, and sends the browser back to Plein's sign-in page.
        await page.waitForURL((url) => url.origin === idp.issuer);
        await page.getByRole('button', { name: 'Yes, sign me out' }).click();
        await waitForPath(page, '/login');
        expect(await page.evaluate(() => fetch('/api/v1/me').then((r) => r.status))).toBe(401);
      });
    } finally {
      await context.close();
    }
  });

  it('says in Dutch why a sign-in was refused', async () => {
    const t = wordsFor('nl');
    idp.addAccount({ sub: 'e2e-unverified', email: 'unverified@e2e.example', emailVerified: false });
    const context = await newContext(browser, plein.url, { ...LAPTOP, language: 'nl' });
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'sso-refused', async () => {
        await page.goto('/login');
        await page.getByRole('link', { name: t('login.signInWith', { name: 'Test IdP' }) }).click();
        await page.waitForURL((url) => url.origin === idp.issuer);
        await page.locator('input[name="login"]').fill('e2e-unverified');
        await page.locator('input[name="password"]').fill('any password');
        await page.getByRole('button', { name: 'Sign-in' }).click();
        await page.getByRole('button', { name: 'Continue' }).click();
        await waitForPath(page, '/login');
        await seen(page.getByRole('alert').filter({ hasText: t('login.ssoError.email_unverified') }));
        await photograph(page, 'sso-refused-nl');
      });
    } finally {
      await context.close();
    }
  });
});
