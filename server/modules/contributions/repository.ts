import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';

export type ContributionRow = {
  id: string;
  title: string;
  kind: string;
  status: string | null;
  community_slug: string | null;
  community_name: string | null;
  at: Date;
  /** How many such contributions there are in all (the same on every row). */
  total: number;
};

export type Tallied = { rows: ContributionRow[]; total: number };

const threadColumns = `t.id, t.title, t.kind, t.status, c.slug as community_slug, c.name as community_name`;

const tally = (rows: ContributionRow[]): Tallied => ({ rows, total: rows[0]?.total ?? 0 });

/**
 * Their replies accepted as the answer to someone else's question, newest acceptance first: from their replies
 * (replies_author_idx) to the thread that accepted each (threads_accepted_reply_idx), only threads `viewer` may read.
 */
export async function acceptedAnswers(
  db: Queryable,
  personId: string,
  viewerId: string,
  recent: number,
): Promise<Tallied> {
  const { rows } = await db.query<ContributionRow>(
    `select ${threadColumns}, coalesce(t.accepted_at, r.created_at) as at, count(*) over ()::int as total
       from replies r
       join threads t on t.accepted_reply_id = r.id and t.deleted_at is null
       left join communities c on c.id = t.community_id
      where r.author_id = $1 and r.deleted_at is null and t.author_id <> $1
        and ${readableCommunitySql('t.community_id', '$2')}
      order by at desc, t.id desc
      limit $3`,
    [personId, viewerId, recent],
  );
  return tally(rows);
}

/** Ideas they posted that reached planned or done, by when they got there; only threads `viewer` may read. */
export async function ideasRealised(
  db: Queryable,
  personId: string,
  viewerId: string,
  recent: number,
): Promise<Tallied & { planned: number; done: number }> {
  const { rows } = await db.query<ContributionRow & { planned: number; done: number }>(
    `select ${threadColumns},
            coalesce((select max(sc.created_at) from thread_status_changes sc
                       where sc.thread_id = t.id and sc.to_status = t.status), t.created_at) as at,
            count(*) over ()::int as total,
            (count(*) filter (where t.status = 'planned') over ())::int as planned,
            (count(*) filter (where t.status = 'done') over ())::int as done
       from threads t
       left join communities c on c.id = t.community_id
      where t.author_id = $1 and t.kind = 'idea' and t.status in ('planned', 'done') and t.deleted_at is null
        and ${readableCommunitySql('t.community_id', '$2')}
      order by at desc, t.id desc
      limit $3`,
    [personId, viewerId, recent],
  );
  return { ...tally(rows), planned: rows[0]?.planned ?? 0, done: rows[0]?.done ?? 0 };
}

/** Praise threads that name them (praise_recipients_person_idx), newest first; only threads `viewer` may read. */
export async function praiseReceived(
  db: Queryable,
  personId: string,
  viewerId: string,
  recent: number,
): Promise<Tallied> {
  const { rows } = await db.query<ContributionRow>(
    `select ${threadColumns}, t.created_at as at, count(*) over ()::int as total
       from praise_recipients pr
       join threads t on t.id = pr.thread_id and t.kind = 'praise' and t.deleted_at is null
       left join communities c on c.id = t.community_id
      where pr.person_id = $1 and t.author_id <> $1
        and ${readableCommunitySql('t.community_id', '$2')}
      order by at desc, t.id desc
      limit $3`,
    [personId, viewerId, recent],
  );
  return tally(rows);
}
