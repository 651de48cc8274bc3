import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { client } from '../../test/client.js';
import { testApp } from '../../test/harness.js';

describe('GET /api/v1/site', () => {
  it('tells anyone, signed in or not, the default language and whether demo mode is on', async () => {
    const english = await testApp({ config: { language: 'en', demo: false } });
    expect((await client(english.app).get('/api/v1/site')).json()).toEqual({
      defaultLanguage: 'en',
      demo: false,
      sso: null,
      passwordForm: true,
    });
    const demo = await testApp({ config: { language: 'nl', demo: true } });
    expect((await client(demo.app).get('/api/v1/site')).json()).toEqual({
      defaultLanguage: 'nl',
      demo: true,
      sso: null,
      passwordForm: true,
    });
  });

  it('tells the sign-in page about single sign-on: its label, where it starts, and whether to hide the password form', async () => {
    const oidc = loadConfig({
      PLEIN_PUBLIC_URL: 'https://plein.example.org',
      PLEIN_OIDC_ISSUER: 'https://login.example.org',
      PLEIN_OIDC_CLIENT_ID: 'plein',
      PLEIN_OIDC_LABEL: 'Entra ID',
      PLEIN_OIDC_HIDE_PASSWORD_FORM: '1',
    });
    const { app } = await testApp({ config: { publicUrl: oidc.publicUrl, oidc: oidc.oidc } });
    expect((await client(app).get('/api/v1/site')).json()).toMatchObject({
      sso: { label: 'Entra ID', startUrl: '/api/v1/auth/oidc/start' },
      passwordForm: false,
    });
  });
});
