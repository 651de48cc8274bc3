import type { ThreadKind } from '../../../contract/threads.js';
import type { Queryable } from '../../platform/db/database.js';

export type ThreadRow = {
  id: string;
  vote_count: number;
  community_id: string | null;
  author_id: string;
  kind: ThreadKind;
  title: string;
  body_md: string;
  body_html: string;
  origin: 'top_down' | 'bottom_up';
  company_wide: boolean;
  theme_id: string | null;
  goal_id: string | null;
  status: string | null;
  accepted_reply_id: string | null;
  reply_count: number;
  first_reply_at: Date | null;
  accepted_at: Date | null;
  last_activity_at: Date;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  deleted_by: string | null;
};

/** A thread with the community it lives in, as every list and the thread page present it. */
export type ThreadSummaryRow = ThreadRow & {
  community_slug: string | null;
  community_name: string | null;
  community_visibility: 'open' | 'closed' | 'secret' | null;
  theme_title: string | null;
  goal_name: string | null;
};

export type ReactionCountRow = { target_id: string; kind: string; count: number; reacted_by_me: boolean };

const MAX_BIGINT = 9223372036854775807n;
/** Contract ids allow 19 digits; beyond bigint's range nothing can be stored, so nothing is found. */
export const fitsBigint = (id: string) => /^[0-9]{1,19}$/.test(id) && BigInt(id) <= MAX_BIGINT;

export async function findThread(db: Queryable, id: string): Promise<ThreadRow | null> {
  if (!fitsBigint(id)) return null;
  const { rows } = await db.query<ThreadRow>('select * from threads where id = $1', [id]);
  return rows[0] ?? null;
}

export type NewThread = {
  communityId: string | null;
  authorId: string;
  kind: ThreadKind;
  title: string;
  bodyMd: string;
  bodyHtml: string;
  origin: ThreadRow['origin'];
  companyWide: boolean;
  status: string | null;
  themeId: string | null;
  goalId: string | null;
};

export async function insertThread(db: Queryable, thread: NewThread, now: Date): Promise<ThreadRow> {
  const { rows } = await db.query<ThreadRow>(
    `insert into threads (community_id, author_id, kind, title, body_md, body_html, origin, company_wide, status,
                          last_activity_at, created_at, theme_id, goal_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12) returning *`,
    [
      thread.communityId,
      thread.authorId,
      thread.kind,
      thread.title,
      thread.bodyMd,
      thread.bodyHtml,
      thread.origin,
      thread.companyWide,
      thread.status,
      now,
      thread.themeId,
      thread.goalId,
    ],
  );
  return rows[0]!;
}

export async function updateThreadContent(
  db: Queryable,
  id: string,
  content: { title: string; bodyMd: string; bodyHtml: string },
  now: Date,
): Promise<void> {
  await db.query(
    'update threads set title = $2, body_md = $3, body_html = $4, edited_at = $5 where id = $1',
    [id, content.title, content.bodyMd, content.bodyHtml, now],
  );
}

/** Soft delete: the row and its content stay (compliance); every list skips it. */
export async function softDeleteThread(db: Queryable, id: string, by: string, now: Date): Promise<void> {
  await db.query('update threads set deleted_at = $2, deleted_by = $3 where id = $1 and deleted_at is null', [
    id,
    now,
    by,
  ]);
}

/** A new reply: count it, move the thread (and its hashtag index rows) up the feeds. */
export async function recordReply(
  db: Queryable,
  threadId: string,
  now: Date,
  answersSomeoneElse: boolean,
): Promise<void> {
  await db.query(
    `update threads set reply_count = reply_count + 1, last_activity_at = $2,
            first_reply_at = case when $3 then coalesce(first_reply_at, $2) else first_reply_at end
      where id = $1`,
    [threadId, now, answersSomeoneElse],
  );
  await db.query('update thread_hashtags set last_activity_at = $2 where thread_id = $1', [threadId, now]);
}

/**
 * A reply was removed: count it out, drop it as the accepted answer, and find the first response again among
 * the remaining replies by someone other than the asker (so time to first answer stays exact).
 */
export async function forgetReply(db: Queryable, threadId: string, replyId: string): Promise<void> {
  await db.query(
    `update threads set reply_count = greatest(reply_count - 1, 0),
            accepted_reply_id = case when accepted_reply_id = $2 then null else accepted_reply_id end,
            accepted_at = case when accepted_reply_id = $2 then null else accepted_at end,
            status = case when accepted_reply_id = $2 then 'open' else status end,
            first_reply_at = (select min(r.created_at) from replies r
                               where r.thread_id = threads.id and r.deleted_at is null
                                 and r.author_id <> threads.author_id)
      where id = $1`,
    [threadId, replyId],
  );
}

export async function setAcceptedReply(
  db: Queryable,
  threadId: string,
  replyId: string | null,
  now: Date,
): Promise<void> {
  await db.query(
    `update threads set accepted_reply_id = $2, accepted_at = case when $2::bigint is null then null else $3::timestamptz end,
            status = case when $2::bigint is null then 'open' else 'answered' end
      where id = $1`,
    [threadId, replyId, now],
  );
}

/** Threads by id, with their community; the caller has already decided the viewer may read them. */
export async function threadSummariesByIds(db: Queryable, ids: string[]): Promise<ThreadSummaryRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<ThreadSummaryRow>(
    `select t.*, c.slug as community_slug, c.name as community_name, c.visibility as community_visibility,
            th.title as theme_title, g.name as goal_name
       from threads t left join communities c on c.id = t.community_id
       left join themes th on th.id = t.theme_id
       left join goals g on g.id = t.goal_id
      where t.id = any($1::bigint[])`,
    [ids],
  );
  return rows;
}

/** Reaction counts per thread and kind, and whether the viewer is among them. */
export async function threadReactionCounts(
  db: Queryable,
  threadIds: string[],
  viewerId: string,
): Promise<ReactionCountRow[]> {
  if (threadIds.length === 0) return [];
  const { rows } = await db.query<ReactionCountRow>(
    `select thread_id as target_id, kind, count(*)::int as count, bool_or(person_id = $2) as reacted_by_me
       from thread_reactions where thread_id = any($1::bigint[])
      group by thread_id, kind order by thread_id, kind`,
    [threadIds, viewerId],
  );
  return rows;
}
