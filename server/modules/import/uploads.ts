import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImportReportView, ImportUpload } from '../../../contract/import.js';
import type { Deps } from '../../platform/http/deps.js';
import { notFound, Problem } from '../../platform/http/problem.js';
import { ImportRefused, type ImportReport } from './report.js';
import { detectFormat, runImport } from './service.js';
import {
  claimUpload,
  findUpload,
  finishUpload,
  forgetOldUploads,
  insertUpload,
  recordProgress,
  type StoredUpload,
} from './uploads-repository.js';

/** The first skipped rows an answer carries; the command line's report lists them all. */
const SKIPPED_SHOWN = 200;
/** Uploads kept, oldest dropped first: an import is an admin's rare, attended task. */
const KEPT = 20;
/** Progress is written to the database at most this often: any node reads it from there. */
const PROGRESS_EVERY_MS = 500;
/** A running import shows a sign of life this often, also in stages without progress (checks, roll-ups)… */
const ALIVE_EVERY_MS = 30_000;
/** …and one without any for this long lost its node: it may be run again, and resumes. */
const STALLED_SECONDS = 180;

// In file storage, so that whichever node the admin's "run" reaches can fetch it.
const archiveKey = (id: string) => `imports/${id}/archive`;
const safeName = (fileName: string) =>
  fileName.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'archive';

export const tooLarge = (maxBytes: number) =>
  new Problem(
    413,
    'Content Too Large',
    `The archive is larger than ${Math.round(maxBytes / 1024 / 1024)} MB (PLEIN_IMPORT_MAX_BYTES); import it with npm run import instead.`,
  );

/** Streams an uploaded body to a scratch file, refusing it once it passes the limit. */
export async function receiveArchive(
  body: Readable,
  fileName: string,
  maxBytes: number,
): Promise<{ dir: string; path: string; bytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'plein-import-upload-'));
  const path = join(dir, safeName(fileName));
  let bytes = 0;
  try {
    await pipeline(
      body,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          bytes += chunk.length;
          if (bytes > maxBytes) throw tooLarge(maxBytes);
          yield chunk;
        }
      },
      createWriteStream(path),
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, path, bytes };
}

/**
 * An upload checked by a dry run: what would arrive and what would not, nothing written yet. Its state goes to
 * the database and its archive to file storage, so that any node can report and run it.
 */
export async function checkUpload(
  deps: Deps,
  received: { dir: string; path: string; bytes: number },
  fileName: string,
  source: string | undefined,
): Promise<ImportUpload> {
  try {
    if (received.bytes === 0) {
      throw new Problem(400, 'Bad Request', 'The upload is empty: send the archive as the request body.');
    }
    let format: Awaited<ReturnType<typeof detectFormat>>;
    try {
      format = await detectFormat(received.path);
    } catch (error) {
      throw new Problem(422, 'Unprocessable Content', (error as Error).message.replace(received.dir, ''));
    }
    const upload: StoredUpload = {
      id: randomUUID(),
      format,
      fileName,
      bytes: received.bytes,
      status: 'checked',
      done: 0,
      total: 0,
      dryRun: null,
      result: null,
      problems: [],
      source: source ?? format,
    };
    try {
      upload.dryRun = view(
        await runImport(deps.db.pool, deps.clock, {
          paths: [received.path],
          format,
          sourceName: upload.source,
          dryRun: true,
        }),
      );
      upload.total = upload.dryRun.total;
      await deps.storage.put(
        archiveKey(upload.id),
        createReadStream(received.path),
        received.bytes,
        'application/octet-stream',
      );
    } catch (error) {
      if (!(error instanceof ImportRefused)) throw error;
      upload.status = 'refused';
      upload.problems = error.problems.slice(0, 50);
    }
    await insertUpload(deps.db.pool, upload);
    for (const id of await forgetOldUploads(deps.db.pool, KEPT)) await deps.storage.delete(archiveKey(id));
    return present(upload);
  } finally {
    rmSync(received.dir, { recursive: true, force: true });
  }
}

export async function uploadOf(deps: Deps, id: string): Promise<ImportUpload> {
  const upload = await findUpload(deps.db.pool, id);
  if (!upload) throw notFound('import');
  return present(upload);
}

/** Starts the checked import on this node; the answer comes at once and the admin follows it from any node. */
export async function startUpload(deps: Deps, id: string): Promise<ImportUpload> {
  const upload = await claimUpload(deps.db.pool, id, STALLED_SECONDS);
  if (!upload) {
    const found = await findUpload(deps.db.pool, id);
    if (!found) throw notFound('import');
    throw new Problem(409, 'Conflict', `This import is ${found.status}; only a checked import can be run.`);
  }
  void runUpload(deps, upload);
  return present(upload);
}

async function runUpload(deps: Deps, upload: StoredUpload): Promise<void> {
  const db = deps.db.pool;
  const dir = mkdtempSync(join(tmpdir(), 'plein-import-run-'));
  // One progress write at a time, in order, and not more often than PROGRESS_EVERY_MS.
  let written = 0;
  let writing: Promise<void> = Promise.resolve();
  const progress = (done: number, total: number) => {
    if (performance.now() - written < PROGRESS_EVERY_MS) return;
    written = performance.now();
    writing = writing.then(() => recordProgress(db, upload.id, done, total)).catch(() => {});
  };
  const alive = setInterval(() => {
    writing = writing.then(() => recordProgress(db, upload.id, null, null)).catch(() => {});
  }, ALIVE_EVERY_MS);
  try {
    const path = join(dir, safeName(upload.fileName));
    const stored = await deps.storage.get(archiveKey(upload.id));
    if (!stored) throw new Error(`the archive of import ${upload.id} is not in file storage`);
    await pipeline(stored, createWriteStream(path));
    const report = await runImport(db, deps.clock, {
      paths: [path],
      format: upload.format,
      sourceName: upload.source,
      onProgress: progress,
    });
    await writing;
    await finishUpload(db, upload.id, { status: 'done', result: view(report) });
  } catch (error) {
    await writing;
    const problems =
      error instanceof ImportRefused
        ? error.problems.slice(0, 50)
        : [{ file: upload.fileName, line: 0, message: 'The import stopped; run it again to resume.' }];
    if (!(error instanceof ImportRefused)) deps.log.error({ err: error }, 'import upload failed');
    await finishUpload(db, upload.id, { status: 'failed', problems }).catch((failure: unknown) =>
      deps.log.error({ err: failure }, 'import upload state not saved'),
    );
  } finally {
    clearInterval(alive);
    rmSync(dir, { recursive: true, force: true });
    await deps.storage.delete(archiveKey(upload.id)).catch(() => {});
  }
}

function present(upload: StoredUpload): ImportUpload {
  const { source: _source, ...shown } = upload;
  return shown;
}

function view(report: ImportReport): ImportReportView {
  return {
    dryRun: report.dryRun,
    total: report.total,
    records: report.records,
    counts: report.counts,
    skipped: report.skipped.slice(0, SKIPPED_SHOWN),
    skippedTotal: report.skipped.length,
    attachments: report.attachments.length,
    notes: report.notes,
  };
}
