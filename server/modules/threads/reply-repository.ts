import type { Queryable } from '../../platform/db/database.js';
import { statement } from '../../platform/db/statement.js';
import { parseTimestamptz } from '../../platform/db/timestamps.js';
import { participationCtes } from '../activity/repository.js';
import { readableCommunitySql } from '../communities/access.js';
import { personJsonSql, type SummaryRow } from '../people/repository.js';
import {
  type CommunityFacts,
  communityFactsJoins,
  communityFactsSql,
  fitsBigint,
  myReactionsSql,
  type ReactionTally,
  type ThreadRow,
  threadColumns,
} from './repository.js';

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
  moderation_state: 'hidden' | 'held' | 'removed' | null;
};

/** A reply with its author and reaction counts, as pages and answers present it. */
export type ReplyView = ReplyRow & ReactionTally & { author: SummaryRow };

const replyColumns = (alias: string) =>
  [
    'id',
    'thread_id',
    'parent_id',
    'author_id',
    'body_md',
    'body_html',
    'created_at',
    'edited_at',
    'deleted_at',
    'deleted_by',
    'moderation_state',
  ]
    .map((column) => `${alias}.${column}`)
    .join(', ');

const FIND_REPLY = statement(`select ${replyColumns('r')} from replies r where r.id = $1`);

export async function findReply(db: Queryable, id: string): Promise<ReplyRow | null> {
  if (!fitsBigint(id)) return null;
  const { rows } = await db.query<ReplyRow>({ ...FIND_REPLY, values: [id] });
  return rows[0] ?? null;
}

const REPLY_VIEW = statement(
  `select ${replyColumns('r')}, ${personJsonSql('a')} as author,
          r.reaction_counts, ${myReactionsSql('reply_reactions', 'r', '$2')} as my_reactions
     from replies r join people a on a.id = r.author_id
    where r.id = $1`,
);

export async function findReplyView(db: Queryable, id: string, viewerId: string): Promise<ReplyView | null> {
  if (!fitsBigint(id)) return null;
  const { rows } = await db.query<ReplyView>({ ...REPLY_VIEW, values: [id, viewerId] });
  return rows[0] ?? null;
}

/**
 * What a new reply brings along in the same statement: the thread's counters, mentions, the author's follow, the
 * author's participation that day.
 */
export type NewReply = {
  threadId: string;
  parentId: string | null;
  authorId: string;
  bodyMd: string;
  bodyHtml: string;
  /** Time to first answer counts others answering, not the asker adding detail. */
  answersSomeoneElse: boolean;
  mentionedIds: string[];
  /** People to notify: the statement returns which of them are active and may read the thread. */
  candidateReaderIds: string[];
  communityId: string | null;
  /** How it was written: in the app, or by answering a notice mail (mail-in). */
  via: 'app' | 'mail';
};

const INSERT_REPLY = statement(
  `with reply as (
     insert into replies (thread_id, parent_id, author_id, body_md, body_html, created_at, via)
     values ($1, $2, $3, $4, $5, $6, $11) returning ${replyColumns('replies')}),
   counted as (
     update threads set reply_count = reply_count + 1, last_activity_at = $6,
            first_reply_at = case when $7 then coalesce(first_reply_at, $6) else first_reply_at end
      where id = $1),
   -- The copy of last_activity_at keeps each hashtag's feed one index range.
   tagged as (update thread_hashtags set last_activity_at = $6 where thread_id = $1),
   mentioned as (
     insert into mentions (thread_id, reply_id, person_id, created_at)
     select $1, reply.id, unnest($8::bigint[]), $6 from reply),
   followed as (
     insert into thread_follows (thread_id, person_id, created_at) values ($1, $3, $6) on conflict do nothing),
   ${participationCtes('$3::bigint', '$10::bigint', '$6', 'reply')}
   select reply.*, ${personJsonSql('a')} as author, '{}'::jsonb as reaction_counts, null::text[] as my_reactions,
          array(select p.id::text from people p
                 where p.id = any($9::bigint[]) and p.status = 'active'
                   and ${readableCommunitySql('$10::bigint', 'p.id')}) as readers
     from reply join people a on a.id = reply.author_id`,
);

/**
 * Stores a reply and everything that moves with it — the thread's count and activity (and its hashtags' copy),
 * the mentions, the author following the thread, the author's participation — in one statement, and says which of the people to notify
 * may read it.
 */
export async function insertReply(
  db: Queryable,
  reply: NewReply,
  now: Date,
): Promise<{ reply: ReplyView; readers: Set<string> }> {
  const { rows } = await db.query<ReplyView & { readers: string[] }>({
    ...INSERT_REPLY,
    values: [
      reply.threadId,
      reply.parentId,
      reply.authorId,
      reply.bodyMd,
      reply.bodyHtml,
      now,
      reply.answersSomeoneElse,
      reply.mentionedIds,
      reply.candidateReaderIds,
      reply.communityId,
      reply.via,
    ],
  });
  const { readers, ...row } = rows[0]!;
  return { reply: row, readers: new Set(readers) };
}

/** True when this call removed it (a second delete is a no-op, so counts move once). */
export async function softDeleteReply(db: Queryable, id: string, by: string, now: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    'update replies set deleted_at = $2, deleted_by = $3 where id = $1 and deleted_at is null',
    [id, now, by],
  );
  return (rowCount ?? 0) > 0;
}

// Timestamps travel inside JSON as PostgreSQL's text, and are read back by the pool's parser: the same Dates as a row.
const parseTimestamp = parseTimestamptz as (text: string) => Date;
const timestampText = (column: string) => `${column}::text`;

const replyJson = (r: string, viewer: string) =>
  `json_build_object('id', ${r}.id::text, 'thread_id', ${r}.thread_id::text, 'parent_id', ${r}.parent_id::text,
     'author_id', ${r}.author_id::text, 'body_md', ${r}.body_md, 'body_html', ${r}.body_html,
     'created_at', ${timestampText(`${r}.created_at`)}, 'edited_at', ${timestampText(`${r}.edited_at`)},
     'deleted_at', ${timestampText(`${r}.deleted_at`)}, 'deleted_by', ${r}.deleted_by::text,
     'moderation_state', ${r}.moderation_state,
     'author', ${personJsonSql('a')}, 'reaction_counts', ${r}.reaction_counts,
     'my_reactions', ${myReactionsSql('reply_reactions', r, viewer)})`;

export type ReplyJson = Omit<ReplyView, 'created_at' | 'edited_at' | 'deleted_at'> & {
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
};

export const replyFromJson = (reply: ReplyJson): ReplyView => ({
  ...reply,
  created_at: parseTimestamp(reply.created_at),
  edited_at: reply.edited_at === null ? null : parseTimestamp(reply.edited_at),
  deleted_at: reply.deleted_at === null ? null : parseTimestamp(reply.deleted_at),
});

const REPLIES_PAGE = statement(
  `with thread as (
     select ${threadColumns()}, ${communityFactsSql} from threads t ${communityFactsJoins('$4')} where t.id = $1),
   -- The accepted answer leads the first page, and is left out of the rest.
   lead as (
     select r.id, 0 as part from replies r join thread on r.id = thread.accepted_reply_id where $2::bigint is null),
   rest as (
     select r.id, 1 as part from replies r, thread
      where r.thread_id = thread.id and r.id > coalesce($2::bigint, 0)
        and r.id <> coalesce(thread.accepted_reply_id, 0)
      order by r.id limit $3::int - (select count(*) from lead))
   select thread.*,
          (select coalesce(json_agg(${replyJson('r', '$4')} order by page.part, page.id), '[]')
             from (select * from lead union all select * from rest) page
             join replies r on r.id = page.id join people a on a.id = r.author_id) as replies
     from thread`,
);

/**
 * A page of a thread's replies in the order they were written (keyset on id) — `limit` of them counting the
 * accepted answer, which leads the first page — with their authors and reactions, and the thread with the viewer's standing
 * in its community, which decides whether they may see any of it. One statement; null when there is no thread.
 */
export async function findRepliesPage(
  db: Queryable,
  threadId: string,
  viewerId: string,
  afterId: string | null,
  limit: number,
): Promise<{ thread: ThreadRow & CommunityFacts; replies: ReplyView[] } | null> {
  if (!fitsBigint(threadId)) return null;
  const { rows } = await db.query<ThreadRow & CommunityFacts & { replies: ReplyJson[] }>({
    ...REPLIES_PAGE,
    values: [threadId, afterId, limit, viewerId],
  });
  const row = rows[0];
  if (!row) return null;
  const { replies, ...thread } = row;
  return { thread, replies: replies.map(replyFromJson) };
}

/**
 * The first page of thread `t`'s replies as JSON (ReplyJson[]): the accepted answer first, then the others in the
 * order they were written, `limit` in all — as findRepliesPage reads a first page, for the thread page's statement.
 */
export const firstRepliesJsonSql = (limit: string, viewer: string) =>
  `(select coalesce(json_agg(${replyJson('r', viewer)} order by page.part, page.id), '[]')
     from (select r.id, 0 as part from replies r where r.id = t.accepted_reply_id
           union all
           (select r.id, 1 as part from replies r
             where r.thread_id = t.id and r.id <> coalesce(t.accepted_reply_id, 0)
             order by r.id
             limit ${limit}::int - (select count(*) from replies l where l.id = t.accepted_reply_id))) page
     join replies r on r.id = page.id join people a on a.id = r.author_id)`;
