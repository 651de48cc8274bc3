import type { Queryable } from '../../platform/db/database.js';
import { dayOf, GRAIN, grainSets, startOf } from './rollup-repository.js';

/**
 * The roll-ups behind knowledge networks and the feedback loop (docs/ANALYTICS.md, migration 0043): ties (the first
 * interaction of each pair), new ties per day, answers by newcomers, and each theme's activity per day. Run after
 * collectInteractions (its `analytics_facts`) and refreshQuestions (its `analytics_touched`), in the same
 * transaction; a full rebuild is the same code from the first day of all, after clearNetwork.
 */
export async function refreshNetwork(db: Queryable, fromDay: string): Promise<void> {
  await refreshTies(db, fromDay);
  await insertTieDays(db, fromDay);
  await markNewcomerAnswers(db);
  await refreshThemeDays(db, fromDay);
}

/** Empties the roll-ups of this file (before a full rebuild). */
export async function clearNetwork(db: Queryable): Promise<void> {
  await db.query('truncate analytics_ties, analytics_tie_days, analytics_theme_days');
}

/**
 * Ties first made since `fromDay` are forgotten and found again from this refresh's interactions; a pair that met
 * before keeps its first moment (the insert does nothing for it). In key order, so a rebuild fills the key in
 * sequence.
 */
async function refreshTies(db: Queryable, fromDay: string): Promise<void> {
  await db.query(`delete from analytics_ties where first_at >= ${startOf('$1')}`, [fromDay]);
  await db.query(
    `insert into analytics_ties (person_id, other_id, first_at, community_id, actor_id)
     select distinct on (least(actor_id, target_id), greatest(actor_id, target_id))
            least(actor_id, target_id), greatest(actor_id, target_id), at, community_id, actor_id
       from analytics_facts
      order by least(actor_id, target_id), greatest(actor_id, target_id), at, actor_id
     on conflict (person_id, other_id) do nothing`,
  );
}

/** New ties per day since `fromDay`, by the first interaction's community and its actor's department and location. */
async function insertTieDays(db: Queryable, fromDay: string): Promise<void> {
  await db.query('delete from analytics_tie_days where day >= $1::date', [fromDay]);
  await db.query(
    `with facts as (
       select x.community_id, ap.department, ap.location, ${dayOf('x.first_at')} as day,
              coalesce(ap.department <> op.department, false) as cross_department
         from analytics_ties x
         join people ap on ap.id = x.actor_id
         join people op on op.id = case when x.actor_id = x.person_id then x.other_id else x.person_id end
        where x.first_at >= ${startOf('$1')})
     insert into analytics_tie_days (grain, community_id, department, location, day, ties, cross_department_ties)
     select ${GRAIN}, community_id, department, location, day, count(*), count(*) filter (where cross_department)
       from facts
      group by ${grainSets('cross_department')}`,
    [fromDay],
  );
}

/**
 * Of the questions this refresh rewrote (analytics_touched), those answered (an answer as `analytics_answers` keeps
 * them, written just before) by someone with no tie to the asker from before the question was asked.
 */
async function markNewcomerAnswers(db: Queryable): Promise<void> {
  await db.query(
    `update analytics_questions q set answered_by_newcomer = true
      where q.thread_id in (select id from analytics_touched) and q.first_answer_at is not null
        and exists (select 1 from analytics_answers a
                     where a.thread_id = q.thread_id
                       and not exists (select 1 from analytics_ties x
                                        where x.person_id = least(a.author_id, q.author_id)
                                          and x.other_id = greatest(a.author_id, q.author_id)
                                          and x.first_at < q.created_at))`,
  );
}

/** Live threads and replies per theme per day since `fromDay`, in threads linked to a theme. */
async function refreshThemeDays(db: Queryable, fromDay: string): Promise<void> {
  await db.query('delete from analytics_theme_days where day >= $1::date', [fromDay]);
  await db.query(
    `insert into analytics_theme_days (theme_id, day, items)
     select theme_id, day, count(*) from (
       select t.theme_id, ${dayOf('t.created_at')} as day from threads t
        where t.theme_id is not null and t.created_at >= ${startOf('$1')} and t.deleted_at is null
       union all
       select t.theme_id, ${dayOf('r.created_at')} from replies r join threads t on t.id = r.thread_id
        where t.theme_id is not null and r.created_at >= ${startOf('$1')} and r.deleted_at is null
          and t.deleted_at is null) items
      group by theme_id, day`,
    [fromDay],
  );
}
