import type { Queryable } from '../../platform/db/database.js';
import { statement } from '../../platform/db/statement.js';
import { type CommunityFacts, communityFactsJoins, communityFactsSql } from '../threads/repository.js';
import { variantSuffix } from './keys.js';

export type AttachmentRow = {
  id: string;
  owner_id: string;
  thread_id: string | null;
  reply_id: string | null;
  person_id: string | null;
  purpose: 'post' | 'avatar' | 'preview';
  status: 'pending' | 'ready' | 'rejected';
  name: string;
  content_type: string;
  is_image: boolean;
  size_bytes: string;
  width: number | null;
  height: number | null;
  storage_key: string;
  has_variants: boolean;
  created_at: Date;
};

const COLUMNS = `a.id, a.owner_id, a.thread_id, a.reply_id, a.person_id, a.purpose, a.status, a.name, a.content_type,
  a.is_image, a.size_bytes, a.width, a.height, a.storage_key, a.has_variants, a.created_at`;

export type NewAttachment = {
  ownerId: string;
  purpose: AttachmentRow['purpose'];
  status: AttachmentRow['status'];
  name: string;
  contentType: string;
  isImage: boolean;
  size: number;
  sha256: string;
  storageKey: string;
  threadId?: string | null;
  replyId?: string | null;
};

export async function insertAttachment(
  db: Queryable,
  file: NewAttachment,
  now: Date,
): Promise<AttachmentRow> {
  const { rows } = await db.query<AttachmentRow>(
    `insert into attachments as a (owner_id, purpose, status, name, content_type, is_image, size_bytes, sha256,
                                   storage_key, thread_id, reply_id, created_at, attached_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::timestamptz, case when $10::bigint is null then null else $12::timestamptz end)
     returning ${COLUMNS}`,
    [
      file.ownerId,
      file.purpose,
      file.status,
      file.name,
      file.contentType,
      file.isImage,
      file.size,
      file.sha256,
      file.storageKey,
      file.threadId ?? null,
      file.replyId ?? null,
      now,
    ],
  );
  return rows[0]!;
}

/**
 * An attachment with the facts its access rule needs: its post's removal, its draft owner and, for a post's file,
 * the thread's community with the viewer's standing in it.
 */
export type AttachmentAccessRow = AttachmentRow &
  CommunityFacts & {
    thread_deleted_at: Date | null;
    reply_deleted_at: Date | null;
    community_id: string | null;
  };

// One named statement for the files one reader asks for at once (access-batch.ts): a page's pictures.
const FILES_ACCESS = statement(
  `select ${COLUMNS}, t.deleted_at as thread_deleted_at, r.deleted_at as reply_deleted_at,
          t.community_id, ${communityFactsSql}
     from attachments a
     left join threads t on t.id = a.thread_id
     ${communityFactsJoins('$2')}
     left join replies r on r.id = a.reply_id
    where a.id = any($1::bigint[])`,
);

export async function findFilesAccess(
  db: Queryable,
  ids: string[],
  viewerId: string,
): Promise<AttachmentAccessRow[]> {
  const { rows } = await db.query<AttachmentAccessRow>({ ...FILES_ACCESS, values: [ids, viewerId] });
  return rows;
}

/** The drafts among `ids` that `ownerId` uploaded, now part of the post; returns how many were taken. */
export async function attachDrafts(
  db: Queryable,
  ids: string[],
  ownerId: string,
  post: { threadId: string; replyId: string | null },
  now: Date,
): Promise<number> {
  const { rowCount } = await db.query(
    `update attachments set thread_id = $3, reply_id = $4, attached_at = $5
      where id = any($1::bigint[]) and owner_id = $2 and purpose = 'post'
        and thread_id is null and person_id is null and status <> 'rejected'`,
    [ids, ownerId, post.threadId, post.replyId, now],
  );
  return rowCount ?? 0;
}

/** Bytes attached to one post (a thread's own files, or one reply's). */
export async function postBytes(db: Queryable, post: { threadId: string; replyId: string | null }) {
  const { rows } = await db.query<{ total: string }>(
    `select coalesce(sum(size_bytes), 0)::text as total from attachments
      where thread_id = $1 and reply_id is not distinct from $2 and purpose = 'post'`,
    [post.threadId, post.replyId],
  );
  return Number(rows[0]!.total);
}

// A thread's files and its live replies' files; removed replies' files are left out.
const threadFilesSql = (threadId: string) => `from attachments a left join replies r on r.id = a.reply_id
  where a.thread_id = ${threadId} and a.purpose = 'post' and a.status <> 'rejected'
    and (a.reply_id is null or r.deleted_at is null)`;

/** A thread's files and its live replies' files, in upload order. */
export async function filesOfThread(db: Queryable, threadId: string): Promise<AttachmentRow[]> {
  const { rows } = await db.query<AttachmentRow>(`select ${COLUMNS} ${threadFilesSql('$1')} order by a.id`, [
    threadId,
  ]);
  return rows;
}

/** The same files as a JSON array of AttachmentRow (created_at as PostgreSQL's text), for the thread page's statement. */
export const threadFilesJsonSql = (threadId: string) => `(select coalesce(json_agg(json_build_object(
    'id', a.id::text, 'owner_id', a.owner_id::text, 'thread_id', a.thread_id::text, 'reply_id', a.reply_id::text,
    'person_id', a.person_id::text, 'purpose', a.purpose, 'status', a.status, 'name', a.name,
    'content_type', a.content_type, 'is_image', a.is_image, 'size_bytes', a.size_bytes::text, 'width', a.width,
    'height', a.height, 'storage_key', a.storage_key, 'has_variants', a.has_variants,
    'created_at', a.created_at::text) order by a.id), '[]') ${threadFilesSql(threadId)})`;

/** Makes an uploaded image someone's profile photo: theirs, or uploaded for them by `actorId`. */
export async function claimAvatar(
  db: Queryable,
  id: string,
  personId: string,
  actorId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update attachments set person_id = $2, purpose = 'avatar', attached_at = coalesce(attached_at, now())
      where id = $1 and owner_id in ($2, $3) and is_image and status <> 'rejected'
        and thread_id is null and (person_id is null or person_id = $2)`,
    [id, personId, actorId],
  );
  return (rowCount ?? 0) > 0;
}

export async function markProcessed(
  db: Queryable,
  id: string,
  result: {
    status: 'ready' | 'rejected';
    reason?: string;
    width?: number;
    height?: number;
    variants?: boolean;
  },
) {
  await db.query(
    `update attachments set status = $2, rejected_reason = $3, width = coalesce($4, width),
            height = coalesce($5, height), has_variants = $6
      where id = $1`,
    [
      id,
      result.status,
      result.reason ?? null,
      result.width ?? null,
      result.height ?? null,
      result.variants ?? false,
    ],
  );
}

export async function pendingAttachments(db: Queryable, limit: number): Promise<AttachmentRow[]> {
  const { rows } = await db.query<AttachmentRow>(
    `select ${COLUMNS} from attachments a where a.status = 'pending' order by a.created_at, a.id limit $1`,
    [limit],
  );
  return rows;
}

/**
 * Uploads nobody used: drafts older than `before`, and profile photos someone replaced. Returned with their
 * storage keys and deleted in the same statement.
 */
export async function deleteUnused(db: Queryable, before: Date, limit: number) {
  const { rows } = await db.query<{ storage_key: string; has_variants: boolean }>(
    `delete from attachments where id in (
       select a.id from attachments a
        where (a.thread_id is null and a.person_id is null and a.purpose = 'post' and a.created_at < $1)
           or (a.purpose = 'avatar' and a.created_at < $1 and not exists (
                 select 1 from people p where p.id = a.person_id
                    and p.avatar_url like '/api/v1/attachments/' || a.id || '/content%'))
        order by a.id limit $2)
     returning storage_key, has_variants`,
    [before, limit],
  );
  return rows;
}

/**
 * Deletes the files `where` picks ($1) and queues their stored bytes (original, web size, thumbnail) in
 * `storage_deletions` in the same statement, for removal once the caller's transaction commits.
 */
async function deleteFilesQueued(db: Queryable, where: string, value: unknown, now: Date): Promise<number> {
  const { rows } = await db.query<{ files: number }>(
    `with gone as (
       delete from attachments where ${where} returning storage_key)
     , queued as (
       insert into storage_deletions (storage_key, requested_at)
       select key, $2 from gone, unnest(array[storage_key, storage_key || $3, storage_key || $4]) key
       on conflict (storage_key) do nothing)
     select count(*)::int as files from gone`,
    [value, now, variantSuffix('web'), variantSuffix('thumb')],
  );
  return rows[0]!.files;
}

/** Everything a person uploaded and their profile photo, gone with their erasure. Returns how many files. */
export const deleteFilesOfPerson = (db: Queryable, personId: string, now: Date) =>
  deleteFilesQueued(db, 'owner_id = $1 or person_id = $1', personId, now);

/** The files of threads and their replies, gone with the threads (retention). Returns how many files. */
export const deleteFilesOfThreads = (db: Queryable, threadIds: string[], now: Date) =>
  deleteFilesQueued(db, 'thread_id = any($1::bigint[])', threadIds, now);

/** Stored bytes waiting to be removed, oldest first. */
export async function queuedStorageDeletions(db: Queryable, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ storage_key: string }>(
    'select storage_key from storage_deletions order by requested_at, storage_key limit $1',
    [limit],
  );
  return rows.map((row) => row.storage_key);
}

export async function forgetStorageDeletions(db: Queryable, keys: string[]): Promise<void> {
  await db.query('delete from storage_deletions where storage_key = any($1::text[])', [keys]);
}
