import type { ThreadSummary } from '../../../contract/threads.js';
import type { Queryable } from '../../platform/db/database.js';
import { statement } from '../../platform/db/statement.js';
import { parseTimestamptz } from '../../platform/db/timestamps.js';
import { encodeCursor } from '../../platform/http/cursor.js';
import type { AttachmentRow } from '../attachments/repository.js';
import { threadFilesJsonSql } from '../attachments/repository.js';
import { firstPreviewJsonSql, type PreviewRow, threadPreviewsJsonSql } from '../link-previews/repository.js';
import { personJsonSql } from '../people/repository.js';
import { presentThreadSummary, type ThreadSummaryView } from './present.js';
import { firstRepliesJsonSql, type ReplyJson, type ReplyView, replyFromJson } from './reply-repository.js';
import {
  type CommunityFacts,
  DETAIL_ONLY_COLUMNS,
  type DetailOnly,
  fitsBigint,
  myReactionsSql,
  THREAD_COLUMNS,
  threadColumns,
} from './repository.js';

// Lists parse and send only what a summary shows: the source text and the edit history are the thread page's.
const SUMMARY_COLUMNS = THREAD_COLUMNS.filter(
  (column) => !(DETAIL_ONLY_COLUMNS as readonly string[]).includes(column),
);

/**
 * The select list of thread `t`'s summary: the thread, its community, theme and goal, its reaction counts and the
 * viewer's own reactions, and nested as JSON the author, the viewer's vote and the praised people — so a whole page is one statement.
 * `viewer` is the parameter that holds the viewer's id; the tables come from threadSummaryJoins.
 */
export const threadSummaryColumns = (viewer: string) => `${threadColumns('t', SUMMARY_COLUMNS)},
  cs.slug as community_slug, cs.name as community_name, cs.visibility as community_visibility,
  th.title as theme_title, g.name as goal_name,
  ${personJsonSql('a')} as author,
  t.reaction_counts, ${myReactionsSql('thread_reactions', 't', viewer)} as my_reactions,
  t.kind = 'idea' and exists (select 1 from idea_votes v where v.thread_id = t.id and v.person_id = ${viewer})
    as voted_by_me,
  (select coalesce(json_agg(${personJsonSql('pp')}), '[]')
     from praise_recipients pr join people pp on pp.id = pr.person_id
    where t.kind = 'praise' and pr.thread_id = t.id) as praised,
  ${firstPreviewJsonSql('t')} as link_preview`;

/** What threadSummaryColumns reads, for the threads of `page`: any FROM item with an `id` column. */
export const threadSummaryJoins = `join threads t on t.id = page.id
  join people a on a.id = t.author_id
  left join communities cs on cs.id = t.community_id
  left join themes th on th.id = t.theme_id
  left join goals g on g.id = t.goal_id`;

const SUMMARIES_BY_IDS = statement(
  `select ${threadSummaryColumns('$2')}
     from unnest($1::bigint[]) with ordinality as page(id, n) ${threadSummaryJoins}
    order by page.n`,
);

/** Thread summaries in the order of `ids`, in one statement. Callers pass only ids the viewer may read. */
export async function threadSummaries(
  db: Queryable,
  ids: string[],
  viewerId: string,
): Promise<ThreadSummary[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<ThreadSummaryView>({ ...SUMMARIES_BY_IDS, values: [ids, viewerId] });
  return rows.map((row) => presentThreadSummary(row));
}

type KeyOf<Row> = (row: Row) => readonly (string | number)[];
const timeKey = <Row extends { id: string }>(row: Row) => [(row as Row & { key_at: string }).key_at, row.id];

/**
 * A page of thread rows (limit + 1 fetched) → their summaries and the cursor after the last one shown; the key is
 * (activity or creation time, id) unless the list sorts by something else.
 */
export async function threadSummaryPage<Row extends { id: string }>(
  db: Queryable,
  rows: Row[],
  limit: number,
  viewerId: string,
  keyOf: KeyOf<Row> = timeKey,
): Promise<{ items: ThreadSummary[]; nextCursor: string | null }> {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return {
    items: await threadSummaries(
      db,
      kept.map((row) => row.id),
      viewerId,
    ),
    nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null,
  };
}

/** The same page from rows that carry their summaries already (one statement read both). */
export function summaryPage<Row extends ThreadSummaryView>(
  rows: Row[],
  limit: number,
  keyOf: KeyOf<Row> = timeKey,
): { items: ThreadSummary[]; nextCursor: string | null } {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return {
    items: kept.map((row) => presentThreadSummary(row)),
    nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null,
  };
}

/** The thread page's row: the summary, the viewer's standing in its community, whether they follow it. */
export type ThreadDetailRow = ThreadSummaryView &
  DetailOnly &
  CommunityFacts & { sponsor_id: string | null; followed_by_me: boolean; history_for_readers: boolean };

const threadDetailSql = (extra = '') =>
  `select ${threadSummaryColumns('$2')}, ${threadColumns('t', DETAIL_ONLY_COLUMNS)}, m.role as my_role, cs.sponsor_id,
          exists (select 1 from thread_follows f where f.thread_id = t.id and f.person_id = $2) as followed_by_me,
          coalesce((select value = 'true' from settings where key = 'editHistoryForReaders'), false)
            as history_for_readers
          ${extra}
     from (select $1::bigint as id) page ${threadSummaryJoins}
     left join community_members m on m.community_id = t.community_id and m.person_id = $2`;

const THREAD_DETAIL = statement(threadDetailSql());

/** Everything the thread page shows and decides access by, in one statement; null when there is no such thread. */
export async function findThreadDetail(
  db: Queryable,
  id: string,
  viewerId: string,
): Promise<ThreadDetailRow | null> {
  if (!fitsBigint(id)) return null;
  const { rows } = await db.query<ThreadDetailRow>({ ...THREAD_DETAIL, values: [id, viewerId] });
  return rows[0] ?? null;
}

/** The thread page's row: the detail, the first replies (`limit` of them, fetched), and the thread's files. */
export type ThreadViewRow = ThreadDetailRow & {
  replies: ReplyView[];
  files: AttachmentRow[];
  previews: PreviewRow[];
};

// Files of a removed thread are not shown (as GET …/attachments answers).
const THREAD_VIEW = statement(
  threadDetailSql(`, ${firstRepliesJsonSql('$3', '$2')} as replies,
          case when t.deleted_at is null then ${threadFilesJsonSql('t.id')} else '[]' end as files,
          case when t.deleted_at is null then ${threadPreviewsJsonSql('t.id')} else '[]' end as previews`),
);

/**
 * Everything the thread page shows in one statement: the thread and the viewer's standing (as findThreadDetail),
 * the first `limit` replies (the accepted answer first), and the files and link previews of the thread and its
 * replies; null when there is no such thread.
 */
export async function findThreadView(
  db: Queryable,
  id: string,
  viewerId: string,
  limit: number,
): Promise<ThreadViewRow | null> {
  if (!fitsBigint(id)) return null;
  const { rows } = await db.query<
    Omit<ThreadViewRow, 'replies' | 'files'> & {
      replies: ReplyJson[];
      files: (Omit<AttachmentRow, 'created_at'> & { created_at: string })[];
    }
  >({ ...THREAD_VIEW, values: [id, viewerId, limit] });
  const row = rows[0];
  if (!row) return null;
  return {
    ...row,
    replies: row.replies.map(replyFromJson),
    files: row.files.map((file) => ({ ...file, created_at: parseTimestamptz(file.created_at) as Date })),
  };
}
