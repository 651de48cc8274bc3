import { ANALYTICS_LIMITS } from '../../../contract/analytics.js';
import type { Queryable } from '../../platform/db/database.js';
import { ACT } from '../activity/repository.js';
import { FIRST_DAY, PERSON_GRAIN } from './rollup-activity.js';

/**
 * The ladder's roll-up (0048_ladder_rollup.sql): per grain, day, rung and gap, the people who reached that rung or
 * higher that day and the days since they last did. A refresh rewrites the days from `fromDay` on; each person's
 * first gap there comes from their last earlier day (one index probe per person and rung), so a tick and a full
 * rebuild write the same rows.
 */

/** The gap written when there was no earlier day in reach: larger than any period's days, so always "first". */
export const NO_EARLIER_DAY = ANALYTICS_LIMITS.maxDays + 1;

/** A person-day's highest rung: 4 started a thread or posted an outcome, 3 replied, 2 any other act, 1 read. */
export const RUNG_OF_ACTS = (acts: string) =>
  `case when ${acts} & ${ACT.create} <> 0 then 4 when ${acts} & ${ACT.reply} <> 0 then 3 else 2 end`;

// The last day before `$1` at the rung of `x`, from the person's first sign-in on and within the cap.
const earlier = (table: string, condition = '') =>
  `(select max(e.day) from ${table} e
     where e.person_id = x.person_id and e.day < $1::date and e.day >= greatest(x.since, $1::date - ${NO_EARLIER_DAY})
       ${condition})`;

/** Brings the ladder roll-up up to date from `fromDay` on; right after the migration it takes in every day. */
export async function refreshLadder(db: Queryable, fromDay: string): Promise<void> {
  const { rows } = await db.query<{ kept: boolean }>(
    'select exists (select 1 from analytics_ladder_days) as kept',
  );
  const from = rows[0]!.kept ? fromDay : FIRST_DAY;
  await db.query('delete from analytics_ladder_days where day >= $1::date', [from]);
  await db.query(
    `with days as (
       select person_id, day, max(rung) as rung
         from (select person_id, day, ${RUNG_OF_ACTS('acts')} as rung from person_active_days where day >= $1::date
               union all
               select person_id, day, 1 from person_read_days where day >= $1::date) d
        group by person_id, day),
     counted as (
       select d.person_id, d.day, d.rung, p.department, p.location,
              (p.activated_at at time zone 'UTC')::date as since
         from days d join people p on p.id = d.person_id
        where d.day >= (p.activated_at at time zone 'UTC')::date),
     rungs as (
       select c.person_id, c.since, c.department, c.location, c.day, r.rung,
              c.day - lag(c.day) over (partition by c.person_id, r.rung order by c.day) as gap
         from counted c cross join lateral generate_series(1, c.rung) r(rung)),
     gapped as (
       select x.department, x.location, x.day, x.rung,
              -- No earlier day (null) is the cap too: least() passes over a null.
              least(coalesce(x.gap, x.day - case x.rung
                when 1 then greatest(${earlier('person_active_days')}, ${earlier('person_read_days')})
                when 2 then ${earlier('person_active_days')}
                when 3 then ${earlier('person_active_days', `and e.acts & ${ACT.create | ACT.reply} <> 0`)}
                else ${earlier('person_active_days', `and e.acts & ${ACT.create} <> 0`)} end), ${NO_EARLIER_DAY}) as gap
         from rungs x),
     cells as (
       select department, location, day, rung, gap, count(*)::int as people
         from gapped group by department, location, day, rung, gap)
     insert into analytics_ladder_days (grain, department, location, day, rung, gap, people)
     select ${PERSON_GRAIN}, department, location, day, rung, gap, sum(people)
       from cells
      group by grouping sets ((day, rung, gap), (department, day, rung, gap), (location, day, rung, gap),
                              (department, location, day, rung, gap))`,
    [from],
  );
}
