import type pg from 'pg';
import { inTransaction } from '../../platform/db/database.js';
import type { Job } from '../../platform/jobs/scheduler.js';
import { addDays, utcDay } from '../../platform/time/days.js';
import { refreshActivity } from './rollup-activity.js';
import { refreshAmaQuestions } from './rollup-amas.js';
import { refreshCommunityActive } from './rollup-communities.js';
import { refreshLadder } from './rollup-ladder.js';
import { clearNetwork, refreshNetwork } from './rollup-network.js';
import * as rollups from './rollup-repository.js';

/**
 * Each tick recomputes this many days before the last refresh as well: late links to a theme or goal, deletions
 * and slow transactions of the past week are caught up; older changes wait for the next full rebuild.
 */
export const REFRESH_LOOKBACK_DAYS = 7;
/** How often the job runs; the scorecard's figures are at most this old. */
export const REFRESH_EVERY_MS = 10 * 60_000;
const REFRESHED = 'refreshed_at';
// Any constant: a rebuild (seed) and a job tick on another node take turns instead of writing the same days.
const ROLLUP_LOCK = 7_215_008;
/** Waits for, then holds until commit, the roll-ups' lock: one writer of the roll-ups at a time. */
export const lockRollups = (db: pg.PoolClient) => db.query('select pg_advisory_xact_lock($1)', [ROLLUP_LOCK]);
const REACH_DAY = 'reach_day';
// A full rebuild groups every post and reaction at once (10M posts: ~25M rows): sorts in memory, not on disk.
// (PGlite accepts at most just under 2 GB.)
const REBUILD_WORK_MEM = '1GB';

/**
 * Brings the roll-ups up to `now`: only the days since the last refresh (minus the look-back) are computed again,
 * so a tick reads one week of posts, not all of them; and from `since` on where that is earlier (an import of
 * history added posts from that day on). The first run is a full rebuild.
 */
export async function refreshAnalytics(
  pool: pg.Pool,
  now: Date,
  since?: string,
): Promise<{ fromDay: string | null }> {
  return inTransaction(pool, async (db) => {
    await lockRollups(db);
    const last = await rollups.readState(db, REFRESHED);
    if (!last) return { fromDay: await rebuildWithin(db, now) };
    const tick = addDays(utcDay(last < now ? last : now), -REFRESH_LOOKBACK_DAYS);
    const fromDay = since !== undefined && since < tick ? since : tick;
    await rollups.refreshHierarchy(db);
    await rollups.clearDays(db, fromDay);
    await rollups.insertConversationDays(db, fromDay);
    await rollups.collectInteractions(db, fromDay);
    await rollups.insertInteractionDays(db);
    const today = utcDay(now);
    await rollups.upsertPairs(db, today);
    await rollups.updateFirstContributions(db, fromDay);
    await rollups.refreshQuestions(db, fromDay);
    await refreshNetwork(db, fromDay);
    await refreshAmaQuestions(db, fromDay);
    await refreshActivity(db, fromDay);
    await refreshLadder(db, fromDay);
    await refreshCommunityActive(db, fromDay, today);
    const reachDay = await rollups.readState(db, REACH_DAY);
    // Pairs age out of the 90 days once a day for everyone; within a day only the people just seen change.
    const sameDay = reachDay !== null && utcDay(reachDay) === today;
    await rollups.countReach(db, today, sameDay);
    await rollups.writeState(db, REACH_DAY, new Date(`${today}T00:00:00Z`));
    await rollups.writeState(db, REFRESHED, now);
    return { fromDay };
  });
}

/**
 * Computes every roll-up again from all posts: after a bulk load (the demo seed, bench:data) or to take in old
 * edits. Call `rebuildAnalytics(db.pool, new Date())` once the data is in.
 */
export async function rebuildAnalytics(pool: pg.Pool, now: Date): Promise<void> {
  await inTransaction(pool, (db) => rebuildWithin(db, now));
}

async function rebuildWithin(db: pg.PoolClient, now: Date): Promise<null> {
  await lockRollups(db);
  await db.query(`set local work_mem = '${REBUILD_WORK_MEM}'`);
  const today = utcDay(now);
  await rollups.refreshHierarchy(db);
  await rollups.clearAll(db);
  await clearNetwork(db);
  const first = '0001-01-01';
  await rollups.insertConversationDays(db, first);
  await rollups.collectInteractions(db, first);
  await rollups.insertInteractionDays(db);
  await rollups.upsertPairs(db, today);
  await rollups.updateFirstContributions(db, first);
  await rollups.refreshQuestions(db, first);
  await refreshNetwork(db, first);
  await refreshAmaQuestions(db, first);
  await refreshActivity(db, first);
  await refreshLadder(db, first);
  await refreshCommunityActive(db, first, today);
  await rollups.countReach(db, today, false);
  await rollups.writeState(db, REACH_DAY, new Date(`${today}T00:00:00Z`));
  await rollups.writeState(db, REFRESHED, now);
  return null;
}

/** The scheduler's job: one node refreshes the roll-ups every ten minutes. */
export const analyticsJob: Job = {
  name: 'analytics-rollups',
  everyMs: REFRESH_EVERY_MS,
  run: async (deps) => {
    await refreshAnalytics(deps.db.pool, deps.clock.now());
  },
};
