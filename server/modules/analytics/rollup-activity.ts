import type { Queryable } from '../../platform/db/database.js';
import type { Filter } from './filters.js';

/**
 * The activity roll-ups (0012_activity_rollup.sql) behind the funnel and the daily-active trend, kept from
 * `person_active_days`: each person's active days as bits, and active people per day per grain. A refresh rewrites
 * what it holds from `fromDay` on; the full rebuild is the same code with the first day of all.
 */

export const FIRST_DAY = '0001-01-01';

// The grain bitmask of a grouping set: 2 department, 4 location (the bits of 0008_analytics.sql's grains).
export const PERSON_GRAIN = `(2 * (1 - grouping(department)) + 4 * (1 - grouping(location)))`;

/** Brings both activity roll-ups up to date from `fromDay` on. */
export async function refreshActivity(db: Queryable, fromDay: string): Promise<void> {
  // Right after the migration the roll-ups hold nothing yet: the first refresh takes in every day.
  const { rows } = await db.query<{ kept: boolean }>(
    'select exists (select 1 from analytics_person_activity) as kept',
  );
  const from = rows[0]!.kept ? fromDay : FIRST_DAY;
  await refreshPersonActivity(db, from);
  await refreshActiveDays(db, from);
}

/**
 * Rewrites each person's bits from `fromDay` on: the bits of earlier days are kept, those of later days are built
 * again from every active day since (a run of zeros before each one, then a 1). A person whose string starts at
 * `fromDay` or later is built anew; rows that come out the same are not written again.
 */
export async function refreshPersonActivity(db: Queryable, fromDay: string): Promise<void> {
  await db.query(
    `with fresh as (
       select person_id, min(day) as first_day, string_agg(lpad('1', gap, '0'), '' order by day)::varbit as days
         from (select person_id, day, day - lag(day, 1, day - 1) over (partition by person_id order by day) as gap
                 from person_active_days where day >= $1::date) d
        group by person_id),
     merged as (
       select f.person_id,
              case when a.first_day < $1::date then a.first_day else f.first_day end as first_day,
              -- The kept bits, zeros up to the first fresh day, then the fresh bits.
              case when a.first_day < $1::date
                then rpad(substring(a.days::text, 1, $1::date - a.first_day), f.first_day - a.first_day, '0')::varbit
                     || f.days
                else f.days end as days
         from fresh f left join analytics_person_activity a on a.person_id = f.person_id)
     insert into analytics_person_activity as a (person_id, first_day, days)
     select person_id, first_day, days from merged order by person_id
     on conflict (person_id) do update set first_day = excluded.first_day, days = excluded.days
       where (a.first_day, a.days) is distinct from (excluded.first_day, excluded.days)`,
    [fromDay],
  );
}

/** Active people per day from `fromDay` on, by each person's department and location as of now. */
export async function refreshActiveDays(db: Queryable, fromDay: string): Promise<void> {
  await db.query('delete from analytics_active_days where day >= $1::date', [fromDay]);
  // A person has one department and one location, so the finest cells add up to every coarser grain exactly.
  await db.query(
    `with cells as (
       select d.day, p.department, p.location, count(*)::int as people
         from person_active_days d join people p on p.id = d.person_id
        where d.day >= $1::date
        group by d.day, p.department, p.location)
     insert into analytics_active_days (grain, department, location, day, people)
     select ${PERSON_GRAIN}, department, location, day, sum(people)
       from cells
      group by grouping sets ((day), (department, day), (location, day), (department, location, day))`,
    [fromDay],
  );
}

/**
 * The number of days in `firstDay`…`lastDay` (SQL date expressions, first ≤ last) on which the person of the
 * analytics_person_activity row `alias` was active; null without a row. Days outside their bits count 0.
 */
export const activeDaysIn = (alias: string, firstDay: string, lastDay: string) =>
  `bit_count(substring(${alias}.days from (${firstDay}) - ${alias}.first_day + 1 for (${lastDay}) - (${firstDay}) + 1))`;

/** The WHERE clause on analytics_active_days for the department and location filters: the one matching grain. */
export function activeDaysWhere(filter: Filter, params: unknown[]): string {
  const dims = [
    ['department', filter.department, 2],
    ['location', filter.location, 4],
  ] as const;
  const clauses: string[] = [];
  let grain = 0;
  for (const [column, value, bit] of dims) {
    if (value === null) {
      clauses.push(`${column} is null`);
    } else {
      grain += bit;
      params.push(value);
      clauses.push(`${column} = $${params.length}`);
    }
  }
  params.push(grain);
  return [`grain = $${params.length}`, ...clauses].join(' and ');
}
