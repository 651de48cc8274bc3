import type { Queryable } from '../../platform/db/database.js';

export type FunnelCountsRow = {
  by_department: boolean;
  by_location: boolean;
  department: string | null;
  location: string | null;
  invited: number;
  activated: number;
  monthly_active: number;
  engaged: number;
  median_hours: number | null;
};

/** Days (of the window) on which a person must have posted or replied to be engaged, as Workplace counted. */
export const ENGAGED_DAYS = 10;

/**
 * The invitation funnel over the 28 UTC days ending on `to`: active people whose account existed by its end, the
 * moment they were invited (or else provisioned, or else created), whether they had signed in by then, took part on
 * any day (posted, replied or reacted: the roll-up), and posted or replied on at least ENGAGED_DAYS distinct days.
 * Totals, per department and per location in one statement (grouping sets).
 */
export async function invitationFunnel(
  db: Queryable,
  window: { from: Date; end: Date; fromDay: string; toDay: string },
  filter: { department: string | null; location: string | null },
): Promise<FunnelCountsRow[]> {
  const params: unknown[] = [window.from, window.end, window.fromDay, window.toDay];
  let where = '';
  if (filter.department) {
    params.push(filter.department);
    where += ` and lower(p.department) = lower($${params.length})`;
  }
  if (filter.location) {
    params.push(filter.location);
    where += ` and lower(p.location) = lower($${params.length})`;
  }
  const { rows } = await db.query<FunnelCountsRow>(
    `with cohort as (
       select p.id, p.department, p.location, coalesce(p.invited_at, p.provisioned_at, p.created_at) as invited_at,
              case when p.activated_at < $2 then p.activated_at end as activated_at
         from people p
        where p.status = 'active' and p.created_at < $2 ${where}),
     posting as (
       select author_id, count(distinct day)::int as days
         from (select t.author_id, (t.created_at at time zone 'UTC')::date as day
                 from threads t join cohort c on c.id = t.author_id
                where t.deleted_at is null and t.created_at >= $1 and t.created_at < $2
               union all
               select r.author_id, (r.created_at at time zone 'UTC')::date
                 from replies r join cohort c on c.id = r.author_id
                where r.deleted_at is null and r.created_at >= $1 and r.created_at < $2) posts
        group by author_id),
     active as (
       select distinct a.person_id from person_active_days a join cohort c on c.id = a.person_id
        where a.day between $3::date and $4::date)
     select grouping(c.department) = 0 as by_department, grouping(c.location) = 0 as by_location,
            c.department, c.location,
            count(*)::int as invited,
            count(c.activated_at)::int as activated,
            count(a.person_id)::int as monthly_active,
            count(*) filter (where coalesce(po.days, 0) >= ${ENGAGED_DAYS})::int as engaged,
            percentile_cont(0.5) within group (order by extract(epoch from c.activated_at - c.invited_at) / 3600)
              filter (where c.activated_at is not null) as median_hours
       from cohort c
       left join active a on a.person_id = c.id
       left join posting po on po.author_id = c.id
      group by grouping sets ((c.department), (c.location), ())`,
    params,
  );
  return rows;
}
