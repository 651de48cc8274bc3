import type { ImportReportView, ImportUpload } from '../../../contract/import.js';
import type { Queryable } from '../../platform/db/database.js';

/** An upload as every node sees it; its archive is in file storage (uploads.ts). */
export type StoredUpload = ImportUpload & { source: string };

type Row = {
  id: string;
  format: ImportUpload['format'];
  file_name: string;
  bytes: string;
  source: string;
  status: ImportUpload['status'];
  done: number;
  total: number;
  dry_run: ImportReportView | null;
  result: ImportReportView | null;
  problems: ImportUpload['problems'];
};

const COLUMNS = 'id, format, file_name, bytes, source, status, done, total, dry_run, result, problems';

const fromRow = (row: Row): StoredUpload => ({
  id: row.id,
  format: row.format,
  fileName: row.file_name,
  bytes: Number(row.bytes),
  source: row.source,
  status: row.status,
  done: row.done,
  total: row.total,
  dryRun: row.dry_run,
  result: row.result,
  problems: row.problems,
});

export async function insertUpload(db: Queryable, upload: StoredUpload): Promise<void> {
  await db.query(
    `insert into import_uploads (id, format, file_name, bytes, source, status, done, total, dry_run, problems)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      upload.id,
      upload.format,
      upload.fileName,
      upload.bytes,
      upload.source,
      upload.status,
      upload.done,
      upload.total,
      JSON.stringify(upload.dryRun),
      JSON.stringify(upload.problems),
    ],
  );
}

export async function findUpload(db: Queryable, id: string): Promise<StoredUpload | null> {
  const { rows } = await db.query<Row>(`select ${COLUMNS} from import_uploads where id = $1`, [id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/**
 * Checked → running, by exactly one request on any node; also a run whose node stopped (no sign of life for
 * `stalledSeconds`), which the resumable loader completes. Null when neither.
 */
export async function claimUpload(
  db: Queryable,
  id: string,
  stalledSeconds: number,
): Promise<StoredUpload | null> {
  const { rows } = await db.query<Row>(
    `update import_uploads set status = 'running', updated_at = now()
      where id = $1 and (status = 'checked'
            or (status = 'running' and updated_at < now() - make_interval(secs => $2)))
      returning ${COLUMNS}`,
    [id, stalledSeconds],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Progress, and a sign of life (done and total null: only the moment). */
export async function recordProgress(db: Queryable, id: string, done: number | null, total: number | null) {
  await db.query(
    `update import_uploads set done = coalesce($2, done), total = coalesce($3, total), updated_at = now()
      where id = $1 and status = 'running'`,
    [id, done, total],
  );
}

export async function finishUpload(
  db: Queryable,
  id: string,
  end:
    | { status: 'done'; result: ImportReportView }
    | { status: 'failed'; problems: ImportUpload['problems'] },
): Promise<void> {
  await db.query(
    `update import_uploads set status = $2, result = $3, problems = $4, updated_at = now(),
            done = case when $2 = 'done' then total else done end
      where id = $1`,
    [
      id,
      end.status,
      end.status === 'done' ? JSON.stringify(end.result) : null,
      JSON.stringify(end.status === 'failed' ? end.problems : []),
    ],
  );
}

/** Uploads beyond the newest `kept` that are not running: forgotten, their archives to be removed. */
export async function forgetOldUploads(db: Queryable, kept: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `delete from import_uploads where id in (
       select id from import_uploads where status <> 'running' order by created_at desc, id offset $1)
     returning id`,
    [kept],
  );
  return rows.map((row) => row.id);
}
