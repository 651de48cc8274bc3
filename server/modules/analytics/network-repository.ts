import type { Queryable } from '../../platform/db/database.js';
import { loadSettings } from '../settings/service.js';
import { type Filter, grainWhere, type Period } from './filters.js';

/** Scorecard reads of the knowledge-network and feedback-loop roll-ups (rollup-network.ts), as of the last refresh. */

const endOf = (param: string) => `((${param}::date + 1)::timestamp at time zone 'UTC')`;
const startOf = (param: string) => `(${param}::date::timestamp at time zone 'UTC')`;

export type NetworkTotals = { new_ties: number; cross_department_ties: number };

/** New ties of one period, by the first interaction's community and its actor's department and location. */
export async function networkTotals(db: Queryable, filter: Filter, period: Period): Promise<NetworkTotals> {
  const params: unknown[] = [period.from, period.to];
  const { rows } = await db.query<NetworkTotals>(
    `select coalesce(sum(ties), 0)::int as new_ties, coalesce(sum(cross_department_ties), 0)::int as cross_department_ties
       from analytics_tie_days
      where ${grainWhere(filter, params)} and day between $1::date and $2::date`,
    params,
  );
  return rows[0]!;
}

/** The organisation's window for closing a theme's loop (settings, default 30 days). */
export const loopClosureDays = async (db: Queryable) => (await loadSettings(db)).loopClosureDays;

export type LoopTotals = { discussed: number; closed: number; pending: number; days: number };

/**
 * Themes discussed in the period (opened in it, or a live thread or reply linked to them written in it), of which
 * closed (an outcome update from the first day of that activity to N days after its last day) and still pending
 * (no outcome yet, and the N days not over at `now`). Themes are few: one short read of analytics_theme_days.
 */
export async function loopTotals(
  db: Queryable,
  period: Period,
  now: Date,
  days: number,
): Promise<LoopTotals> {
  const { rows } = await db.query<Omit<LoopTotals, 'days'>>(
    `with activity as (
       select theme_id, min(day) as first_day, max(day) as last_day from (
         select theme_id, day from analytics_theme_days where day between $1::date and $2::date
         union all
         select id, (created_at at time zone 'UTC')::date from themes
          where created_at >= ${startOf('$1')} and created_at < ${endOf('$2')}) a
        group by theme_id),
     judged as (
       select exists (select 1 from theme_outcomes o
                       where o.theme_id = a.theme_id and o.created_at >= ${startOf('a.first_day')}
                         and o.created_at < ${endOf('a.last_day')} + make_interval(days => $3)) as closed,
              ${endOf('a.last_day')} + make_interval(days => $3) > $4 as running
         from activity a)
     select count(*)::int as discussed, count(*) filter (where closed)::int as closed,
            count(*) filter (where not closed and running)::int as pending
       from judged`,
    [period.from, period.to, days, now],
  );
  return { ...rows[0]!, days };
}
