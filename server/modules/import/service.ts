import { statSync } from 'node:fs';
import type pg from 'pg';
import type { Clock } from '../../platform/clock.js';
import { type LoadOptions, loadInterchange } from './loader/load.js';
import { openArchive } from './readers/archive.js';
import type { ReaderResult } from './readers/staging.js';
import { readWorkplace } from './readers/workplace.js';
import { readYammer } from './readers/yammer.js';
import type { ImportReport } from './report.js';

export type SourceFormat = 'yammer' | 'workplace' | 'interchange';

export type ImportRequest = {
  /** Archives (ZIP or folder) of one network, oldest first; or one interchange file. */
  paths: string[];
  format?: SourceFormat;
  /** The network's name in the import records; the same for each run of one network. */
  sourceName?: string;
  dryRun?: boolean;
  privateMessages?: boolean;
  homeDomain?: string;
  batchSize?: number;
  onProgress?: LoadOptions['onProgress'];
  onStage?: LoadOptions['onStage'];
};

/** Which reader an archive needs, from what it holds. */
export async function detectFormat(path: string): Promise<SourceFormat> {
  if (!statSync(path).isDirectory() && /\.jsonl?$/i.test(path)) return 'interchange';
  const archive = await openArchive(path);
  try {
    if (archive.files.some((file) => file.endsWith('Messages.csv') || file.endsWith('Users.csv')))
      return 'yammer';
    if (archive.files.some((file) => /(^|\/)(people|group)\.json$/.test(file))) return 'workplace';
  } finally {
    archive.close();
  }
  throw new Error(
    `${path}: not a Yammer export, a Workplace download nor an interchange file; name the format with --source`,
  );
}

/** Reads the archives into the interchange format (unless they are in it) and loads that: the whole import. */
export async function runImport(pool: pg.Pool, clock: Clock, request: ImportRequest): Promise<ImportReport> {
  const format = request.format ?? (await detectFormat(request.paths[0]!));
  let read: ReaderResult | null = null;
  const reading = performance.now();
  if (format === 'yammer') {
    read = await readYammer(request.paths, {
      source: request.sourceName ?? 'yammer',
      privateMessages: request.privateMessages,
      homeDomain: request.homeDomain,
    });
  }
  if (format === 'workplace') {
    read = await readWorkplace(request.paths, { source: request.sourceName ?? 'workplace' });
  }
  if (read) request.onStage?.('read', 0, performance.now() - reading);
  try {
    const report = await loadInterchange(pool, read?.path ?? request.paths[0]!, {
      clock,
      dryRun: request.dryRun,
      batchSize: request.batchSize,
      onProgress: request.onProgress,
      onStage: request.onStage,
    });
    if (read) {
      report.skipped.unshift(...read.skipped);
      for (const skipped of read.skipped)
        report.counts[skipped.kind as keyof ImportReport['counts']].skipped++;
      report.notes.unshift(...read.notes);
    }
    return report;
  } finally {
    read?.cleanUp();
  }
}
