import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImportReportView, ImportUpload } from '../../../contract/import.js';
import type { Deps } from '../../platform/http/deps.js';
import { notFound, Problem } from '../../platform/http/problem.js';
import { ImportRefused, type ImportReport } from './report.js';
import { detectFormat, runImport } from './service.js';

/** The first skipped rows an answer carries; the command line's report lists them all. */
const SKIPPED_SHOWN = 200;
/** Uploads kept on this node, oldest dropped first: an import is an admin's rare, attended task. */
const KEPT = 20;

type Upload = ImportUpload & { path: string; dir: string; source: string };
// On this node only: the admin watches the run on the node that took the upload (docs/IMPORT.md).
const uploads = new Map<string, Upload>();

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
  const path = join(dir, fileName.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'archive');
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

/** An upload checked by a dry run: what would arrive and what would not, nothing written yet. */
export async function checkUpload(
  deps: Deps,
  received: { dir: string; path: string; bytes: number },
  fileName: string,
  source: string | undefined,
): Promise<ImportUpload> {
  if (received.bytes === 0) {
    rmSync(received.dir, { recursive: true, force: true });
    throw new Problem(400, 'Bad Request', 'The upload is empty: send the archive as the request body.');
  }
  let format: Awaited<ReturnType<typeof detectFormat>>;
  try {
    format = await detectFormat(received.path);
  } catch (error) {
    rmSync(received.dir, { recursive: true, force: true });
    throw new Problem(422, 'Unprocessable Content', (error as Error).message.replace(received.dir, ''));
  }
  const upload: Upload = {
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
    path: received.path,
    dir: received.dir,
    source: source ?? format,
  };
  try {
    upload.dryRun = view(
      await runImport(deps.db.pool, deps.clock, {
        paths: [upload.path],
        format,
        sourceName: upload.source,
        dryRun: true,
      }),
    );
    upload.total = upload.dryRun.total;
  } catch (error) {
    if (!(error instanceof ImportRefused)) throw error;
    upload.status = 'refused';
    upload.problems = error.problems.slice(0, 50);
  }
  remember(upload);
  return present(upload);
}

export function uploadOf(id: string): ImportUpload {
  const upload = uploads.get(id);
  if (!upload) throw notFound('import');
  return present(upload);
}

/** Starts the checked import; the answer comes at once and the admin follows its progress. */
export function startUpload(deps: Deps, id: string): ImportUpload {
  const upload = uploads.get(id);
  if (!upload) throw notFound('import');
  if (upload.status !== 'checked') {
    throw new Problem(409, 'Conflict', `This import is ${upload.status}; only a checked import can be run.`);
  }
  upload.status = 'running';
  runImport(deps.db.pool, deps.clock, {
    paths: [upload.path],
    format: upload.format,
    sourceName: upload.source,
    onProgress: (done, total) => {
      upload.done = done;
      upload.total = total;
    },
  })
    .then((report) => {
      upload.result = view(report);
      upload.done = upload.total;
      upload.status = 'done';
    })
    .catch((error: unknown) => {
      upload.status = 'failed';
      upload.problems =
        error instanceof ImportRefused
          ? error.problems.slice(0, 50)
          : [{ file: upload.fileName, line: 0, message: 'The import stopped; run it again to resume.' }];
      if (!(error instanceof ImportRefused)) deps.log.error({ err: error }, 'import upload failed');
    })
    .finally(() => rmSync(upload.dir, { recursive: true, force: true }));
  return present(upload);
}

function remember(upload: Upload) {
  uploads.set(upload.id, upload);
  for (const old of uploads.values()) {
    if (uploads.size <= KEPT) break;
    if (old.status === 'running') continue;
    rmSync(old.dir, { recursive: true, force: true });
    uploads.delete(old.id);
  }
}

function present(upload: Upload): ImportUpload {
  const { path: _path, dir: _dir, source: _source, ...shown } = upload;
  return structuredClone(shown);
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
