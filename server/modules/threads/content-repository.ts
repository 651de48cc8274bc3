import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';

/** Active people with these handles (lower-case), so only real, reachable people become mention links. */
export async function activePeopleByHandles(
  db: Queryable,
  handles: string[],
): Promise<{ id: string; handle: string }[]> {
  if (handles.length === 0) return [];
  const { rows } = await db.query<{ id: string; handle: string }>(
    `select id, lower(handle) as handle from people
      where lower(handle) = any($1::text[]) and status = 'active'`,
    [handles],
  );
  return rows;
}

/** Of these people, the active ones who may read content of the community (null: outside any community). */
export async function readersAmong(
  db: Queryable,
  personIds: string[],
  communityId: string | null,
): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    `select p.id from people p
      where p.id = any($1::bigint[]) and p.status = 'active'
        and ${readableCommunitySql('$2::bigint', 'p.id')}`,
    [personIds, communityId],
  );
  return new Set(rows.map((row) => row.id));
}

/**
 * Makes the stored mentions of one text (a thread body, or one reply when replyId is set) exactly these people.
 * Returns who is newly mentioned, so an edit notifies only them.
 */
export async function replaceMentions(
  db: Queryable,
  target: { threadId: string; replyId: string | null },
  personIds: string[],
  now: Date,
): Promise<string[]> {
  const { rows } = await db.query<{ person_id: string }>(
    `select person_id from mentions where thread_id = $1 and reply_id is not distinct from $2::bigint`,
    [target.threadId, target.replyId],
  );
  const before = new Set(rows.map((row) => row.person_id));
  const after = new Set(personIds);
  const gone = [...before].filter((id) => !after.has(id));
  const added = [...after].filter((id) => !before.has(id));
  if (gone.length > 0) {
    await db.query(
      `delete from mentions where thread_id = $1 and reply_id is not distinct from $2::bigint
          and person_id = any($3::bigint[])`,
      [target.threadId, target.replyId, gone],
    );
  }
  if (added.length > 0) {
    await db.query(
      `insert into mentions (thread_id, reply_id, person_id, created_at)
       select $1::bigint, $2::bigint, unnest($3::bigint[]), $4::timestamptz`,
      [target.threadId, target.replyId, added, now],
    );
  }
  return added;
}

/** Makes the thread's hashtags exactly these; the copy of last_activity_at keeps a tag's feed one index range. */
export async function replaceThreadHashtags(
  db: Queryable,
  threadId: string,
  tags: string[],
  lastActivityAt: Date,
  now: Date,
): Promise<void> {
  if (tags.length > 0) {
    await db.query(
      `insert into hashtags (tag, created_at) select distinct lower(t), $2::timestamptz from unnest($1::text[]) t
       on conflict (tag) do nothing`,
      [tags, now],
    );
  }
  await db.query(
    `delete from thread_hashtags th where th.thread_id = $1
        and th.hashtag_id not in (select h.id from hashtags h
                                   where h.tag = any(select lower(t) from unnest($2::text[]) t))`,
    [threadId, tags],
  );
  if (tags.length > 0) {
    await db.query(
      `insert into thread_hashtags (thread_id, hashtag_id, last_activity_at)
       select $1::bigint, h.id, $3::timestamptz from hashtags h where h.tag = any(select lower(t) from unnest($2::text[]) t)
       on conflict do nothing`,
      [threadId, tags, lastActivityAt],
    );
  }
}
