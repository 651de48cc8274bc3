import type { Queryable } from '../../platform/db/database.js';

export type ExportRow = {
  id: string;
  kind: 'person' | 'ediscovery';
  recipient_id: string;
  subject_id: string | null;
  requested_by: string | null;
  scope_from: Date | null;
  scope_to: Date | null;
  scope_community_id: string | null;
  scope_person_id: string | null;
  status: 'queued' | 'running' | 'ready' | 'failed' | 'expired';
  storage_key: string | null;
  size_bytes: string | null;
  created_at: Date;
  finished_at: Date | null;
  expires_at: Date | null;
  attempts: number;
  retry_at: Date | null;
  failure_reason: 'storage' | 'build' | null;
  subject_handle: string | null;
  subject_name: string | null;
  requester_handle: string | null;
  community_slug: string | null;
  person_handle: string | null;
};

const SELECT = `
  select e.*, s.handle as subject_handle, s.name as subject_name, r.handle as requester_handle,
         c.slug as community_slug, p.handle as person_handle
    from privacy_exports e
    left join people s on s.id = e.subject_id
    left join people r on r.id = e.requested_by
    left join communities c on c.id = e.scope_community_id
    left join people p on p.id = e.scope_person_id`;

export async function insertExport(
  db: Queryable,
  row: {
    kind: 'person' | 'ediscovery';
    recipientId: string;
    subjectId: string | null;
    requestedBy: string;
    from?: Date;
    to?: Date;
    communityId?: string | null;
    personId?: string | null;
  },
  now: Date,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into privacy_exports (kind, recipient_id, subject_id, requested_by, scope_from, scope_to,
                                  scope_community_id, scope_person_id, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [
      row.kind,
      row.recipientId,
      row.subjectId,
      row.requestedBy,
      row.from ?? null,
      row.to ?? null,
      row.communityId ?? null,
      row.personId ?? null,
      now,
    ],
  );
  return rows[0]!.id;
}

export async function findExport(db: Queryable, id: string): Promise<ExportRow | null> {
  const { rows } = await db.query<ExportRow>(`${SELECT} where e.id = $1`, [id]);
  return rows[0] ?? null;
}

/** The newest exports a person receives, or (for an admin's view) those of one subject. */
export async function exportsFor(
  db: Queryable,
  by: { recipientId: string } | { subjectId: string },
  limit = 20,
): Promise<ExportRow[]> {
  const column = 'recipientId' in by ? 'e.recipient_id' : 'e.subject_id';
  const { rows } = await db.query<ExportRow>(`${SELECT} where ${column} = $1 order by e.id desc limit $2`, [
    'recipientId' in by ? by.recipientId : by.subjectId,
    limit,
  ]);
  return rows;
}

/** A person export still being prepared for this subject: asking again while one waits is the same request. */
export async function waitingPersonExport(db: Queryable, subjectId: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `select id from privacy_exports where kind = 'person' and subject_id = $1 and status in ('queued', 'running')`,
    [subjectId],
  );
  return rows[0]?.id ?? null;
}

/**
 * Takes the oldest waiting export whose pause after a failed attempt is over, or one whose builder stopped (a node
 * that died mid-build) before `staleBefore` with attempts left; skip locked, so two nodes never build the same one.
 * Each claim is an attempt.
 */
export async function claimExport(
  db: Queryable,
  now: Date,
  staleBefore: Date,
  maxAttempts: number,
): Promise<ExportRow | null> {
  const { rows } = await db.query<{ id: string }>(
    `update privacy_exports set status = 'running', started_at = $1, attempts = attempts + 1, retry_at = null
      where id = (select id from privacy_exports
                   where (status = 'queued' and (retry_at is null or retry_at <= $1))
                      or (status = 'running' and started_at < $2 and attempts < $3)
                   order by id limit 1 for update skip locked)
      returning id`,
    [now, staleBefore, maxAttempts],
  );
  return rows[0] ? findExport(db, rows[0].id) : null;
}

/** Builds whose node stopped on their last attempt: failed, so they do not wait for ever. */
export async function failAbandoned(db: Queryable, now: Date, staleBefore: Date, maxAttempts: number) {
  await db.query(
    `update privacy_exports set status = 'failed', failure_reason = 'build', finished_at = $1,
            error = 'the node preparing it stopped'
      where status = 'running' and started_at < $2 and attempts >= $3`,
    [now, staleBefore, maxAttempts],
  );
}

export async function markReady(
  db: Queryable,
  id: string,
  done: { storageKey: string; sizeBytes: number; now: Date; expiresAt: Date },
) {
  await db.query(
    `update privacy_exports set status = 'ready', storage_key = $2, size_bytes = $3, finished_at = $4,
            expires_at = $5, error = null, failure_reason = null
      where id = $1`,
    [id, done.storageKey, done.sizeBytes, done.now, done.expiresAt],
  );
}

/** A failed attempt: waiting again until `retryAt`, or (null) failed for good with the reason its requester reads. */
export async function markAttemptFailed(
  db: Queryable,
  id: string,
  failure: { error: string; reason: 'storage' | 'build'; now: Date; retryAt: Date | null },
) {
  await db.query(
    `update privacy_exports
        set status = case when $4::timestamptz is null then 'failed' else 'queued' end,
            retry_at = $4, error = $2,
            failure_reason = case when $4::timestamptz is null then $5 end,
            finished_at = case when $4::timestamptz is null then $3::timestamptz end
      where id = $1`,
    [id, failure.error.slice(0, 500), failure.now, failure.retryAt, failure.reason],
  );
}

/** Ready archives past their time: marked expired, their keys returned so the bytes can be deleted. */
export async function expireDue(db: Queryable, now: Date, limit = 200): Promise<string[]> {
  const { rows } = await db.query<{ key: string }>(
    `update privacy_exports e set status = 'expired', storage_key = null
       from (select id, storage_key from privacy_exports
              where status = 'ready' and expires_at <= $1 order by expires_at limit $2 for update skip locked) old
      where e.id = old.id
      returning old.storage_key as key`,
    [now, limit],
  );
  return rows.map((row) => row.key);
}

/** An erased person's exports go with them: the rows now, the stored archives by the caller after commit. */
export async function deleteExportsOf(db: Queryable, personId: string): Promise<string[]> {
  const { rows } = await db.query<{ storage_key: string | null }>(
    `delete from privacy_exports where subject_id = $1 or recipient_id = $1 returning storage_key`,
    [personId],
  );
  return rows.flatMap((row) => (row.storage_key ? [row.storage_key] : []));
}
