import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import { buildPerson, tokenFor } from '../../test/factories.js';
import { testApp, testDatabase } from '../../test/harness.js';
import { manualClock } from '../clock.js';
import type { Database } from '../db/database.js';
import { WRITE_LIMIT } from '../http/register.js';
import { firstEmpty, hit, type Limit, sweepRateLimits, take } from './rate-limit.js';

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

const limitOf = (max: number, windowSeconds: number): Limit => ({
  key: `test:${randomUUID()}`,
  max,
  windowSeconds,
  what: 'test hits',
});
const at = (iso: string) => new Date(iso);

/** Hits the limit `count` times; how many got through. */
async function takeMany(limit: Limit, count: number, now: Date): Promise<number> {
  let taken = 0;
  for (let i = 0; i < count; i++) {
    const refused = await hit(db.pool, limit, now).then(
      () => false,
      (error) => error.status === 429 || Promise.reject(error),
    );
    if (!refused) taken++;
  }
  return taken;
}

describe('token bucket rate limit', () => {
  it('refuses a burst that straddles a minute boundary beyond max (a fixed window let 2×max through)', async () => {
    const limit = limitOf(WRITE_LIMIT.max, WRITE_LIMIT.windowSeconds);
    expect(await takeMany(limit, limit.max, at('2026-03-02T10:00:59.999Z'))).toBe(limit.max);
    // One millisecond later, in the next minute: a fixed window started counting afresh here.
    expect(await takeMany(limit, limit.max, at('2026-03-02T10:01:00.000Z'))).toBe(0);
  });

  it('refills one token per window/max and says in Retry-After when the next one comes', async () => {
    const limit = limitOf(10, 15 * 60); // one token every 90 seconds
    const start = at('2026-03-02T10:07:00Z');
    expect(await takeMany(limit, 10, start)).toBe(10);
    const refused = await take(db.pool, limit, start);
    expect(refused).toEqual({ taken: false, retryAfterSeconds: 90 });
    const error = await hit(db.pool, limit, new Date(start.getTime() + 30_000)).catch((e) => e);
    expect(error.status).toBe(429);
    expect(error.headers['retry-after']).toBe('60');
    // A second too early is refused; at the second Retry-After named, exactly one token is back.
    expect((await take(db.pool, limit, new Date(start.getTime() + 89_000))).taken).toBe(false);
    expect(await takeMany(limit, 2, new Date(start.getTime() + 90_000))).toBe(1);
  });

  it('does not count refused hits, so a client that waits as told gets in', async () => {
    const limit = limitOf(2, 60);
    const start = at('2026-03-02T10:00:00Z');
    expect(await takeMany(limit, 50, start)).toBe(2);
    expect((await take(db.pool, limit, new Date(start.getTime() + 30_000))).taken).toBe(true);
  });

  it('counts a bucket a clock left in the future from now instead of refusing until that clock catches up', async () => {
    const limit = limitOf(3, 60);
    expect(await takeMany(limit, 3, at('2026-12-06T12:00:00Z'))).toBe(3);
    expect(await takeMany(limit, 3, at('2026-03-02T10:00:00Z'))).toBe(3);
  });

  it('is shared: concurrent takers on one bucket get exactly max tokens between them', async () => {
    const limit = limitOf(25, 60);
    const now = at('2026-03-02T10:00:00Z');
    const results = await Promise.all(Array.from({ length: 60 }, () => take(db.pool, limit, now)));
    expect(results.filter((result) => result.taken)).toHaveLength(25);
  });

  it('peeks without taking: firstEmpty names the first empty bucket and its wait', async () => {
    const full = limitOf(5, 60);
    const empty = limitOf(2, 60);
    const now = at('2026-03-02T10:00:00Z');
    await takeMany(empty, 2, now);
    expect(await firstEmpty(db.pool, [full], now)).toBeNull();
    expect(await firstEmpty(db.pool, [full, empty], now)).toEqual({ limit: empty, retryAfterSeconds: 30 });
    expect(await takeMany(full, 5, now)).toBe(5); // the peek took nothing
  });

  it('sweeps buckets that are full again, and only those', async () => {
    const refilled = limitOf(1, 60);
    const owing = limitOf(1, 3600);
    await take(db.pool, refilled, at('2026-03-02T10:00:00Z'));
    await take(db.pool, owing, at('2026-03-02T10:00:00Z'));
    await sweepRateLimits(db.pool, at('2026-03-02T10:01:01Z'));
    const { rows } = await db.pool.query('select key from rate_limit_buckets where key = any($1)', [
      [refilled.key, owing.key],
    ]);
    expect(rows.map((row) => row.key)).toEqual([owing.key]);
  });
});

describe('the write limit on every write route', () => {
  it('refuses the write beyond the burst with a 429 whose Retry-After is when the next token comes', async () => {
    const clock = manualClock(new Date('2026-03-02T10:00:59.900Z'));
    const node = await testApp({ clock });
    const person = await buildPerson(node.db.pool);
    const api = client(node.app, await tokenFor(node.db.pool, person));
    const writeLimit = { key: `write:${person.id}`, ...WRITE_LIMIT, what: 'changes' };
    expect(await takeMany(writeLimit, WRITE_LIMIT.max - 1, clock.now())).toBe(WRITE_LIMIT.max - 1);
    expect((await api.patch('/api/v1/me', { bio: 'last of the burst' })).statusCode).toBe(200);

    clock.advance(150); // across the minute boundary, before the next token (one per 200 ms)
    const refused = await api.patch('/api/v1/me', { bio: 'one too many' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.headers['retry-after']).toBe('1');
    const { rows } = await node.db.pool.query('select bio from people where id = $1', [person.id]);
    expect(rows[0].bio).toBe('last of the burst');

    clock.advance(1000);
    expect((await api.patch('/api/v1/me', { bio: 'after waiting' })).statusCode).toBe(200);
    await node.app.close();
  });
});
