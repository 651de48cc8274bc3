import type { Queryable } from '../../platform/db/database.js';
import { fitsBigint, type ReactionCountRow } from './repository.js';

export type ReplyRow = {
  id: string;
  thread_id: string;
  parent_id: string | null;
  author_id: string;
  body_md: string;
  body_html: string;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  deleted_by: string | null;
};

export async function findReply(db: Queryable, id: string): Promise<ReplyRow | null> {
  if (!fitsBigint(id)) return null;
  const { rows } = await db.query<ReplyRow>('select * from replies where id = $1', [id]);
  return rows[0] ?? null;
}

export async function insertReply(
  db: Queryable,
  reply: { threadId: string; parentId: string | null; authorId: string; bodyMd: string; bodyHtml: string },
  now: Date,
): Promise<ReplyRow> {
  const { rows } = await db.query<ReplyRow>(
    `insert into replies (thread_id, parent_id, author_id, body_md, body_html, created_at)
     values ($1, $2, $3, $4, $5, $6) returning *`,
    [reply.threadId, reply.parentId, reply.authorId, reply.bodyMd, reply.bodyHtml, now],
  );
  return rows[0]!;
}

export async function updateReplyContent(
  db: Queryable,
  id: string,
  content: { bodyMd: string; bodyHtml: string },
  now: Date,
): Promise<void> {
  await db.query('update replies set body_md = $2, body_html = $3, edited_at = $4 where id = $1', [
    id,
    content.bodyMd,
    content.bodyHtml,
    now,
  ]);
}

/** True when this call removed it (a second delete is a no-op, so counts move once). */
export async function softDeleteReply(db: Queryable, id: string, by: string, now: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    'update replies set deleted_at = $2, deleted_by = $3 where id = $1 and deleted_at is null',
    [id, now, by],
  );
  return (rowCount ?? 0) > 0;
}

/** A thread's replies in the order they were written, but one (the accepted answer, shown first); keyset on id. */
export async function listReplies(
  db: Queryable,
  threadId: string,
  afterId: string | null,
  limit: number,
  exceptId: string | null = null,
): Promise<ReplyRow[]> {
  const { rows } = await db.query<ReplyRow>(
    `select * from replies where thread_id = $1 and id > $2::bigint and id <> coalesce($4::bigint, 0)
      order by id limit $3`,
    [threadId, afterId ?? '0', limit, exceptId],
  );
  return rows;
}

export async function replyReactionCounts(
  db: Queryable,
  replyIds: string[],
  viewerId: string,
): Promise<ReactionCountRow[]> {
  if (replyIds.length === 0) return [];
  const { rows } = await db.query<ReactionCountRow>(
    `select reply_id as target_id, kind, count(*)::int as count, bool_or(person_id = $2) as reacted_by_me
       from reply_reactions where reply_id = any($1::bigint[])
      group by reply_id, kind order by reply_id, kind`,
    [replyIds, viewerId],
  );
  return rows;
}
