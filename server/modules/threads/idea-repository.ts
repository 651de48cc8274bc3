import type { IdeaStatus } from '../../../contract/threads.js';
import type { Queryable } from '../../platform/db/database.js';
import { keyText, MAX_ID } from './keyset.js';

/** One vote per person; true when this call added it (the counter moves in the same transaction). */
export async function addVote(
  db: Queryable,
  threadId: string,
  personId: string,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `insert into idea_votes (thread_id, person_id, created_at) values ($1, $2, $3) on conflict do nothing`,
    [threadId, personId, now],
  );
  if (!rowCount) return false;
  await db.query('update threads set vote_count = vote_count + 1 where id = $1', [threadId]);
  return true;
}

/** True when this call took a vote back. */
export async function removeVote(db: Queryable, threadId: string, personId: string): Promise<boolean> {
  const { rowCount } = await db.query('delete from idea_votes where thread_id = $1 and person_id = $2', [
    threadId,
    personId,
  ]);
  if (!rowCount) return false;
  await db.query('update threads set vote_count = greatest(vote_count - 1, 0) where id = $1', [threadId]);
  return true;
}

/** Of these threads, the ones the person voted for: one primary-key probe per thread, one query per page. */
export async function votedBy(db: Queryable, threadIds: string[], personId: string): Promise<Set<string>> {
  if (threadIds.length === 0) return new Set();
  const { rows } = await db.query<{ thread_id: string }>(
    'select thread_id from idea_votes where thread_id = any($1::bigint[]) and person_id = $2',
    [threadIds, personId],
  );
  return new Set(rows.map((row) => row.thread_id));
}

export async function voterIds(db: Queryable, threadId: string): Promise<string[]> {
  const { rows } = await db.query<{ person_id: string }>(
    'select person_id from idea_votes where thread_id = $1',
    [threadId],
  );
  return rows.map((row) => row.person_id);
}

export async function sponsorOf(db: Queryable, communityId: string): Promise<string | null> {
  const { rows } = await db.query<{ sponsor_id: string | null }>(
    'select sponsor_id from communities where id = $1',
    [communityId],
  );
  return rows[0]?.sponsor_id ?? null;
}

/** Moves the idea only if it is still where the caller saw it; false when someone else moved it meanwhile. */
export async function moveIdea(
  db: Queryable,
  threadId: string,
  from: IdeaStatus,
  to: IdeaStatus,
): Promise<boolean> {
  const { rowCount } = await db.query('update threads set status = $3 where id = $1 and status = $2', [
    threadId,
    from,
    to,
  ]);
  return (rowCount ?? 0) > 0;
}

export async function insertStatusChange(
  db: Queryable,
  change: { threadId: string; from: IdeaStatus; to: IdeaStatus; note: string; changedBy: string },
  now: Date,
): Promise<void> {
  await db.query(
    `insert into thread_status_changes (thread_id, from_status, to_status, note, changed_by, created_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [change.threadId, change.from, change.to, change.note, change.changedBy, now],
  );
}

export type StatusChangeRow = {
  id: string;
  from_status: IdeaStatus | null;
  to_status: IdeaStatus;
  note: string;
  changed_by: string;
  created_at: Date;
};

/** An idea's history in the order it happened; keyset on id (ids grow with time), a handful of rows per idea. */
export async function listStatusChanges(
  db: Queryable,
  threadId: string,
  afterId: string | null,
  limit: number,
): Promise<StatusChangeRow[]> {
  const { rows } = await db.query<StatusChangeRow>(
    `select id, from_status, to_status, note, changed_by, created_at from thread_status_changes
      where thread_id = $1 and id > $2::bigint
      order by id limit $3`,
    [threadId, afterId ?? '0', limit],
  );
  return rows;
}

export type BoardRow = { id: string; vote_count: number; key_at: string };
export type BoardKey = { votes: number; id: string } | { at: string; id: string };

/**
 * A community's ideas, most votes or newest first, optionally one status; each combination reads one partial
 * index range (threads_idea_board_*).
 */
export async function ideaBoardPage(
  db: Queryable,
  communityId: string,
  options: { sort: 'votes' | 'newest'; status: IdeaStatus | null; after: BoardKey | null; limit: number },
): Promise<BoardRow[]> {
  const { sort, status, after, limit } = options;
  const keyset =
    sort === 'votes'
      ? '(t.vote_count, t.id) < ($4::int, $5::bigint)'
      : '(t.created_at, t.id) < ($4::timestamptz, $5::bigint)';
  const order = sort === 'votes' ? 't.vote_count desc, t.id desc' : 't.created_at desc, t.id desc';
  // The start of the board: above any count or time, higher than any id.
  const bound = after
    ? 'votes' in after
      ? after.votes
      : after.at
    : sort === 'votes'
      ? 2147483647
      : 'infinity';
  const { rows } = await db.query<BoardRow>(
    `select t.id, t.vote_count, ${keyText('t.created_at')} as key_at from threads t
      where t.community_id = $1 and t.kind = 'idea' and t.deleted_at is null
        ${status ? 'and t.status = $2' : 'and $2::text is null'}
        and ${keyset}
      order by ${order} limit $3`,
    [communityId, status, limit, bound, after?.id ?? MAX_ID],
  );
  return rows;
}
