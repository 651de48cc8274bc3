import type { Figure } from '../../../contract/analytics.js';
import type { Queryable } from '../../platform/db/database.js';
import { ACT } from '../activity/repository.js';
import { figure } from './figures.js';
import { type Filter, type Period, personWhere } from './filters.js';

/**
 * The participation ladder (docs/ANALYTICS.md, as Jive and Workplace counted it): every activated person seen in
 * the period stands on the highest rung they reached — creators started a thread or posted an outcome, repliers
 * replied, reactors reacted or voted, readers only opened threads — so the rungs add up and a climb shows as a shift.
 */
export type Ladder = { readers: number; reactors: number; repliers: number; creators: number };

const endOf = (param: string) => `((${param}::date + 1)::timestamp at time zone 'UTC')`;

/** One range of person_active_days_day_idx and one of person_read_days_day_idx; people by people_scorecard_idx. */
export async function ladderCounts(db: Queryable, filter: Filter, period: Period): Promise<Ladder> {
  const params: unknown[] = [period.from, period.to];
  const where = personWhere('p', filter, params);
  const { rows } = await db.query<Ladder>(
    `with acted as (
       select person_id, bit_or(acts) as acts from person_active_days
        where day between $1::date and $2::date group by person_id),
     opened as (
       select distinct person_id from person_read_days where day between $1::date and $2::date),
     seen as (
       select coalesce(a.person_id, o.person_id) as person_id, a.acts
         from acted a full join opened o on o.person_id = a.person_id)
     select count(*) filter (where s.acts & ${ACT.create} <> 0)::int as creators,
            count(*) filter (where s.acts & ${ACT.create} = 0 and s.acts & ${ACT.reply} <> 0)::int as repliers,
            -- A day whose act went unrecorded (before migration 0042) took part all the same: the lowest acting rung.
            count(*) filter (where s.acts & ${ACT.create | ACT.reply} = 0)::int as reactors,
            count(*) filter (where s.acts is null)::int as readers
       from seen s join people p on p.id = s.person_id
      where p.status = 'active' and p.activated_at < ${endOf('$2')} ${where}`,
    params,
  );
  return rows[0]!;
}

/** The ladder's rungs as figures, top rung last (the page reads them as the climb). */
export const ladderFigures = (ladder: Ladder): Figure[] => [
  figure('ladderReaders', 'people', ladder.readers),
  figure('ladderReactors', 'people', ladder.reactors),
  figure('ladderRepliers', 'people', ladder.repliers),
  figure('ladderCreators', 'people', ladder.creators),
];
