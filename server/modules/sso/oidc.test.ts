import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcConfig } from '../../config.js';
import type { Queryable } from '../../platform/db/database.js';
import { client } from '../../test/client.js';
import { buildPerson, sessionFor, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { epochSeconds, rsaKey, signJwt } from '../../test/jwt.js';
import {
  oidcSettings,
  startOidcProvider,
  TEST_CLIENT,
  type TestOidcProvider,
} from '../../test/oidc-provider.js';
import { RedirectBrowser } from '../../test/redirect-browser.js';
import { ViewerCache } from '../auth/viewer-cache.js';

const PLEIN = 'http://plein.test';
const CALLBACK = `${PLEIN}/api/v1/auth/oidc/callback`;
let idp: TestOidcProvider;
// The node the provider posts back-channel logout tokens to: the only one listening on a real port.
let listening: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  idp = await startOidcProvider();
  listening = await testApp({ config: { publicUrl: PLEIN, oidc: oidcSettings(idp.issuer) } });
  await listening.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (listening.app.server.address() as AddressInfo).port;
  idp.register({
    redirectUri: CALLBACK,
    postLogoutRedirectUri: `${PLEIN}/login`,
    backchannelLogoutUri: `http://127.0.0.1:${port}/api/v1/auth/oidc/backchannel-logout`,
  });
});
afterAll(async () => {
  await listening?.app.close();
  await idp?.close();
});

async function pleinWith(overrides: Partial<OidcConfig> = {}) {
  const ctx = await testApp({ config: { publicUrl: PLEIN, oidc: oidcSettings(idp.issuer, overrides) } });
  return { ...ctx, browser: new RedirectBrowser(ctx.app, PLEIN) };
}

const atCallback = (url: URL) => url.href.startsWith(CALLBACK);

/** Signs in at the provider as `sub` and stops where the provider sends the browser back to Plein. */
const throughProvider = (browser: RedirectBrowser, sub: string, next = '') =>
  browser.follow(`${PLEIN}/api/v1/auth/oidc/start${next ? `?next=${encodeURIComponent(next)}` : ''}`, {
    login: sub,
    stop: atCallback,
  });

/** What a sign-in writes: a refused one must leave all of it as it was. */
async function signInRows(db: Queryable) {
  const { rows } = await db.query<Record<string, number>>(
    `select (select count(*)::int from sessions) as sessions, (select count(*)::int from people) as people,
            (select count(*)::int from person_identities) as identities,
            (select count(*)::int from sso_sessions) as sso_sessions,
            (select count(*)::int from audit_entries) as audit`,
  );
  return rows[0]!;
}

function newAccount(extra: Partial<Parameters<TestOidcProvider['addAccount']>[0]> = {}) {
  return idp.addAccount({
    sub: unique('sub'),
    email: `${unique('ann')}@example.test`,
    name: 'Ann Example',
    ...extra,
  });
}

async function expectRefused(ctx: Awaited<ReturnType<typeof pleinWith>>, callback: string, code: string) {
  const before = await signInRows(ctx.db.pool);
  const answer = await ctx.browser.request('GET', callback);
  expect(answer.status, answer.body).toBe(302);
  expect(answer.location).toBe(`/login?error=${code}`);
  expect(ctx.browser.cookie(PLEIN, 'plein_session')).toBeUndefined();
  expect(await signInRows(ctx.db.pool)).toEqual(before);
}

describe('OpenID Connect sign-in against a real provider', () => {
  it('walks start → provider login → consent → callback, and the session cookie works on /api/v1/me', async () => {
    const { app, db, browser } = await pleinWith();
    const account = newAccount();
    const callback = await throughProvider(browser, account.sub, '/g/sales');
    // The redirect carries a code, the state Plein sent, and the provider's issuer; never the tokens.
    expect([...callback.searchParams.keys()].sort()).toEqual(['code', 'iss', 'state']);
    const landed = await browser.request('GET', callback.href);
    expect(landed.status, landed.body).toBe(302);
    expect(landed.location).toBe('/g/sales');
    const cookie = browser.cookie(PLEIN, 'plein_session');
    const me = await client(app, { cookie: cookie!, csrfToken: '' }).get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ name: 'Ann Example', email: account.email });
    const { rows } = await db.pool.query(
      'select i.issuer, i.subject, p.email from person_identities i join people p on p.id = i.person_id where i.subject = $1',
      [account.sub],
    );
    expect(rows).toEqual([{ issuer: idp.issuer, subject: account.sub, email: account.email }]);
  });

  it('creates a person just in time from the claims, with roles from the configured group mapping', async () => {
    const { app, db, browser } = await pleinWith();
    const account = newAccount({
      name: 'Bram de Vries',
      title: 'Head of Support',
      department: 'Support',
      locale: 'nl-NL',
      groups: ['everyone', 'plein-admins', 'management'],
    });
    await browser.request('GET', (await throughProvider(browser, account.sub)).href);
    const me = await client(app, { cookie: browser.cookie(PLEIN, 'plein_session')!, csrfToken: '' }).get(
      '/api/v1/me',
    );
    expect(me.json()).toMatchObject({
      name: 'Bram de Vries',
      title: 'Head of Support',
      department: 'Support',
      locale: 'nl',
      role: 'admin',
      isLeader: true,
    });
    const { rows } = await db.pool.query(
      'select provisioned_via, provisioned_at is not null as dated, last_sign_in_at is not null as signed_in from people where email = $1',
      [account.email],
    );
    expect(rows).toEqual([{ provisioned_via: 'sso', dated: true, signed_in: true }]);
  });

  it('knows a person by issuer and subject, not by email: a changed email at the provider signs in the same person', async () => {
    const first = await pleinWith();
    const account = newAccount();
    await first.browser.request('GET', (await throughProvider(first.browser, account.sub)).href);
    const people = (await signInRows(first.db.pool)).people;
    account.email = `${unique('renamed')}@example.test`;
    const second = await pleinWith();
    await second.browser.request('GET', (await throughProvider(second.browser, account.sub)).href);
    const me = await client(second.app, {
      cookie: second.browser.cookie(PLEIN, 'plein_session')!,
      csrfToken: '',
    }).get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect((await signInRows(second.db.pool)).people).toBe(people);
  });

  it('links a first sign-in to the person with the same verified email only when linking is allowed', async () => {
    const refusing = await pleinWith({ linkByEmail: false });
    const existing = await buildPerson(refusing.db.pool);
    const account = newAccount({ email: existing.email.toUpperCase() });
    await expectRefused(
      refusing,
      (await throughProvider(refusing.browser, account.sub)).href,
      'link_not_allowed',
    );

    const linking = await pleinWith({ linkByEmail: true });
    await linking.browser.request('GET', (await throughProvider(linking.browser, account.sub)).href);
    const me = await client(linking.app, {
      cookie: linking.browser.cookie(PLEIN, 'plein_session')!,
      csrfToken: '',
    }).get('/api/v1/me');
    expect(me.json()).toMatchObject({ id: existing.id, handle: existing.handle });
  });

  it('accepts a waiting invitation when the invited person arrives by single sign-on instead of its link', async () => {
    const ctx = await pleinWith({ linkByEmail: true });
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    const asAdmin = client(ctx.app, await sessionFor(ctx.db.pool, admin));
    const email = `${unique('invited')}@example.test`;
    const invited = await asAdmin.post('/api/v1/admin/invitations', { email, name: 'Iris Invited' });
    expect(invited.statusCode).toBe(201);
    const account = newAccount({ email });
    await ctx.browser.request('GET', (await throughProvider(ctx.browser, account.sub)).href);
    expect(ctx.browser.cookie(PLEIN, 'plein_session')).toBeDefined();
    const listed = await asAdmin.get('/api/v1/admin/invitations?status=accepted');
    expect(listed.json().items.map((i: { id: string }) => i.id)).toContain(invited.json().id);
    const { rows } = await ctx.db.pool.query(
      `select a.after, p.provisioned_via, p.activated_at is not null as activated
         from people p join audit_entries a on a.target_id = p.id::text and a.action = 'invitation.accept'
        where p.email = $1`,
      [email],
    );
    // Still counted as invited (the funnel's first step), now activated.
    expect(rows).toEqual([
      {
        after: { invitationId: invited.json().id, by: 'sign-in' },
        provisioned_via: 'invite',
        activated: true,
      },
    ]);
  });

  it('refuses an unverified email where verification is required, and creates nobody', async () => {
    const ctx = await pleinWith({ requireVerifiedEmail: true });
    const account = newAccount({ emailVerified: false });
    await expectRefused(ctx, (await throughProvider(ctx.browser, account.sub)).href, 'email_unverified');
  });

  it('refuses emails outside the allowed domains, people nobody provisioned, and deactivated people', async () => {
    const domains = await pleinWith({ allowedDomains: ['example.org'] });
    const outsider = newAccount();
    await expectRefused(
      domains,
      (await throughProvider(domains.browser, outsider.sub)).href,
      'domain_not_allowed',
    );

    const noCreation = await pleinWith({ createPeople: false });
    await expectRefused(
      noCreation,
      (await throughProvider(noCreation.browser, newAccount().sub)).href,
      'not_provisioned',
    );

    const linking = await pleinWith({ linkByEmail: true });
    const person = await buildPerson(linking.db.pool, { status: 'deactivated' });
    await expectRefused(
      linking,
      (await throughProvider(linking.browser, newAccount({ email: person.email }).sub)).href,
      'deactivated',
    );
  });

  it('refuses a missing or wrong state, a browser that started no sign-in, and a provider error', async () => {
    const account = newAccount();
    const wrong = await pleinWith();
    const callback = await throughProvider(wrong.browser, account.sub);
    callback.searchParams.set('state', 'not-the-state-plein-sent');
    await expectRefused(wrong, callback.href, 'sso_failed');

    const missing = await pleinWith();
    const withoutState = await throughProvider(missing.browser, account.sub);
    withoutState.searchParams.delete('state');
    await expectRefused(missing, withoutState.href, 'sso_failed');

    // The attempt is bound to the browser that started it: another browser cannot finish it (login CSRF).
    const started = await pleinWith();
    const elsewhere = await throughProvider(started.browser, account.sub);
    started.browser.forget(PLEIN, 'plein_sso');
    await expectRefused(started, elsewhere.href, 'sso_expired');

    const denied = await pleinWith();
    await denied.browser.request('GET', `${PLEIN}/api/v1/auth/oidc/start`);
    await expectRefused(denied, `${CALLBACK}?error=access_denied&state=x`, 'sso_denied');
  });

  it('refuses a replayed authorization code', async () => {
    const ctx = await pleinWith();
    const account = newAccount();
    const callback = await throughProvider(ctx.browser, account.sub);
    const attemptCookie = ctx.browser.cookie(PLEIN, 'plein_sso')!;
    expect((await ctx.browser.request('GET', callback.href)).location).toBe('/');
    // The same answer again, even with the cookie the browser had: its attempt is used up.
    ctx.browser.forget(PLEIN, 'plein_session');
    const before = await signInRows(ctx.db.pool);
    const replay = await ctx.browser.request('GET', callback.href, undefined, {
      cookie: `plein_sso=${attemptCookie}`,
    });
    expect(replay.location).toBe('/login?error=sso_expired');
    expect(await signInRows(ctx.db.pool)).toEqual(before);
    // And the provider itself will not give tokens for that code twice: a new attempt with the old code fails.
    await ctx.browser.request('GET', `${PLEIN}/api/v1/auth/oidc/start`);
    const fresh = await ctx.browser.follow(`${PLEIN}/api/v1/auth/oidc/start`, {
      login: account.sub,
      stop: atCallback,
    });
    fresh.searchParams.set('code', callback.searchParams.get('code')!);
    await expectRefused(ctx, fresh.href, 'sso_failed');
  });
});

describe('signing out after single sign-on', () => {
  it('ends the Plein session and returns the provider’s end-session address (RP-initiated logout)', async () => {
    const { app, browser } = await pleinWith();
    await browser.request('GET', (await throughProvider(browser, newAccount().sub)).href);
    const cookie = browser.cookie(PLEIN, 'plein_session')!;
    const csrf = (await client(app, { cookie, csrfToken: '' }).get('/api/v1/auth/session')).json().csrfToken;
    const out = await client(app, { cookie, csrfToken: csrf }).post('/api/v1/auth/logout');
    expect(out.statusCode, out.body).toBe(200);
    const end = new URL(out.json().endSessionUrl);
    expect(`${end.origin}${end.pathname}`).toBe(`${idp.issuer}/session/end`);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${PLEIN}/login`);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    expect((await client(app, { cookie, csrfToken: csrf }).get('/api/v1/me')).statusCode).toBe(401);
    // The provider accepts it: it signs the person out there and sends the browser back to Plein's sign-in page.
    const back = await browser.follow(end.href, { stop: (url) => url.origin === PLEIN });
    expect(back.href).toBe(`${PLEIN}/login`);
  });

  it('ends the person’s sessions when the provider posts a back-channel logout token, on every node', async () => {
    const { app, browser } = await pleinWith();
    await browser.request('GET', (await throughProvider(browser, newAccount().sub)).href);
    const cookie = browser.cookie(PLEIN, 'plein_session')!;
    // Another node on the same database has this session in its viewer cache (5 s), on a clock the test moves.
    let monotonic = 0;
    const otherNode = await testApp({ config: { publicUrl: PLEIN, oidc: oidcSettings(idp.issuer) } });
    otherNode.deps.viewers = new ViewerCache(5_000, () => monotonic);
    expect((await client(otherNode.app, { cookie, csrfToken: '' }).get('/api/v1/me')).statusCode).toBe(200);

    // The person signs out at the provider; it posts a logout token to the listening node.
    await browser.follow(`${idp.issuer}/session/end`, {
      stop: (url) => url.pathname === '/session/end/success',
    });
    expect((await client(app, { cookie, csrfToken: '' }).get('/api/v1/me')).statusCode).toBe(401);
    expect((await client(listening.app, { cookie, csrfToken: '' }).get('/api/v1/me')).statusCode).toBe(401);
    // The other node serves its cached viewer until the cache's 5 seconds are up, then no more.
    expect((await client(otherNode.app, { cookie, csrfToken: '' }).get('/api/v1/me')).statusCode).toBe(200);
    monotonic += 5_001;
    expect((await client(otherNode.app, { cookie, csrfToken: '' }).get('/api/v1/me')).statusCode).toBe(401);
  });

  it('refuses logout tokens that are not right, and ends nothing', async () => {
    const { app, db, browser } = await pleinWith();
    const account = newAccount();
    await browser.request('GET', (await throughProvider(browser, account.sub)).href);
    const cookie = browser.cookie(PLEIN, 'plein_session')!;
    const now = epochSeconds();
    const good = {
      iss: idp.issuer,
      aud: TEST_CLIENT.id,
      iat: now,
      exp: now + 120,
      jti: unique('jti'),
      sub: account.sub,
      events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
    };
    const { sub: _sub, ...withoutSub } = good;
    const { events: _events, ...withoutEvents } = good;
    const bad: Array<[string, string]> = [
      ['wrong issuer', signJwt({ ...good, iss: 'http://127.0.0.1:1' }, idp.key)],
      ['wrong audience', signJwt({ ...good, aud: 'someone-else' }, idp.key)],
      ['no events claim', signJwt(withoutEvents, idp.key)],
      ['a nonce', signJwt({ ...good, nonce: 'n' }, idp.key)],
      ['neither sid nor sub', signJwt(withoutSub, idp.key)],
      ['stale iat', signJwt({ ...good, iat: now - 3600 }, idp.key)],
      ['another key', signJwt(good, { kid: idp.key.kid, privateKey: rsaKey('x').privateKey })],
      ['alg none', signJwt(good, null)],
    ];
    const before = await signInRows(db.pool);
    for (const [what, token] of bad) {
      const answer = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/oidc/backchannel-logout',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ logout_token: token }).toString(),
      });
      expect(answer.statusCode, what).toBe(400);
      expect(answer.headers['content-type'], what).toMatch(/application\/problem\+json/);
    }
    expect(await signInRows(db.pool)).toEqual(before);
    expect((await client(app, { cookie, csrfToken: '' }).get('/api/v1/me')).statusCode).toBe(200);
    // The same token, rightly signed, does end it: the refusals above were about what was wrong, not the route.
    const right = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/oidc/backchannel-logout',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ logout_token: signJwt(good, idp.key) }).toString(),
    });
    expect(right.json()).toEqual({ endedSessions: 1 });
    expect((await client(app, { cookie, csrfToken: '' }).get('/api/v1/me')).statusCode).toBe(401);
  });

  it('takes form bodies on the back-channel route only', async () => {
    const { app } = await pleinWith();
    const answer = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a%40example.test&password=x',
    });
    expect(answer.statusCode).toBe(415);
  });
});
