import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startSamlIdp, type TestSamlIdp } from '../server/test/saml-idp.js';
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

// Its own Plein node, configured for SAML single sign-on against a real SAML IdP the test runs on 127.0.0.1.
let browser: Browser;
let idp: TestSamlIdp;
let plein: RunningServer;

beforeAll(async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const spEntityId = `${url}/api/v1/auth/saml/metadata`;
  idp = await startSamlIdp({ spEntityId, acsUrl: `${url}/api/v1/auth/saml/acs` });
  plein = await startServer({
    PORT: String(port),
    PLEIN_DEMO: '0',
    PLEIN_PUBLIC_URL: url,
    PLEIN_SAML_IDP_METADATA: idp.entityId,
    PLEIN_SAML_LABEL: 'Test SAML',
    PLEIN_SAML_CREATE_PEOPLE: '1',
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await plein?.stop();
  await idp?.close();
});

describe('SAML single sign-on in the browser', () => {
  it('signs a newcomer in through the IdP’s page and its auto-posted response', async () => {
    const t = wordsFor('en');
    idp.users.set('e2e-lotte', {
      nameId: 'e2e-lotte-persistent-id',
      attributes: { email: 'lotte@e2e.example', displayName: 'Lotte de Wit', title: 'Planner' },
    });
    const context = await newContext(browser, plein.url, { ...LAPTOP, language: 'en' });
    const page = await context.newPage();
    try {
      await photographOnFailure([page], 'saml', async () => {
        await page.goto('/login');
        await page.getByRole('link', { name: t('login.signInWith', { name: 'Test SAML' }) }).click();
        await page.waitForURL((url) => url.href.startsWith(idp.ssoUrl));
        await page.getByLabel('Login').fill('e2e-lotte');
        await page.getByRole('button', { name: 'Sign in' }).click();
        // The IdP's page posts the signed response to Plein's ACS by itself, as real IdPs do.
        await waitForPath(page, '/');
        await seen(page.getByRole('heading', { name: t('home.greeting', { name: 'Lotte' }) }));
        await photograph(page, 'saml-signed-in');
      });
    } finally {
      await context.close();
    }
  });
});
