import type { Queryable } from '../platform/db/database.js';

/**
 * The demo's readers (the participation ladder's lowest rung): everyone reads on the days they took part, and on
 * some other working days since they first signed in — each person as often as their own fixed share of 10–49% of
 * days, so the demo has lurkers as well as readers who climb. Deterministic: a hash of the person and the day.
 */
export async function writeReads(tx: Queryable, now: number): Promise<void> {
  await tx.query(
    `insert into person_read_days (person_id, day)
     select p.id, g.day::date
       from people p
      cross join lateral generate_series((p.activated_at at time zone 'UTC')::date, ($1::timestamptz at time zone 'UTC')::date,
                                         interval '1 day') g(day)
      where p.activated_at is not null and extract(isodow from g.day) < 6
        and abs(hashtext(p.id || ':' || g.day::date)) % 100 < 10 + abs(hashtext(p.handle)) % 40
     union
     select person_id, day from person_active_days
     order by 1, 2`,
    [new Date(now)],
  );
}
