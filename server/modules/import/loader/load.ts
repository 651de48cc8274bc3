import type pg from 'pg';
import type { Clock } from '../../../platform/clock.js';
import { inTransaction } from '../../../platform/db/database.js';
import type { ImportRecord, RecordType } from '../interchange.js';
import { emptyCounts, type ImportReport } from '../report.js';
import type { Batch, BatchLoader, RunState } from './batch.js';
import { placeOf, readInterchange } from './lines.js';
import { addPending } from './pending-repository.js';
import { communityLoader, membershipLoader, personLoader } from './people-batch.js';
import { type Plan, planImport } from './plan.js';
import { replyLoader, threadLoader } from './posts-batch.js';
import { attachmentLoader, reactionLoader } from './reactions-batch.js';
import { finishRun } from './rollups.js';
import { untouched } from './touched.js';

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

// biome-ignore lint/suspicious/noExplicitAny: each kind prepares its own shape, which only its write reads.
const LOADERS: { [K in RecordType]: BatchLoader<Extract<ImportRecord, { type: K }>, any> } = {
  person: personLoader,
  community: communityLoader,
  membership: membershipLoader,
  thread: threadLoader,
  reply: replyLoader,
  reaction: reactionLoader,
  attachment: attachmentLoader,
};

/**
 * The one loader: an interchange file into Plein. A first pass checks it all (a bad file is refused before
 * anything is written); then batches are committed one by one, keyed by source id so a re-run (or a run after a
 * kill) adds only what is missing; then the derived columns and roll-ups are computed as live writes keep them,
 * for what the run (and any run killed before) touched.
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

  const run: RunState = {
    now: options.clock.now(),
    report,
    managerLinks: [],
    touched: untouched(),
    people: new Map(),
  };
  await loadBatches(pool, path, plan, run, options);
  await finishRun(pool, plan, run, options);
  return report;
}

/**
 * Batches one after the other, each in its own transaction; while one is written, the next is read and checked
 * and, for posts, prepared (look-ups and rendering, on another connection): node's work overlaps the database's,
 * never two batches' writes. A batch of another kind than the one before is prepared only once that one is in.
 */
async function loadBatches(pool: pg.Pool, path: string, plan: Plan, run: RunState, options: LoadOptions) {
  const size = options.batchSize ?? 5000;
  let batch: (Batch & { type: RecordType }) | null = null;
  let previous: RecordType | null = null;
  let done = plan.skipLines.size;
  let count = 0;
  let writing: Promise<void> = Promise.resolve();
  const stage = { type: null as RecordType | null, records: 0, started: performance.now() };
  const stageEnds = (next: RecordType | null) => {
    if (stage.type && stage.type !== next)
      options.onStage?.(stage.type, stage.records, performance.now() - stage.started);
    if (stage.type !== next) Object.assign(stage, { type: next, records: 0, started: performance.now() });
  };
  const write = async (current: Batch & { type: RecordType }, prepared: Promise<unknown>, number: number) => {
    const loader = LOADERS[current.type] as BatchLoader<ImportRecord, unknown>;
    const ready = await prepared;
    await inTransaction(pool, async (tx) => {
      run.touched = untouched();
      await loader.write(tx, current, run, ready);
      if (run.touched.changed) await addPending(tx, run.touched);
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
    const loader = LOADERS[current.type] as BatchLoader<ImportRecord, unknown>;
    // A new kind may need what the last batch of the kind before writes (people before posts).
    if (current.type !== previous) {
      await writing;
      stageEnds(current.type);
    }
    previous = current.type;
    const prepared = loader.prepare ? loader.prepare(pool, current, run) : Promise.resolve(undefined);
    // Its failure is thrown by the write that awaits it; until then it must not count as unhandled.
    prepared.catch(() => {});
    await writing;
    writing = write(current, prepared, ++count);
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
