import { beforeAll, describe, expect, it, vi } from 'vitest';
import { digest } from '../../platform/auth/secrets.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { manualClock } from '../../platform/clock.js';
import { client } from '../../test/client.js';
import { buildPerson, sessionFor, tokenFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { VIEWER_TTL_MS, ViewerCache } from './viewer-cache.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
let admin: ReturnType<typeof client>;

beforeAll(async () => {
  ctx = await testApp();
  admin = client(ctx.app, await tokenFor(ctx.db.pool, await buildPerson(ctx.db.pool, { role: 'admin' })));
});

describe('the viewer cache on this node', () => {
  it('serves a repeat request without a lookup: a change made elsewhere shows once the entry is gone', async () => {
    const person = await buildPerson(ctx.db.pool);
    const credentials = (await sessionFor(ctx.db.pool, person)) as { cookie: string; csrfToken: string };
    const browser = client(ctx.app, credentials);
    expect((await browser.get('/api/v1/auth/session')).statusCode).toBe(200);
    // Another node signing this session out touches only the database: here it holds until the entry expires.
    await ctx.db.pool.query('delete from sessions where id = $1', [digest(credentials.cookie)]);
    expect((await browser.get('/api/v1/auth/session')).statusCode).toBe(200);
    ctx.deps.viewers.forgetPerson(person.id);
    expect((await browser.get('/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('ends every session and token of a person an admin deactivates, at once', async () => {
    const person = await buildPerson(ctx.db.pool);
    const browser = client(ctx.app, await sessionFor(ctx.db.pool, person));
    const script = client(ctx.app, await tokenFor(ctx.db.pool, person));
    expect((await browser.get('/api/v1/me')).statusCode).toBe(200);
    expect((await script.get('/api/v1/me')).statusCode).toBe(200);
    const response = await admin.patch(`/api/v1/people/${person.handle}`, { status: 'deactivated' });
    expect(response.statusCode, response.body).toBe(200);
    expect((await browser.get('/api/v1/me')).statusCode).toBe(401);
    expect((await script.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('applies a new role at once', async () => {
    const person = await buildPerson(ctx.db.pool);
    const script = client(ctx.app, await tokenFor(ctx.db.pool, person));
    expect((await script.get('/api/v1/audit')).statusCode).toBe(403);
    expect((await admin.patch(`/api/v1/people/${person.handle}`, { role: 'admin' })).statusCode).toBe(200);
    expect((await script.get('/api/v1/audit')).statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/people/${person.handle}`, { role: 'member' })).statusCode).toBe(200);
    expect((await script.get('/api/v1/audit')).statusCode).toBe(403);
  });

  it('reads a busy session again in the background, and ends it there when another node signed it out', async () => {
    let now = 0;
    const node = await testApp();
    node.deps.viewers = new ViewerCache(VIEWER_TTL_MS, () => now);
    const person = await buildPerson(ctx.db.pool);
    const credentials = (await sessionFor(ctx.db.pool, person)) as { cookie: string; csrfToken: string };
    const browser = client(node.app, credentials);
    expect((await browser.get('/api/v1/auth/session')).statusCode).toBe(200);
    await ctx.db.pool.query('delete from sessions where id = $1', [digest(credentials.cookie)]);
    // Before the refresh point the entry is served as it is; past it, still served while it is read again.
    now = VIEWER_TTL_MS * 0.4;
    expect((await browser.get('/api/v1/auth/session')).statusCode).toBe(200);
    now = VIEWER_TTL_MS * 0.9;
    expect((await browser.get('/api/v1/auth/session')).statusCode).toBe(200);
    await vi.waitFor(() => expect(node.deps.viewers.size).toBe(0));
    // Within the time to live, the sign-out elsewhere has already taken effect here.
    expect((await browser.get('/api/v1/auth/session')).statusCode).toBe(401);
    await node.app.close();
  });

  it('ends a cached session at its expiry, and still marks it seen at most every five minutes', async () => {
    const clock = manualClock(new Date());
    const node = await testApp({ clock });
    const person = await buildPerson(ctx.db.pool);
    const credentials = (await sessionFor(ctx.db.pool, person)) as { cookie: string; csrfToken: string };
    const sessionId = digest(credentials.cookie);
    const browser = client(node.app, credentials);
    const seen = async () =>
      (await ctx.db.pool.query('select last_seen_at from sessions where id = $1', [sessionId])).rows[0]
        ?.last_seen_at as Date;
    expect((await browser.get('/api/v1/auth/session')).statusCode).toBe(200);
    const first = await seen();
    clock.advance(60_000);
    expect((await browser.get('/api/v1/auth/session')).statusCode).toBe(200);
    expect(await seen()).toEqual(first);
    clock.advance(5 * 60_000);
    expect((await browser.get('/api/v1/auth/session')).statusCode).toBe(200);
    expect((await seen()).getTime()).toBe(clock.now().getTime());
    // Touching slid the expiry 30 days on; past that, the cached session is over too.
    clock.advance(31 * 86_400_000);
    expect((await browser.get('/api/v1/auth/session')).statusCode).toBe(401);
    await node.app.close();
  });
});

describe('ViewerCache', () => {
  const viewer = (id: string): Viewer => ({
    id,
    handle: `h${id}`,
    name: 'N',
    role: 'member',
    isLeader: false,
    locale: null,
    via: { kind: 'token', tokenId: id },
  });
  const entry = (id: string) => ({ viewer: viewer(id), seenAt: null, expiresAt: null });

  it('forgets an entry after its time to live', () => {
    let now = 0;
    const cache = new ViewerCache(VIEWER_TTL_MS, () => now);
    cache.set('token:a', entry('1'), cache.generation);
    now = VIEWER_TTL_MS - 1;
    expect(cache.get('token:a')?.viewer.id).toBe('1');
    now = VIEWER_TTL_MS;
    expect(cache.get('token:a')).toBeNull();
  });

  it('lets an entry be refreshed once, from its drawn point between half and four fifths of its life', () => {
    let now = 0;
    let draw = 0;
    const cache = new ViewerCache(
      VIEWER_TTL_MS,
      () => now,
      () => draw,
    );
    cache.set('token:a', entry('1'), cache.generation); // draw 0: from half its life
    draw = 0.999;
    cache.set('token:b', entry('2'), cache.generation); // draw 1: from nearly four fifths
    now = VIEWER_TTL_MS * 0.5 - 1;
    expect(cache.claimRefresh('token:a')).toBeNull();
    now = VIEWER_TTL_MS * 0.5;
    const done = cache.claimRefresh('token:a');
    expect([typeof done, cache.claimRefresh('token:a'), cache.claimRefresh('token:b')]).toEqual([
      'function',
      null,
      null,
    ]);
    now = VIEWER_TTL_MS * 0.8;
    expect(cache.claimRefresh('token:b')).not.toBeNull();
    cache.set('token:a', entry('1'), cache.generation);
    expect([cache.claimRefresh('token:a'), cache.claimRefresh('token:c')]).toEqual([null, null]);
  });

  it('reads at most two entries again at once, so requests never queue behind refreshes', () => {
    let now = 0;
    const cache = new ViewerCache(
      VIEWER_TTL_MS,
      () => now,
      () => 0,
    );
    for (const key of ['a', 'b', 'c']) cache.set(`token:${key}`, entry(key), cache.generation);
    now = VIEWER_TTL_MS * 0.9;
    const first = cache.claimRefresh('token:a');
    expect(cache.claimRefresh('token:b')).not.toBeNull();
    expect(cache.claimRefresh('token:c')).toBeNull();
    first!();
    expect(cache.claimRefresh('token:c')).not.toBeNull();
  });

  it('does not store what was read before an eviction, and evicts all of a person', () => {
    const cache = new ViewerCache();
    const before = cache.generation;
    cache.set('token:a', entry('1'), cache.generation);
    cache.set('session:b', entry('1'), cache.generation);
    cache.set('session:c', entry('2'), cache.generation);
    cache.forgetPerson('1');
    expect([cache.get('token:a'), cache.get('session:b')]).toEqual([null, null]);
    expect(cache.get('session:c')?.viewer.id).toBe('2');
    cache.set('token:a', entry('1'), before);
    expect(cache.get('token:a')).toBeNull();
    cache.forget('session:c');
    expect(cache.size).toBe(0);
  });
});
