import type { Queryable } from '../db/database.js';
import { statement } from '../db/statement.js';
import { tooManyRequests } from '../http/problem.js';

export type Limit = { key: string; max: number; windowSeconds: number; what: string };

// Named: every write pays it, so it is parsed and planned once per connection.
const HIT = statement(
  `insert into rate_limit_hits (key, window_start, hits) values ($1, $2, 1)
   on conflict (key, window_start) do update set hits = rate_limit_hits.hits + 1
   returning hits`,
);

/** Counts one hit in a fixed window shared by all nodes; throws 429 once the window holds more than max. */
export async function hit(db: Queryable, limit: Limit, now: Date): Promise<void> {
  const windowStart = new Date(
    Math.floor(now.getTime() / (limit.windowSeconds * 1000)) * limit.windowSeconds * 1000,
  );
  const { rows } = await db.query<{ hits: number }>({ ...HIT, values: [limit.key, windowStart] });
  if (rows[0]!.hits > limit.max) {
    const retryAfter = Math.ceil((windowStart.getTime() + limit.windowSeconds * 1000 - now.getTime()) / 1000);
    throw tooManyRequests(
      `Too many ${limit.what}: at most ${limit.max} per ${limit.windowSeconds / 60} minutes. Try again in ${retryAfter} seconds.`,
      retryAfter,
    );
  }
}

/** Reads without counting, so a check can happen before the expensive work. */
export async function isOver(db: Queryable, limit: Limit, now: Date): Promise<boolean> {
  const windowStart = new Date(
    Math.floor(now.getTime() / (limit.windowSeconds * 1000)) * limit.windowSeconds * 1000,
  );
  const { rows } = await db.query<{ hits: number }>(
    'select hits from rate_limit_hits where key = $1 and window_start = $2',
    [limit.key, windowStart],
  );
  return (rows[0]?.hits ?? 0) >= limit.max;
}

/** Old windows are dead weight; any node may sweep them. */
export async function sweepRateLimits(db: Queryable, now: Date): Promise<void> {
  await db.query(`delete from rate_limit_hits where window_start < $1::timestamptz - interval '1 day'`, [
    now,
  ]);
}
