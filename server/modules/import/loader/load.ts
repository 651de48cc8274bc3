import type pg from 'pg';
import type { Clock } from '../../../platform/clock.js';
import { inTransaction } from '../../../platform/db/database.js';
import { rebuildParticipation } from '../../activity/repository.js';
import { rebuildAnalytics } from '../../analytics/refresh.js';
import { rebuildExpertise } from '../../experts/rebuild.js';
import type { ImportRecord, RecordType } from '../interchange.js';
import { emptyCounts, type ImportReport } from '../report.js';
import type { Batch, BatchLoader, RunState } from './batch.js';
import { settleCommunities, settleManagers, settleThreads } from './finish-repository.js';
import { placeOf, readInterchange } from './lines.js';
import { loadCommunities, loadMemberships, loadPeople } from './people-batch.js';
import { type Plan, planImport } from './plan.js';
import { loadReplies, loadThreads } from './posts-batch.js';
import { loadAttachments, loadReactions } from './reactions-batch.js';

export type LoadOptions = {
  clock: Clock;
  /** Check everything and count, write nothing. */
  dryRun?: boolean;
  /** Records per transaction (default 5000): a run killed midway keeps whole batches only, and a re-run skips
   * what they hold. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Each stage as it ends: a kind of record or a finishing step, how many records it took, how long (bench). */
  onStage?: (stage: string, records: number, ms: number) => void;
  /** Runs inside each batch's transaction just before it commits (a test stops a run there). */
  beforeCommit?: (batch: number) => Promise<void>;
};

const LOADERS: { [K in RecordType]: BatchLoader<Extract<ImportRecord, { type: K }>> } = {
  person: loadPeople,
  community: loadCommunities,
  membership: loadMemberships,
  thread: loadThreads,
  reply: loadReplies,
  reaction: loadReactions,
  attachment: loadAttachments,
};

/**
 * The one loader: an interchange file into Plein. A first pass checks it all (a bad file is refused before
 * anything is written); then batches are committed one by one, keyed by source id so a re-run (or a run after a
 * kill) adds only what is missing; then the derived columns and roll-ups are computed as live writes keep them.
 */
export async function loadInterchange(
  pool: pg.Pool,
  path: string,
  options: LoadOptions,
): Promise<ImportReport> {
  const checking = performance.now();
  const plan = await inTransaction(pool, (tx) => planImport(tx, path));
  options.onStage?.('check', plan.total, performance.now() - checking);
  const report: ImportReport = {
    dryRun: options.dryRun ?? false,
    total: plan.total,
    records: plan.byType,
    counts: emptyCounts(),
    skipped: [...plan.skipped],
    attachments: [],
    notes: [...plan.notes],
  };
  for (const skipped of plan.skipped) report.counts[skipped.kind as RecordType].skipped++;
  if (options.dryRun) return report;

  const run: RunState = { now: options.clock.now(), report, managerLinks: [] };
  await loadBatches(pool, path, plan, run, options);
  const stage = async (name: string, work: () => Promise<void>) => {
    const started = performance.now();
    await work();
    options.onStage?.(name, 0, performance.now() - started);
  };
  await stage('settle', () =>
    inTransaction(pool, async (tx) => {
      await settleManagers(tx, run.managerLinks);
      await settleThreads(tx, plan.sources);
      await settleCommunities(tx, plan.sources);
    }),
  );
  await rebuildDerived(pool, options.clock.now(), stage);
  return report;
}

/**
 * Batches one after the other, each in its own transaction; while one is written, the next is read and checked
 * (the file's parsing overlaps the database's work, never two batches' writes).
 */
async function loadBatches(pool: pg.Pool, path: string, plan: Plan, run: RunState, options: LoadOptions) {
  const size = options.batchSize ?? 5000;
  let batch: (Batch & { type: RecordType }) | null = null;
  let done = plan.skipLines.size;
  let count = 0;
  let writing: Promise<void> = Promise.resolve();
  const stage = { type: null as RecordType | null, records: 0, started: performance.now() };
  const stageEnds = (next: RecordType | null) => {
    if (stage.type && stage.type !== next)
      options.onStage?.(stage.type, stage.records, performance.now() - stage.started);
    if (stage.type !== next) Object.assign(stage, { type: next, records: 0, started: performance.now() });
  };
  const write = async (current: Batch & { type: RecordType }, number: number) => {
    stageEnds(current.type);
    await inTransaction(pool, async (tx) => {
      await (LOADERS[current.type] as BatchLoader<ImportRecord>)(tx, current, run);
      await options.beforeCommit?.(number);
    });
    stage.records += current.items.length;
    done += current.items.length;
    options.onProgress?.(done, plan.total);
  };
  const flush = async () => {
    if (!batch || batch.items.length === 0) return;
    const current = batch;
    batch = null;
    await writing;
    writing = write(current, ++count);
    // Its failure is thrown where it is next awaited; until then it must not count as unhandled.
    writing.catch(() => {});
  };
  for await (const entry of readInterchange(path)) {
    if (!entry.record || plan.skipLines.has(entry.line)) continue;
    const { record, line } = entry;
    if (
      batch &&
      (batch.type !== record.type || batch.source !== record.source || batch.items.length >= size)
    ) {
      await flush();
    }
    batch ??= { type: record.type, source: record.source, items: [] };
    batch.items.push({ record, line, place: placeOf(path, line, record) });
  }
  await flush();
  await writing;
  stageEnds(null);
}

/** Participation, expertise and the scorecard's roll-ups, computed again from every post as after any bulk load. */
async function rebuildDerived(
  pool: pg.Pool,
  now: Date,
  stage: (name: string, work: () => Promise<void>) => Promise<void>,
): Promise<void> {
  await stage('participation', () =>
    inTransaction(pool, async (tx) => {
      await tx.query(`set local work_mem = '256MB'`);
      await rebuildParticipation(tx);
    }),
  );
  await stage('expertise', () => rebuildExpertise(pool, now).then(() => {}));
  await stage('analytics', () => rebuildAnalytics(pool, now).then(() => {}));
}
