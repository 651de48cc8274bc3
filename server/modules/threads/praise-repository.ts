import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';
import { MAX_ID } from './keyset.js';

export async function insertPraiseRecipients(db: Queryable, threadId: string, personIds: string[]) {
  await db.query(
    `insert into praise_recipients (thread_id, person_id) select $1::bigint, unnest($2::bigint[])
     on conflict do nothing`,
    [threadId, personIds],
  );
}

/** Who each of these threads praises: one query per page over the primary key. */
export async function praisedByThread(db: Queryable, threadIds: string[]): Promise<Map<string, string[]>> {
  const byThread = new Map<string, string[]>();
  if (threadIds.length === 0) return byThread;
  const { rows } = await db.query<{ thread_id: string; person_id: string }>(
    'select thread_id, person_id from praise_recipients where thread_id = any($1::bigint[])',
    [threadIds],
  );
  for (const row of rows)
    byThread.set(row.thread_id, [...(byThread.get(row.thread_id) ?? []), row.person_id]);
  return byThread;
}

/**
 * Praise a person received that the viewer may read, newest first (ids grow with time); keyset on the thread id
 * over praise_recipients_person_idx.
 */
export async function praiseReceivedPage(
  db: Queryable,
  personId: string,
  viewerId: string,
  beforeId: string | null,
  limit: number,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select pr.thread_id as id from praise_recipients pr join threads t on t.id = pr.thread_id
      where pr.person_id = $1 and t.deleted_at is null and ${readableCommunitySql('t.community_id', '$2')}
        and pr.thread_id < $3::bigint
      order by pr.thread_id desc limit $4`,
    [personId, viewerId, beforeId ?? MAX_ID, limit],
  );
  return rows.map((row) => row.id);
}
