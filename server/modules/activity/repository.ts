import type { Queryable } from '../../platform/db/database.js';

/** What a person did, as the bit it sets in `person_active_days.acts` (the participation ladder's rungs). */
export const ACT = { react: 1, reply: 2, create: 4 } as const;
export type Act = keyof typeof ACT;

/**
 * Two CTEs (`active_person`, `active_community`) that record a person's act on a day, in their community if any:
 * for a write's own statement to carry (threads and replies), so the act costs no round trip of its own.
 */
export const participationCtes = (person: string, community: string, at: string, act: Act) => `
  active_person as (
    insert into person_active_days as d (person_id, day, acts)
    values (${person}, (${at}::timestamptz at time zone 'UTC')::date, ${ACT[act]})
    on conflict (person_id, day) do update set acts = d.acts | excluded.acts
     where d.acts & excluded.acts = 0),
  active_community as (
    insert into community_active_days (community_id, day, person_id)
    select ${community}, (${at}::timestamptz at time zone 'UTC')::date, ${person} where ${community}::bigint is not null
    on conflict do nothing)`;

/**
 * Records that a person took part (posted, replied or reacted: `act`) on the UTC day of `at`, in a community or
 * outside any; idempotent, so every write may call it.
 */
export async function recordParticipation(
  db: Queryable,
  personId: string,
  communityId: string | null,
  at: Date,
  act: Act,
): Promise<void> {
  await db.query(`with ${participationCtes('$1::bigint', '$2::bigint', '$3', act)} select`, [
    personId,
    communityId,
    at,
  ]);
}

/**
 * Everyone's acts with their UTC day and community: the roll-ups' source, the same acts the services record live
 * (threads, replies, reactions, idea votes, and theme outcome updates, which belong to no community). `within`
 * says which of them by the moment column of each kind.
 */
const acts = (within: (moment: string) => string) => `
  select t.author_id as person_id, t.community_id, (t.created_at at time zone 'UTC')::date as day, ${ACT.create} as act
    from threads t where ${within('t.created_at')}
  union all
  select r.author_id, t.community_id, (r.created_at at time zone 'UTC')::date, ${ACT.reply}
    from replies r join threads t on t.id = r.thread_id where ${within('r.created_at')}
  union all
  select x.person_id, t.community_id, (x.created_at at time zone 'UTC')::date, ${ACT.react}
    from thread_reactions x join threads t on t.id = x.thread_id where ${within('x.created_at')}
  union all
  select x.person_id, t.community_id, (x.created_at at time zone 'UTC')::date, ${ACT.react}
    from reply_reactions x join replies r on r.id = x.reply_id join threads t on t.id = r.thread_id
   where ${within('x.created_at')}
  union all
  select v.person_id, t.community_id, (v.created_at at time zone 'UTC')::date, ${ACT.react}
    from idea_votes v join threads t on t.id = v.thread_id where ${within('v.created_at')}
  union all
  select o.author_id, null, (o.created_at at time zone 'UTC')::date, ${ACT.create} from theme_outcomes o
   where ${within('o.created_at')}`;

/**
 * Rebuilds both roll-ups from the acts themselves (after a bulk load), or from the acts of `between` only (an
 * import of that span: acts are only ever added, so the rows they make are all that change). Each is one sort in
 * key order, so the distinct rows go into the primary key in order; give the transaction a generous `work_mem`
 * (bench/data/load.ts) and the sort stays in memory.
 */
export async function rebuildParticipation(
  db: Queryable,
  between?: { from: string; to: string },
): Promise<void> {
  const within = between
    ? (moment: string) => `${moment} between $1::timestamptz and $2::timestamptz`
    : () => 'true';
  const params = between ? [between.from, between.to] : [];
  const source = acts(within);
  await db.query(
    `insert into person_active_days as d (person_id, day, acts)
     select person_id, day, bit_or(act) from (${source}) acts group by person_id, day order by person_id, day
     on conflict (person_id, day) do update set acts = d.acts | excluded.acts
      where d.acts | excluded.acts <> d.acts`,
    params,
  );
  await db.query(
    `insert into community_active_days (community_id, day, person_id)
     select distinct community_id, day, person_id from (${source}) acts where community_id is not null
      order by community_id, day, person_id
     on conflict do nothing`,
    params,
  );
}
