import type pg from 'pg';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import * as changes from './changes-repository.js';
import * as rollup from './rollup-repository.js';

// Any constant: a full rebuild and a job tick on another node take turns instead of writing the same rows.
const EXPERTISE_LOCK = 7_215_009;
const REBUILT = 'expertiseRebuiltAt';
const REFRESHED = 'expertiseRefreshedAt';
/** A full rebuild once a day catches what no timestamp or trigger records (a bulk load with old dates). */
export const EXPERTISE_REBUILD_MS = 24 * 60 * 60_000;
/** Each refresh looks this far behind the last one: a transaction that committed late is still seen. */
export const EXPERTISE_OVERLAP_MS = 30_000;

async function readState(db: pg.PoolClient, key: string): Promise<Date | null> {
  const { rows } = await db.query<{ value: string }>(
    `select value #>> '{}' as value from settings where key = $1`,
    [key],
  );
  return rows[0] ? new Date(rows[0].value) : null;
}

async function writeState(db: pg.PoolClient, key: string, at: Date) {
  await db.query(
    `insert into settings (key, value) values ($1, $2)
     on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [key, JSON.stringify(at.toISOString())],
  );
}

async function rebuildWithin(db: pg.PoolClient, now: Date) {
  // Millions of rows are grouped at once: sorts and hashes in memory rather than spilled to disk.
  await db.query(`set local work_mem = '256MB'`);
  await db.query('delete from expertise_changes');
  await rollup.rebuildEvidenceAndScores(db);
  await rollup.refreshTopics(db, 'all');
  await writeState(db, REBUILT, now);
  await writeState(db, REFRESHED, now);
}

/**
 * Rebuilds the expertise roll-ups from all posts in one transaction (readers see the old or the new, never half):
 * after a bulk load, and once a day from the job.
 */
export async function rebuildExpertise(pool: pg.Pool, now = new Date()): Promise<void> {
  await inTransaction(pool, async (db) => {
    await db.query('select pg_advisory_xact_lock($1)', [EXPERTISE_LOCK]);
    await rebuildWithin(db, now);
  });
}

/**
 * Brings the roll-ups up to date for the people whose evidence changed since `since` (new threads, new reactions
 * and the changes the triggers of migration 0009 record): only their evidence of the kinds that changed is
 * computed again from their own posts, then their scores and the topics they touch. Returns how many people.
 */
export async function refreshExpertiseSince(db: pg.PoolClient, since: Date, now: Date): Promise<number> {
  const changed = await changes.changedSince(db, since, await changes.takeChanges(db));
  if (changed.scored.length > 0) {
    const before = await changes.forget(db, changed);
    await rollup.insertEvidence(db, { repliers: changed.repliers, starters: changed.starters });
    await rollup.insertScores(db, { people: changed.scored });
    const after = await changes.topicsOf(db, changed.scored);
    await rollup.refreshTopics(db, [...new Set([...before, ...after])]);
  }
  await writeState(db, REFRESHED, now);
  return changed.scored.length;
}

/** The expertise job's tick (every minute): a refresh, or the daily full rebuild (also the very first time). */
export async function refreshExpertise(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (db) => {
    await db.query('select pg_advisory_xact_lock($1)', [EXPERTISE_LOCK]);
    const rebuilt = await readState(db, REBUILT);
    const refreshed = await readState(db, REFRESHED);
    if (!rebuilt || !refreshed || now.getTime() - rebuilt.getTime() >= EXPERTISE_REBUILD_MS) {
      await rebuildWithin(db, now);
      return;
    }
    const since = new Date(Math.min(refreshed.getTime(), now.getTime()) - EXPERTISE_OVERLAP_MS);
    await refreshExpertiseSince(db, since, now);
  });
}
