import type { Queryable } from '../../platform/db/database.js';

/**
 * Records that a person took part (posted, replied or reacted) on the UTC day of `at`, in a community or outside
 * any; idempotent, so every write may call it.
 */
export async function recordParticipation(
  db: Queryable,
  personId: string,
  communityId: string | null,
  at: Date,
): Promise<void> {
  await db.query(
    `with person as (
       insert into person_active_days (person_id, day) values ($1, ($3::timestamptz at time zone 'UTC')::date)
       on conflict do nothing)
     insert into community_active_days (community_id, day, person_id)
     select $2, ($3::timestamptz at time zone 'UTC')::date, $1 where $2::bigint is not null
     on conflict do nothing`,
    [personId, communityId, at],
  );
}

/**
 * Rebuilds both roll-ups from the posts, replies and reactions themselves (after a bulk load), in one pass: run it
 * in a transaction with a generous `work_mem` (see bench/data/load.ts) so the de-duplication stays in memory.
 */
export async function rebuildParticipation(db: Queryable): Promise<void> {
  await db.query(`
    with participation as (
      select t.author_id as person_id, t.community_id, (t.created_at at time zone 'UTC')::date as day from threads t
      union
      select r.author_id, t.community_id, (r.created_at at time zone 'UTC')::date
        from replies r join threads t on t.id = r.thread_id
      union
      select x.person_id, t.community_id, (x.created_at at time zone 'UTC')::date
        from thread_reactions x join threads t on t.id = x.thread_id
      union
      select x.person_id, t.community_id, (x.created_at at time zone 'UTC')::date
        from reply_reactions x join replies r on r.id = x.reply_id join threads t on t.id = r.thread_id),
    people_days as (
      insert into person_active_days (person_id, day)
      select distinct person_id, day from participation on conflict do nothing)
    insert into community_active_days (community_id, day, person_id)
    select community_id, day, person_id from participation where community_id is not null
    on conflict do nothing`);
}
