import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/auth/secrets.js';
import { manualClock } from '../../platform/clock.js';
import { client } from '../../test/client.js';
import { buildPerson, sessionFor, tokenFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { rowCounts } from '../../test/row-counts.js';
import { MAX_TOKENS } from './service.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
const password = 'correct horse battery';
let passwordHash: string;

beforeAll(async () => {
  ctx = await testApp();
  passwordHash = await hashPassword(password);
});

const sessionCookie = (setCookie: string | string[] | undefined) => {
  const header = ([] as string[]).concat(setCookie ?? []).find((c) => c.startsWith('plein_session='));
  return header ? { header, value: header.split(';')[0]!.split('=')[1]! } : null;
};

describe('login and sessions', () => {
  it('signs in with email and password, sets an HttpOnly SameSite=Lax cookie and returns a CSRF token', async () => {
    const person = await buildPerson(ctx.db.pool, { passwordHash });
    const response = await client(ctx.app).post('/api/v1/auth/login', {
      email: person.email.toUpperCase(),
      password,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.person.handle).toBe(person.handle);
    expect(body.person.email).toBe(person.email);
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = sessionCookie(response.headers['set-cookie']);
    expect(cookie?.header).toMatch(/HttpOnly/);
    expect(cookie?.header).toMatch(/SameSite=Lax/);

    const me = client(ctx.app, { cookie: cookie!.value, csrfToken: body.csrfToken });
    expect((await me.get('/api/v1/me')).json().handle).toBe(person.handle);
    const { rows } = await ctx.db.pool.query('select activated_at from people where id = $1', [person.id]);
    expect(rows[0].activated_at).not.toBeNull();

    expect((await me.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await me.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('refuses a wrong password or unknown email with the same 401', async () => {
    const person = await buildPerson(ctx.db.pool, { passwordHash });
    const wrong = await client(ctx.app).post('/api/v1/auth/login', {
      email: person.email,
      password: 'nope nope nope',
    });
    const unknown = await client(ctx.app).post('/api/v1/auth/login', {
      email: 'nobody@example.test',
      password,
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('throttles failed sign-ins for an account from one address with a 429 problem that says when to retry', async () => {
    const person = await buildPerson(ctx.db.pool, { passwordHash });
    // Held inside one 15-minute window, as in the per-address test below.
    const node = await testApp({ clock: manualClock(new Date('2026-03-02T10:07:00Z')) });
    const anon = client(node.app);
    for (let i = 0; i < 10; i++) {
      expect(
        (await anon.post('/api/v1/auth/login', { email: person.email, password: 'wrong password' }))
          .statusCode,
      ).toBe(401);
    }
    const blocked = await anon.post('/api/v1/auth/login', { email: person.email, password });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().detail).toMatch(/failed sign-ins/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await node.app.close();
  });

  it('throttles failed sign-ins per address', async () => {
    // A clock held inside one 15-minute window: on the real clock the attempts could straddle two and never add up.
    const node = await testApp({ clock: manualClock(new Date('2026-03-02T10:07:00Z')) });
    // A server's test database outlives a run: that window starts empty each time, or the limit would be met already.
    await node.db.pool.query(`delete from rate_limit_buckets where key = 'sign-in-address:203.0.113.77'`);
    const anon = client(node.app);
    const headers = { 'x-forwarded-for': '203.0.113.77' };
    let last = 0;
    for (let i = 0; i < 51; i++) {
      last = (
        await anon.post(
          '/api/v1/auth/login',
          { email: `x${i}@example.test`, password: 'whatever1' },
          { headers },
        )
      ).statusCode;
    }
    expect(last).toBe(429);
    await node.app.close();
  });

  it('rejects a cookie-authenticated write without the CSRF token, and changes nothing', async () => {
    const person = await buildPerson(ctx.db.pool);
    const credentials = await sessionFor(ctx.db.pool, person);
    const before = await rowCounts(ctx.db.pool);
    const response = await client(ctx.app, credentials).patch(
      '/api/v1/me',
      { bio: 'changed' },
      { csrf: false },
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().detail).toMatch(/X-CSRF-Token/);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    const { rows } = await ctx.db.pool.query('select bio from people where id = $1', [person.id]);
    expect(rows[0].bio).toBe('');
  });

  it('refuses a deactivated person at login', async () => {
    const person = await buildPerson(ctx.db.pool, { passwordHash, status: 'deactivated' });
    const response = await client(ctx.app).post('/api/v1/auth/login', { email: person.email, password });
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toMatch(/deactivated/);
  });
});

describe('API tokens', () => {
  it('creates a token shown once, stores only its hash, and accepts it as Bearer without CSRF', async () => {
    const person = await buildPerson(ctx.db.pool);
    const browser = client(ctx.app, await sessionFor(ctx.db.pool, person));
    const created = await browser.post('/api/v1/me/tokens', { name: 'CLI' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const { rows } = await ctx.db.pool.query('select token_hash from api_tokens where id = $1', [id]);
    expect(rows[0].token_hash).not.toContain(token);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);

    const api = client(ctx.app, { bearer: token });
    expect((await api.patch('/api/v1/me', { bio: 'via token' })).statusCode).toBe(200);
    const listed = await browser.get('/api/v1/me/tokens');
    expect(listed.json().items.map((t: { name: string }) => t.name)).toEqual(['CLI']);
    expect(JSON.stringify(listed.json())).not.toContain(token);

    expect((await browser.delete(`/api/v1/me/tokens/${id}`)).statusCode).toBe(204);
    expect((await api.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('answers a malformed or unknown Bearer token with 401', async () => {
    expect(
      (await client(ctx.app).get('/api/v1/me', { headers: { authorization: 'Basic abc' } })).statusCode,
    ).toBe(401);
    expect((await client(ctx.app, { bearer: 'plein_nope' }).get('/api/v1/me')).statusCode).toBe(401);
  });

  it(`refuses a token beyond ${MAX_TOKENS} live ones per person, naming the field`, async () => {
    const person = await buildPerson(ctx.db.pool);
    const api = client(ctx.app, await tokenFor(ctx.db.pool, person)); // the first of them
    for (let i = 1; i < MAX_TOKENS; i++)
      expect((await api.post('/api/v1/me/tokens', { name: `t${i}` })).statusCode).toBe(201);
    const refused = await api.post('/api/v1/me/tokens', { name: 'one more' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('name');
  });

  it('rejects an empty token name with a problem naming the field', async () => {
    const person = await buildPerson(ctx.db.pool);
    const api = client(ctx.app, await tokenFor(ctx.db.pool, person));
    const response = await api.post('/api/v1/me/tokens', { name: '' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('name');
  });
});
