import type { ThreadKind } from '../../../contract/threads.js';
import type { Queryable } from '../../platform/db/database.js';
import { statement } from '../../platform/db/statement.js';
import { participationCtes } from '../activity/repository.js';
import { readableCommunitySql } from '../communities/access.js';

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
  /** Why deleted_at is set, when a moderator or filter set it: hidden and held posts stay visible to a few. */
  moderation_state: 'hidden' | 'held' | 'removed' | null;
  locked_at: Date | null;
};

/** A thread with the community it lives in, as every list and the thread page present it. */
export type ThreadSummaryRow = ThreadRow & {
  community_slug: string | null;
  community_name: string | null;
  community_visibility: 'open' | 'closed' | 'secret' | null;
  theme_title: string | null;
  goal_name: string | null;
};

/** A post's reaction counts per kind (kept on the post by triggers), and the kinds the viewer gave. */
export type ReactionTally = { reaction_counts: Record<string, number>; my_reactions: string[] | null };

/**
 * The kinds of the viewer's own reactions to post `post` (a thread or reply alias), or null: looked up by primary
 * key, and only on posts that have reactions at all.
 */
export const myReactionsSql = (table: 'thread_reactions' | 'reply_reactions', post: string, viewer: string) =>
  `case when ${post}.reaction_counts <> '{}' then array(
     select rx.kind from ${table} rx
      where rx.${table === 'thread_reactions' ? 'thread_id' : 'reply_id'} = ${post}.id and rx.person_id = ${viewer})
   end`;

const MAX_BIGINT = 9223372036854775807n;
/** Contract ids allow 19 digits; beyond bigint's range nothing can be stored, so nothing is found. */
export const fitsBigint = (id: string) => /^[0-9]{1,19}$/.test(id) && BigInt(id) <= MAX_BIGINT;

/** ThreadRow's columns (not the search vector), for statements that name what they read. */
export const THREAD_COLUMNS = [
  'id',
  'vote_count',
  'community_id',
  'author_id',
  'kind',
  'title',
  'body_md',
  'body_html',
  'origin',
  'company_wide',
  'theme_id',
  'goal_id',
  'status',
  'accepted_reply_id',
  'reply_count',
  'first_reply_at',
  'accepted_at',
  'last_activity_at',
  'created_at',
  'edited_at',
  'deleted_at',
  'deleted_by',
  'moderation_state',
  'locked_at',
] as const satisfies readonly (keyof ThreadRow)[];

export const threadColumns = (alias = 't', columns: readonly string[] = THREAD_COLUMNS) =>
  columns.map((column) => `${alias}.${column}`).join(', ');

/** What only the thread page shows of a thread; lists leave it out (summaries.ts threadSummaryColumns). */
export const DETAIL_ONLY_COLUMNS = [
  'community_id',
  'author_id',
  'body_md',
  'accepted_at',
  'edited_at',
  'deleted_by',
] as const satisfies readonly (keyof ThreadRow)[];
export type DetailOnly = Pick<ThreadRow, (typeof DETAIL_ONLY_COLUMNS)[number]>;

/** Where a thread lives, as the viewer stands there: enough to decide access (policy.ts contextOf). */
export type CommunityFacts = {
  community_slug: string | null;
  community_name: string | null;
  community_visibility: 'open' | 'closed' | 'secret' | null;
  my_role: 'owner' | 'member' | null;
};

/** SQL of CommunityFacts for thread `t`, joined by communityFactsJoins. */
export const communityFactsSql =
  'c.slug as community_slug, c.name as community_name, c.visibility as community_visibility, m.role as my_role';
export const communityFactsJoins = (viewerParam: string) =>
  `left join communities c on c.id = t.community_id
   left join community_members m on m.community_id = t.community_id and m.person_id = ${viewerParam}`;

const THREAD_CONTEXT = statement(
  `select ${threadColumns()}, ${communityFactsSql}
     from threads t ${communityFactsJoins('$2')}
    where t.id = $1`,
);

/** A thread with the viewer's standing in its community, in one statement; null when there is no such thread. */
export async function findThreadContext(
  db: Queryable,
  id: string,
  viewerId: string,
): Promise<(ThreadRow & CommunityFacts) | null> {
  if (!fitsBigint(id)) return null;
  const { rows } = await db.query<ThreadRow & CommunityFacts>({ ...THREAD_CONTEXT, values: [id, viewerId] });
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
  /** Posting in an open community one is not in makes one a member (the count moves with it). */
  joinCommunity: boolean;
  mentionedIds: string[];
  /** People to notify: the statement returns which of them are active and may read the thread. */
  candidateReaderIds: string[];
};

const INSERT_THREAD = statement(
  `with thread as (
     insert into threads (community_id, author_id, kind, title, body_md, body_html, origin, company_wide, status,
                          last_activity_at, created_at, theme_id, goal_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12) returning ${threadColumns('threads')}),
   joined as (
     insert into community_members (community_id, person_id, role, joined_at)
     select $1, $2, 'member', $10 where $13 on conflict do nothing returning community_id),
   counted as (update communities set member_count = member_count + 1 where id in (select community_id from joined)),
   mentioned as (
     insert into mentions (thread_id, reply_id, person_id, created_at)
     select thread.id, null, unnest($14::bigint[]), $10 from thread),
   followed as (insert into thread_follows (thread_id, person_id, created_at) select thread.id, $2, $10 from thread),
   ${participationCtes('$2::bigint', '$1::bigint', '$10', 'create')}
   select thread.*,
          array(select p.id::text from people p
                 where p.id = any($15::bigint[]) and p.status = 'active'
                   and ${readableCommunitySql('$1::bigint', 'p.id')}) as readers
     from thread`,
);

/**
 * Stores a thread and what comes with it — the author joining an open community, the mentions, the author
 * following it, the author's participation that day — in one statement, and says which of the people to notify may read it.
 */
export async function insertThread(
  db: Queryable,
  thread: NewThread,
  now: Date,
): Promise<{ thread: ThreadRow; readers: Set<string> }> {
  const { rows } = await db.query<ThreadRow & { readers: string[] }>({
    ...INSERT_THREAD,
    values: [
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
      thread.joinCommunity,
      thread.mentionedIds,
      thread.candidateReaderIds,
    ],
  });
  const { readers, ...row } = rows[0]!;
  return { thread: row, readers: new Set(readers) };
}

/** Soft delete: the row and its content stay (compliance); every list skips it. */
export async function softDeleteThread(db: Queryable, id: string, by: string, now: Date): Promise<void> {
  await db.query('update threads set deleted_at = $2, deleted_by = $3 where id = $1 and deleted_at is null', [
    id,
    now,
    by,
  ]);
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
    `select ${threadColumns()}, c.slug as community_slug, c.name as community_name, c.visibility as community_visibility,
            th.title as theme_title, g.name as goal_name
       from threads t left join communities c on c.id = t.community_id
       left join themes th on th.id = t.theme_id
       left join goals g on g.id = t.goal_id
      where t.id = any($1::bigint[])`,
    [ids],
  );
  return rows;
}
