import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcConfig } from '../../config.js';
import { client } from '../../test/client.js';
import { unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { oidcSettings, startOidcProvider, type TestOidcProvider } from '../../test/oidc-provider.js';
import { RedirectBrowser } from '../../test/redirect-browser.js';

const PLEIN = 'http://plein.test';
const CALLBACK = `${PLEIN}/api/v1/auth/oidc/callback`;
let idp: TestOidcProvider;

beforeAll(async () => {
  idp = await startOidcProvider();
  idp.register({ redirectUri: CALLBACK, postLogoutRedirectUri: `${PLEIN}/login` });
});
afterAll(async () => {
  await idp?.close();
});

async function pleinWith(overrides: Partial<OidcConfig> = {}) {
  const ctx = await testApp({ config: { publicUrl: PLEIN, oidc: oidcSettings(idp.issuer, overrides) } });
  return { ...ctx, browser: new RedirectBrowser(ctx.app, PLEIN) };
}

const atCallback = (url: URL) => url.href.startsWith(CALLBACK);

describe('OpenID Connect sign-in against a real provider', () => {
  it('walks start → provider login → consent → callback, and the session cookie works on /api/v1/me', async () => {
    const { app, browser } = await pleinWith();
    const account = idp.addAccount({
      sub: unique('sub'),
      email: `${unique('ann')}@example.test`,
      name: 'Ann Example',
    });
    const callback = await browser.follow(`${PLEIN}/api/v1/auth/oidc/start?next=/g/sales`, {
      login: account.sub,
      stop: atCallback,
    });
    const landed = await browser.request('GET', callback.href);
    expect(landed.status, landed.body).toBe(302);
    expect(landed.location).toBe('/g/sales');
    const cookie = browser.cookie(PLEIN, 'plein_session');
    expect(cookie).toBeTruthy();
    const me = await client(app, { cookie: cookie!, csrfToken: '' }).get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ name: 'Ann Example', email: account.email });
  });
});
