import type { RecordType } from './interchange.js';

/** One place in one file: the original archive's file and line where known. */
export type Place = { file: string; line: number };

/** A row that was not imported, and why. */
export type Skipped = Place & { kind: string; sourceId: string; reason: string };

/** A file the attachments work will bring along later: listed, with where it lives. */
export type ListedAttachment = {
  target: 'thread' | 'reply';
  targetSourceId: string;
  name: string;
  storage: 'archive' | 'external';
  path: string | null;
};

export type KindCounts = {
  /** New Plein rows. */
  created: number;
  /** Found again: an existing person by email, or a row an earlier run imported (changed where the source changed). */
  matched: number;
  updated: number;
  /** Deleted in the source after an earlier run imported it: removed here too. */
  removed: number;
  skipped: number;
};

export type ImportReport = {
  dryRun: boolean;
  total: number;
  /** Records of each kind in the interchange file (what a dry run would import). */
  records: Record<RecordType, number>;
  counts: Record<RecordType, KindCounts>;
  skipped: Skipped[];
  attachments: ListedAttachment[];
  /** What the source does not hold or Plein does not keep (docs/IMPORT.md), said once per run. */
  notes: string[];
};

export const emptyCounts = (): Record<RecordType, KindCounts> => {
  const zero = (): KindCounts => ({ created: 0, matched: 0, updated: 0, removed: 0, skipped: 0 });
  return {
    person: zero(),
    community: zero(),
    membership: zero(),
    thread: zero(),
    reply: zero(),
    reaction: zero(),
    attachment: zero(),
  };
};

/** A bad archive: every problem names its file and line, and nothing has been written. */
export class ImportRefused extends Error {
  constructor(readonly problems: (Place & { message: string })[]) {
    super(
      `Import refused, nothing was written:\n${problems
        .map((p) => `  ${p.file}${p.line > 0 ? ` line ${p.line}` : ''}: ${p.message}`)
        .join('\n')}`,
    );
    this.name = 'ImportRefused';
  }
}
