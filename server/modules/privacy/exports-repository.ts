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
 * Takes the oldest waiting export, or one whose builder stopped (a node that died mid-build) before `staleBefore`;
 * skip locked, so two nodes never build the same one.
 */
export async function claimExport(db: Queryable, now: Date, staleBefore: Date): Promise<ExportRow | null> {
  const { rows } = await db.query<{ id: string }>(
    `update privacy_exports set status = 'running', started_at = $1
      where id = (select id from privacy_exports
                   where status = 'queued' or (status = 'running' and started_at < $2)
                   order by id limit 1 for update skip locked)
      returning id`,
    [now, staleBefore],
  );
  return rows[0] ? findExport(db, rows[0].id) : null;
}

export async function markReady(
  db: Queryable,
  id: string,
  done: { storageKey: string; sizeBytes: number; now: Date; expiresAt: Date },
) {
  await db.query(
    `update privacy_exports set status = 'ready', storage_key = $2, size_bytes = $3, finished_at = $4,
            expires_at = $5, error = null
      where id = $1`,
    [id, done.storageKey, done.sizeBytes, done.now, done.expiresAt],
  );
}

export async function markFailed(db: Queryable, id: string, error: string, now: Date) {
  await db.query(`update privacy_exports set status = 'failed', error = $2, finished_at = $3 where id = $1`, [
    id,
    error.slice(0, 500),
    now,
  ]);
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
