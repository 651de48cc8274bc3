import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';

export type EventRow = {
  id: string;
  type: string;
  thread_id: string | null;
  community_id: string | null;
  payload: Record<string, unknown>;
  created_at: Date;
};

/** What a stream filters on in memory before it asks the database: the reader's communities and followed threads. */
export async function readerSources(
  db: Queryable,
  personId: string,
): Promise<{ communities: Set<string>; threads: Set<string> }> {
  const [communities, threads] = await Promise.all([
    db.query<{ id: string }>('select community_id as id from community_members where person_id = $1', [
      personId,
    ]),
    db.query<{ id: string }>('select thread_id as id from thread_follows where person_id = $1', [personId]),
  ]);
  return {
    communities: new Set(communities.rows.map((row) => row.id)),
    threads: new Set(threads.rows.map((row) => row.id)),
  };
}

/** A thread event for everyone: its thread says so (the truth), or the event's payload does. */
const companyWide = (event: string, thread: string) =>
  `(coalesce(${thread}.company_wide, false) or (${event}.payload->>'companyWide') = 'true')`;

/** An event that might concern the reader, and whether they may see it now. */
export type CandidateRow = EventRow & { visible: boolean };

/**
 * The events after `afterId` that might concern the reader, oldest first, at most `limit`. Each source is one
 * index range (the fan-in of DESIGN.md §4), so the cost follows the reader's own sources, not the size of the log:
 *   - addressed to them (notifications);
 *   - `reply` (and a poll's or AMA's change) in a thread they follow and may read;
 *   - `thread` in a community they are a member of, or a company-wide one (outside any community).
 * `visible` checks readability again at delivery time: a reader who left a closed or secret community since, or
 * whose thread was deleted, gets nothing more from it. Invisible rows are returned (not dropped) so that a caller
 * paging by `limit` knows how far it has looked.
 */
export async function candidateEvents(
  db: Queryable,
  readerId: string,
  afterId: string,
  limit: number,
): Promise<CandidateRow[]> {
  const columns = 'e.id, e.type, e.thread_id, e.community_id, e.payload, e.created_at';
  const { rows } = await db.query<CandidateRow>(
    `with candidates as (
       (select ${columns} from events e
         where e.recipient_id = $1 and e.id > $2 order by e.id limit $3)
       union all
       (select x.* from thread_follows f
          join threads ft on ft.id = f.thread_id
          cross join lateral (
            select ${columns} from events e
             where e.thread_id = f.thread_id and e.id > $2 and e.type in ('reply', 'poll', 'ama') and e.recipient_id is null
             order by e.id limit $3) x
         where f.person_id = $1 and ft.deleted_at is null and ${readableCommunitySql('ft.community_id', '$1')})
       union all
       (select x.* from community_members m
          cross join lateral (
            select ${columns} from events e
             where e.community_id = m.community_id and e.id > $2 and e.type = 'thread' and e.recipient_id is null
             order by e.id limit $3) x
         where m.person_id = $1)
       union all
       (select ${columns} from events e
          left join threads cw on cw.id = e.thread_id
         where e.community_id is null and e.type = 'thread' and e.recipient_id is null and e.id > $2
           and ${companyWide('e', 'cw')}
         order by e.id limit $3)
     )
     select e.*,
            (${readableCommunitySql('e.community_id', '$1')}
             and (e.thread_id is null
                  or (t.deleted_at is null and ${readableCommunitySql('t.community_id', '$1')}))) as visible
       from candidates e
       left join threads t on t.id = e.thread_id
      order by e.id
      limit $3`,
    [readerId, afterId, limit],
  );
  return rows;
}

/** The newest event id in the log (0 when it is empty): where a stream without Last-Event-ID starts. */
export async function latestEventId(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ id: string }>('select coalesce(max(id), 0)::text as id from events');
  return rows[0]!.id;
}

/** The newest event older than the replay window, if any (events_created_idx): resuming before it lost events. */
export async function newestExpiredEventId(db: Queryable, since: Date): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    'select id from events where created_at < $1 order by created_at desc limit 1',
    [since],
  );
  return rows[0]?.id ?? null;
}

/** Whether a `thread` event outside any community is company-wide (read once per node, not once per stream). */
export async function isCompanyWideEvent(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query<{ company_wide: boolean }>(
    `select ${companyWide('e', 'cw')} as company_wide
       from events e left join threads cw on cw.id = e.thread_id where e.id = $1`,
    [id],
  );
  return rows[0]?.company_wide ?? false;
}
