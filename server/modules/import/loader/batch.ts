import type { Queryable } from '../../../platform/db/database.js';
import type { ImportRecord } from '../interchange.js';
import type { ImportReport, Place } from '../report.js';

/** What every batch of one run shares: the moment of the load, the report it fills, the links settled at the end. */
export type RunState = {
  now: Date;
  report: ImportReport;
  managerLinks: { source: string; personId: string; managerId: string }[];
};

/** Records of one kind and one source, in file order, with their lines. */
export type Batch<R extends ImportRecord = ImportRecord> = {
  source: string;
  items: { record: R; line: number; place: Place }[];
};

export type BatchLoader<R extends ImportRecord> = (
  db: Queryable,
  batch: Batch<R>,
  run: RunState,
) => Promise<void>;

export function skip(run: RunState, item: Batch['items'][number], reason: string): void {
  run.report.counts[item.record.type].skipped++;
  run.report.skipped.push({ ...item.place, kind: item.record.type, sourceId: item.record.sourceId, reason });
}
