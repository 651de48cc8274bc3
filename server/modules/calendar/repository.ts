import type { Queryable } from '../../platform/db/database.js';

export type EventRow = {
  thread_id: string;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  place: string;
  online_url: string | null;
  going: number;
  maybe: number;
  not_going: number;
  my_answer: 'going' | 'maybe' | 'not' | null;
};

export async function insertEvent(
  db: Queryable,
  threadId: string,
  event: { startsAt: Date; endsAt: Date; timeZone: string; place: string; onlineUrl: string | null },
): Promise<void> {
  await db.query(
    `insert into thread_events (thread_id, starts_at, ends_at, time_zone, place, online_url)
     values ($1, $2, $3, $4, $5, $6)`,
    [threadId, event.startsAt, event.endsAt, event.timeZone, event.place, event.onlineUrl],
  );
}

/** The event with its RSVP counts and the viewer's own answer. */
export async function findEvent(db: Queryable, threadId: string, viewerId: string): Promise<EventRow | null> {
  const { rows } = await db.query<EventRow>(
    `select e.thread_id::text, e.starts_at, e.ends_at, e.time_zone, e.place, e.online_url,
            count(*) filter (where r.answer = 'going')::int as going,
            count(*) filter (where r.answer = 'maybe')::int as maybe,
            count(*) filter (where r.answer = 'not')::int as not_going,
            max(r.answer) filter (where r.person_id = $2) as my_answer
       from thread_events e left join event_rsvps r on r.thread_id = e.thread_id
      where e.thread_id = $1
      group by e.thread_id`,
    [threadId, viewerId],
  );
  return rows[0] ?? null;
}

export async function setRsvp(db: Queryable, threadId: string, personId: string, answer: string, at: Date) {
  await db.query(
    `insert into event_rsvps (thread_id, person_id, answer, answered_at) values ($1, $2, $3, $4)
     on conflict (thread_id, person_id) do update set answer = $3, answered_at = $4`,
    [threadId, personId, answer, at],
  );
}

export async function removeRsvp(db: Queryable, threadId: string, personId: string) {
  await db.query('delete from event_rsvps where thread_id = $1 and person_id = $2', [threadId, personId]);
}

export type DueRow = {
  thread_id: string;
  community_id: string | null;
  author_id: string;
  title: string;
  starts_at: Date;
};

/** Events starting within `lead` of now that were not reminded yet (of live threads), locked for this run. */
export async function dueReminders(db: Queryable, now: Date, until: Date): Promise<DueRow[]> {
  const { rows } = await db.query<DueRow>(
    `select e.thread_id::text, t.community_id::text, t.author_id::text, t.title, e.starts_at
       from thread_events e join threads t on t.id = e.thread_id
      where e.reminded_at is null and e.starts_at > $1 and e.starts_at <= $2 and t.deleted_at is null
      order by e.starts_at
      limit 100
      for update of e skip locked`,
    [now, until],
  );
  return rows;
}

/** Who said going or maybe. */
export async function attendees(db: Queryable, threadId: string): Promise<string[]> {
  const { rows } = await db.query<{ person_id: string }>(
    `select person_id::text from event_rsvps where thread_id = $1 and answer in ('going', 'maybe')`,
    [threadId],
  );
  return rows.map((row) => row.person_id);
}

export async function markReminded(db: Queryable, threadId: string, at: Date) {
  await db.query('update thread_events set reminded_at = $2 where thread_id = $1', [threadId, at]);
}
