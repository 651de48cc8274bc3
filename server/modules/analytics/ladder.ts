import type { Figure } from '../../../contract/analytics.js';
import type { Queryable } from '../../platform/db/database.js';
import { figure } from './figures.js';
import { type Filter, type Period, personWhere } from './filters.js';
import { activeDaysWhere } from './rollup-activity.js';
import { RUNG_OF_ACTS } from './rollup-ladder.js';

/**
 * The participation ladder (docs/ANALYTICS.md, as Jive and Workplace counted it): every activated person seen in
 * the period stands on the highest rung they reached — creators started a thread or posted an outcome, repliers
 * replied, reactors reacted or voted, readers only opened threads — so the rungs add up and a climb shows as a shift.
 */
export type Ladder = { readers: number; reactors: number; repliers: number; creators: number };

const endOf = (param: string) => `((${param}::date + 1)::timestamp at time zone 'UTC')`;

/**
 * People at each rung or higher in the period, from the roll-up (as of the last refresh): its rows of the period's
 * days whose gap reaches back before the period count each person once. One range of
 * analytics_ladder_days_filter_idx (a few thousand rows), less the people no longer active, who are few: each one
 * probe of their active and read days.
 */
export async function ladderCounts(db: Queryable, filter: Filter, period: Period): Promise<Ladder> {
  const params: unknown[] = [period.from, period.to];
  const grain = activeDaysWhere(filter, params);
  const where = personWhere('p', filter, params);
  const { rows } = await db.query<{ rung: number; people: number }>(
    `with kept as materialized (
       select rung, sum(people)::int as people from analytics_ladder_days
        where ${grain} and day between $1::date and $2::date and gap > day - $1::date
        group by rung),
     gone as (
       select p.id, greatest($1::date, (p.activated_at at time zone 'UTC')::date) as since
         from people p where p.status <> 'active' and p.activated_at < ${endOf('$2')} ${where}),
     top as materialized (
       select greatest(
                (select max(${RUNG_OF_ACTS('a.acts')}) from person_active_days a
                  where a.person_id = g.id and a.day between g.since and $2::date),
                (select 1 from person_read_days r where r.person_id = g.id and r.day between g.since and $2::date
                  limit 1)) as rung
         from gone g)
     select r.rung, coalesce((select k.people from kept k where k.rung = r.rung), 0)
                    - (select count(*) from top t where t.rung >= r.rung)::int as people
       from generate_series(1, 4) r(rung)`,
    params,
  );
  const atLeast = (rung: number) => rows.find((row) => row.rung === rung)?.people ?? 0;
  return {
    readers: atLeast(1) - atLeast(2),
    reactors: atLeast(2) - atLeast(3),
    repliers: atLeast(3) - atLeast(4),
    creators: atLeast(4),
  };
}

/** The ladder's rungs as figures, top rung last (the page reads them as the climb). */
export const ladderFigures = (ladder: Ladder): Figure[] => [
  figure('ladderReaders', 'people', ladder.readers),
  figure('ladderReactors', 'people', ladder.reactors),
  figure('ladderRepliers', 'people', ladder.repliers),
  figure('ladderCreators', 'people', ladder.creators),
];
