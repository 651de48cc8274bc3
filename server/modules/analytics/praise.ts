import type { Queryable } from '../../platform/db/database.js';
import { type Filter, type Period, personWhere } from './filters.js';

/**
 * Praise as people, not posts (docs/ANALYTICS.md, `praisePer100`): ten praise posts for one colleague are one person
 * praised, so the figure cannot be raised by posting more. Read live from threads_praise_idx (praise is a small
 * share of threads), narrowed like conversation: by community, and by the giver's department and location.
 */
export type Praise = { praised: number; givers: number };

export async function praiseCounts(db: Queryable, filter: Filter, period: Period): Promise<Praise> {
  const params: unknown[] = [period.from, period.to];
  let where = personWhere('p', filter, params);
  const join = where ? 'join people p on p.id = t.author_id' : '';
  if (filter.communityId !== null) {
    params.push(filter.communityId);
    where += ` and t.community_id = $${params.length}`;
  }
  const { rows } = await db.query<Praise>(
    `select count(distinct r.person_id)::int as praised, count(distinct t.author_id)::int as givers
       from threads t ${join}
       -- Praising oneself names nobody else.
       left join praise_recipients r on r.thread_id = t.id and r.person_id <> t.author_id
      where t.kind = 'praise' and t.deleted_at is null
        and t.created_at >= ($1::date::timestamp at time zone 'UTC')
        and t.created_at < (($2::date + 1)::timestamp at time zone 'UTC') ${where}`,
    params,
  );
  return rows[0]!;
}
