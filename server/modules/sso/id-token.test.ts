import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../platform/db/database.js';
import { client } from '../../test/client.js';
import { type Craft, startCraftedProvider } from '../../test/crafted-provider.js';
import { testApp } from '../../test/harness.js';
import { epochSeconds } from '../../test/jwt.js';
import { oidcSettings } from '../../test/oidc-provider.js';
import { RedirectBrowser } from '../../test/redirect-browser.js';

const PLEIN = 'http://plein.test';
const CALLBACK = `${PLEIN}/api/v1/auth/oidc/callback`;
let idp: Awaited<ReturnType<typeof startCraftedProvider>>;

beforeAll(async () => {
  idp = await startCraftedProvider();
});
afterAll(async () => {
  await idp?.close();
});

async function sessions(db: Queryable) {
  const { rows } = await db.query<{ n: number }>(
    `select (select count(*)::int from sessions) + (select count(*)::int from person_identities) as n`,
  );
  return rows[0]!.n;
}

/** One sign-in through the crafted provider, whose token endpoint answers with the ID token `craft` makes. */
async function signInWith(craft: Craft) {
  idp.craft(craft);
  const { app, db } = await testApp({ config: { publicUrl: PLEIN, oidc: oidcSettings(idp.issuer) } });
  const browser = new RedirectBrowser(app, PLEIN);
  const callback = await browser.follow(`${PLEIN}/api/v1/auth/oidc/start`, {
    stop: (url) => url.href.startsWith(CALLBACK),
  });
  const before = await sessions(db.pool);
  const answer = await browser.request('GET', callback.href);
  const cookie = browser.cookie(PLEIN, 'plein_session');
  const me = cookie ? await client(app, { cookie, csrfToken: '' }).get('/api/v1/me') : null;
  return { location: answer.location, cookie, me, added: (await sessions(db.pool)) - before };
}

const refused = { location: '/login?error=sso_failed', cookie: undefined, me: null, added: 0 };

describe('ID tokens Plein refuses (each from a real provider over HTTP)', () => {
  it('accepts the provider’s well-made token: the control for every case below', async () => {
    const result = await signInWith((claims) => ({ claims, signWith: 'provider' }));
    expect(result.location).toBe('/');
    expect(result.me?.json()).toMatchObject({ email: 'crafted@example.test', name: 'Crafted Person' });
    expect(result.added).toBe(2); // the session, and the identity made on this first sign-in
  });

  it.each<[string, Craft]>([
    [
      'a wrong issuer',
      (claims) => ({ claims: { ...claims, iss: 'http://127.0.0.1:1' }, signWith: 'provider' }),
    ],
    [
      'a wrong audience',
      (claims) => ({ claims: { ...claims, aud: 'another-client' }, signWith: 'provider' }),
    ],
    ['a missing nonce', ({ nonce: _nonce, ...claims }) => ({ claims, signWith: 'provider' })],
    ['a wrong nonce', (claims) => ({ claims: { ...claims, nonce: 'not-the-nonce' }, signWith: 'provider' })],
    ['alg: none', (claims) => ({ claims, signWith: 'none' })],
    [
      'an expired token',
      (claims) => ({
        claims: { ...claims, iat: epochSeconds() - 7200, exp: epochSeconds() - 3600 },
        signWith: 'provider',
      }),
    ],
    ['a signature by another key', (claims) => ({ claims, signWith: 'other' })],
  ])('refuses %s, and no session is created', async (_what, craft) => {
    expect(await signInWith(craft)).toEqual(refused);
  });
});
