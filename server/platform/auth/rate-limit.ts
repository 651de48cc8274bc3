import type { Queryable } from '../db/database.js';
import { statement } from '../db/statement.js';
import { tooManyRequests } from '../http/problem.js';

/**
 * A token bucket of `max` tokens that refills at `max` per `windowSeconds` (one every windowSeconds/max), kept in
 * PostgreSQL so every node shares it: a burst of at most `max`, then the steady rate — never 2×max across a
 * boundary, as a fixed window allowed.
 */
export type Limit = { key: string; max: number; windowSeconds: number; what: string };

const interval = (limit: Limit) => (limit.windowSeconds * 1000) / limit.max;

// One row per key: the moment its bucket would be full again (GCRA's "theoretical arrival time"). Taking a token
// moves it one interval later; the update happens only while the bucket is not empty, so a refusal costs nothing.
// A moment more than a window ahead cannot happen on one clock: a clock went back (or a node's runs ahead), and
// the bucket counts from now rather than refusing everyone until that clock catches up.
// Named, and one round trip: every write pays it. The second column is read only when the first is false.
const TAKE = statement(
  `with taken as (
     insert into rate_limit_buckets as bucket (key, full_again_at)
     values ($1, $2::timestamptz + $3::float8 * interval '1 millisecond')
     on conflict (key) do update
        set full_again_at = case when bucket.full_again_at > $2::timestamptz + $4::float8 * interval '1 millisecond'
                                 then $2::timestamptz
                                 else greatest(bucket.full_again_at, $2::timestamptz) end
                            + $3::float8 * interval '1 millisecond'
      where case when bucket.full_again_at > $2::timestamptz + $4::float8 * interval '1 millisecond'
                 then $2::timestamptz
                 else greatest(bucket.full_again_at, $2::timestamptz) end
            + $3::float8 * interval '1 millisecond' <= $2::timestamptz + $4::float8 * interval '1 millisecond'
     returning full_again_at
   )
   select exists (select from taken) as taken,
          (select full_again_at from rate_limit_buckets where key = $1) as full_again_at`,
);

/** Seconds until the bucket holds a token again, given when it would be full (0: it holds one now). */
function secondsUntilToken(limit: Limit, fullAgainAt: Date | null, now: Date): number {
  const windowMs = limit.windowSeconds * 1000;
  if (!fullAgainAt || fullAgainAt.getTime() > now.getTime() + windowMs) return 0;
  const tokenAt = fullAgainAt.getTime() + interval(limit) - windowMs;
  return tokenAt <= now.getTime() ? 0 : Math.ceil((tokenAt - now.getTime()) / 1000);
}

/** Takes one token if the bucket has one; otherwise says how many seconds until it has. */
export async function take(
  db: Queryable,
  limit: Limit,
  now: Date,
): Promise<{ taken: true } | { taken: false; retryAfterSeconds: number }> {
  const { rows } = await db.query<{ taken: boolean; full_again_at: Date | null }>({
    ...TAKE,
    values: [limit.key, now, interval(limit), limit.windowSeconds * 1000],
  });
  if (rows[0]!.taken) return { taken: true };
  // A concurrent taker may have moved the bucket since this statement's snapshot: never advise less than a second.
  return {
    taken: false,
    retryAfterSeconds: Math.max(1, secondsUntilToken(limit, rows[0]!.full_again_at, now)),
  };
}

/** Takes one token, or throws 429 saying when the next one comes. */
export async function hit(db: Queryable, limit: Limit, now: Date): Promise<void> {
  const result = await take(db, limit, now);
  if (!result.taken) throw tooMany(limit, result.retryAfterSeconds);
}

/** The 429 for a limit whose bucket is empty. */
export function tooMany(limit: Limit, retryAfterSeconds: number) {
  return tooManyRequests(
    `Too many ${limit.what}: at most ${limit.max} per ${limit.windowSeconds / 60} minutes. Try again in ${retryAfterSeconds} seconds.`,
    retryAfterSeconds,
  );
}

/**
 * Reads without taking, so a check can come before the expensive work: the first limit whose bucket is empty,
 * with the seconds until it holds a token again, or null when every one of them has a token.
 */
export async function firstEmpty(
  db: Queryable,
  limits: Limit[],
  now: Date,
): Promise<{ limit: Limit; retryAfterSeconds: number } | null> {
  if (limits.length === 0) return null;
  const { rows } = await db.query<{ key: string; full_again_at: Date }>(
    'select key, full_again_at from rate_limit_buckets where key = any($1::text[])',
    [limits.map((limit) => limit.key)],
  );
  const fullAgainAt = new Map(rows.map((row) => [row.key, row.full_again_at]));
  for (const limit of limits) {
    const retryAfterSeconds = secondsUntilToken(limit, fullAgainAt.get(limit.key) ?? null, now);
    if (retryAfterSeconds > 0) return { limit, retryAfterSeconds };
  }
  return null;
}

/** A bucket full again is the same as no row: any node may sweep them. */
export async function sweepRateLimits(db: Queryable, now: Date): Promise<void> {
  await db.query('delete from rate_limit_buckets where full_again_at < $1', [now]);
}
