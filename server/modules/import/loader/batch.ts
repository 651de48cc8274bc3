import type { Queryable } from '../../../platform/db/database.js';
import type { ImportRecord } from '../interchange.js';
import type { ImportReport, Place } from '../report.js';
import type { PersonFacts } from './repository.js';
import type { Touched } from './touched.js';

/** What every batch of one run shares: the moment of the load, the report it fills, the links settled at the end. */
export type RunState = {
  now: Date;
  report: ImportReport;
  managerLinks: { source: string; personId: string; managerId: string }[];
  /** What the batch being written changed, recorded with it for the roll-ups (touched.ts). */
  touched: Touched;
  /** People by sourceKey, as posts need them: filled as batches look them up, emptied when people are written. */
  people: Map<string, PersonFacts>;
};

/** Records of one kind and one source, in file order, with their lines. */
export type Batch<R extends ImportRecord = ImportRecord> = {
  source: string;
  items: { record: R; line: number; place: Place }[];
};

/**
 * A kind's loader. `write` runs in the batch's transaction; `prepare`, where a kind has one, runs before it on
 * another connection while the previous batch of the same kind is still being written, so it may read only what
 * earlier stages committed (look-ups of people, communities, threads) and do node's own work (rendering).
 */
export type BatchLoader<R extends ImportRecord, P = undefined> = {
  prepare?: (db: Queryable, batch: Batch<R>, run: RunState) => Promise<P>;
  write: (db: Queryable, batch: Batch<R>, run: RunState, prepared: P) => Promise<void>;
};

export function skip(run: RunState, item: Batch['items'][number], reason: string): void {
  run.report.counts[item.record.type].skipped++;
  run.report.skipped.push({ ...item.place, kind: item.record.type, sourceId: item.record.sourceId, reason });
}
