import type { Queryable } from '../../platform/db/database.js';

/**
 * The roll-up of active participants per community (`analytics_community_active`, docs/ANALYTICS.md), from
 * `community_active_days`: for every day from a community's first active day to the horizon (the refresh's day
 * + 27, the last window today's activity reaches), the distinct people in the 28 days ending that day and the
 * sponsor's active days up to it. The full rebuild is the same code from the first day of all (after `clearAll`).
 */

/** The window: a day and the 27 before it. */
const WINDOW = 28;

/**
 * Counts the days from `fromDay` on again, reading the activity since 27 days before it (older days fall out of
 * every window ending on or after `fromDay`). A person's day `x` counts in the windows ending `x` … `x + 27`, so the
 * days of one person at most 28 apart merge into one stretch (gaps and islands), which adds 1 on its first day and
 * takes it off 28 days after its last; the running sum of those steps is the count on every day. A community with
 * no row the day before `fromDay` (new, or its sponsor changed) is counted from its first day. One community at a
 * time: each sort holds one community's rows.
 */
export async function refreshCommunityActive(db: Queryable, fromDay: string, today: string): Promise<void> {
  // Every community's rows end on the last horizon: start the day after it at the latest, so none is left with a gap.
  const { rows: start } = await db.query<{ day: string }>(
    `select to_char(least($1::date, max(day) + 1), 'YYYY-MM-DD') as day from analytics_community_active`,
    [fromDay],
  );
  const from = start[0]!.day;
  const { rows: changed } = await db.query<{ id: string }>(
    `select c.id from communities c join analytics_community_active k on k.community_id = c.id
      where k.day = $1::date - 1 and k.sponsor_id is distinct from c.sponsor_id`,
    [from],
  );
  if (changed.length > 0) {
    await db.query('delete from analytics_community_active where community_id = any($1::bigint[])', [
      changed.map((row) => row.id),
    ]);
  }
  await db.query('delete from analytics_community_active where day >= $1::date', [from]);
  await db.query(
    `insert into analytics_community_active (day, community_id, people, sponsor_id, sponsor_days)
     select a.day, c.id, a.people, c.sponsor_id, a.sponsor_days
       from (select c.id, c.sponsor_id, coalesce(k.sponsor_days, 0) as sponsor_base,
                    case when k.community_id is null then '-infinity'::date else $1::date end as start
               from communities c
               left join analytics_community_active k on k.community_id = c.id and k.day = $1::date - 1
              order by c.id) c
       cross join lateral (
         with marks as (
           select d.day, d.person_id = c.sponsor_id as by_sponsor,
                  coalesce(d.day - lag(d.day) over w > ${WINDOW}, true) as opens,
                  coalesce(lead(d.day) over w - d.day > ${WINDOW}, true) as closes
             from community_active_days d
            where d.community_id = c.id and d.day >= c.start - ${WINDOW - 1}
           window w as (partition by d.person_id order by d.day)),
         steps as (
           select day, sum(people) as people, sum(sponsor) as sponsor
             from (select day, 1 as people, 0 as sponsor from marks where opens
                   union all
                   select day + ${WINDOW}, -1, 0 from marks where closes
                   union all
                   -- The sponsor's days before the start are in the kept count already.
                   select day, 0, 1 from marks where by_sponsor and day >= c.start
                   union all
                   -- A kept community has a row on every day, active or not.
                   select c.start, 0, 0 where c.start > '-infinity') s
            group by day),
         counts as (
           select day, sum(people) over w as people, c.sponsor_base + sum(sponsor) over w as sponsor_days,
                  lead(day) over w as next_day
             from steps window w as (order by day))
         -- Each count holds from its step to the day before the next; the last (0) to the horizon.
         select k.day + n as day, k.people::int as people, k.sponsor_days::int as sponsor_days
           from counts k
           cross join generate_series(greatest(k.day, c.start) - k.day,
                                      least(k.next_day - 1, $2::date + ${WINDOW - 1}) - k.day) n) a
      -- In key order: a day's rows lie side by side, so a read of all communities on one day is one range.
      order by a.day, c.id`,
    [from, today],
  );
}
