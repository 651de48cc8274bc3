import type { Queryable } from '../../platform/db/database.js';

export async function followThread(db: Queryable, threadId: string, personId: string, now: Date) {
  await db.query(
    `insert into thread_follows (thread_id, person_id, created_at) values ($1, $2, $3) on conflict do nothing`,
    [threadId, personId, now],
  );
}

export async function unfollowThread(db: Queryable, threadId: string, personId: string) {
  await db.query('delete from thread_follows where thread_id = $1 and person_id = $2', [threadId, personId]);
}

export async function followsThread(db: Queryable, threadId: string, personId: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from thread_follows where thread_id = $1 and person_id = $2', [
    threadId,
    personId,
  ]);
  return rows.length > 0;
}

/** The hashtag's id, creating it: one may follow a tag before anyone has used it. */
export async function ensureHashtag(db: Queryable, tag: string, now: Date): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `with made as (insert into hashtags (tag, created_at) values (lower($1), $2) on conflict (tag) do nothing
                   returning id)
     select id from made union all select id from hashtags where tag = lower($1) limit 1`,
    [tag, now],
  );
  return rows[0]!.id;
}

export async function findHashtagId(db: Queryable, tag: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>('select id from hashtags where tag = lower($1)', [tag]);
  return rows[0]?.id ?? null;
}

export async function followHashtag(db: Queryable, hashtagId: string, personId: string, now: Date) {
  await db.query(
    `insert into hashtag_follows (person_id, hashtag_id, created_at) values ($1, $2, $3) on conflict do nothing`,
    [personId, hashtagId, now],
  );
}

export async function unfollowHashtag(db: Queryable, hashtagId: string, personId: string) {
  await db.query('delete from hashtag_follows where person_id = $1 and hashtag_id = $2', [
    personId,
    hashtagId,
  ]);
}

export async function followsHashtag(db: Queryable, hashtagId: string, personId: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from hashtag_follows where person_id = $1 and hashtag_id = $2', [
    personId,
    hashtagId,
  ]);
  return rows.length > 0;
}
