import type { Queryable } from '../../platform/db/database.js';
import type { Visibility } from '../communities/access.js';
import { thresholdAtSql } from '../communities/viability-repository.js';

// Windows are counted on the roll-up community_active_days (one row per person per day per community), by its
// primary key (community_id, day, person_id): never a scan of posts. `$today` is a UTC day, 'YYYY-MM-DD'.
const activeInWindowSql = (community: string, lastDay: string) =>
  `(select count(distinct d.person_id)::int from community_active_days d
     where d.community_id = ${community} and d.day between ${lastDay} - 27 and ${lastDay})`;

/**
 * The same count for 12 windows, each ending `weeks` apart, oldest first (the last ends today), with the threshold
 * that held at the end of each window's last day.
 */
export async function weeklyTrend(
  db: Queryable,
  communityId: string,
  today: string,
  weeks: number,
): Promise<{ week_ending: string; active: number; threshold: number }[]> {
  const { rows } = await db.query<{ week_ending: string; active: number; threshold: number }>(
    `select to_char(w.week_ending, 'YYYY-MM-DD') as week_ending, ${activeInWindowSql('$1', 'w.week_ending')} as active,
            ${thresholdAtSql('$1', "((w.week_ending + 1)::timestamp at time zone 'UTC')")} as threshold
       from (select ($2::date - 7 * n) as week_ending from generate_series(0, $3::int - 1) as n) w
      order by w.week_ending`,
    [communityId, today, weeks],
  );
  return rows;
}

/** Distinct active participants of several communities together, over the 28 days ending `today`. */
export async function combinedActiveParticipants(
  db: Queryable,
  communityIds: string[],
  today: string,
): Promise<number> {
  const { rows } = await db.query<{ active: number }>(
    `select count(distinct d.person_id)::int as active from community_active_days d
      where d.community_id = any($1::bigint[]) and d.day between $2::date - 27 and $2::date`,
    [communityIds, today],
  );
  return rows[0]!.active;
}

export type HealthSubject = {
  id: string;
  name: string;
  description: string;
  kind: 'general' | 'specialist';
  viability_threshold: number;
  member_count: number;
};

export async function findSubject(db: Queryable, communityId: string): Promise<HealthSubject> {
  const { rows } = await db.query<HealthSubject>(
    `select id, name, description, kind, viability_threshold, member_count from communities where id = $1`,
    [communityId],
  );
  return rows[0]!;
}

export type AttentionRow = {
  id: string;
  slug: string;
  name: string;
  sort_name: string;
  visibility: Visibility;
  kind: 'general' | 'specialist';
  member_count: number;
  viability_threshold: number;
  sponsor_id: string | null;
  created_at: Date;
  /** Null where the viewer may not read the community: its activity is not theirs to know. */
  active: number | null;
};

/**
 * One stretch of the directory as the viewer may know it (secret ones only for members), in name order, with the
 * active participants of each community the viewer may read. The stretch is bounded, so one request does bounded
 * work however many communities there are.
 */
export async function directoryStretch(
  db: Queryable,
  viewerId: string,
  today: string,
  after: { name: string; id: string } | null,
  limit: number,
): Promise<AttentionRow[]> {
  const { rows } = await db.query<AttentionRow>(
    `select s.id, s.slug, s.name, s.sort_name, s.visibility, s.kind, s.member_count, s.viability_threshold,
            s.sponsor_id, s.created_at,
            case when s.readable then ${activeInWindowSql('s.id', '$2::date')} end as active
       from (select c.*, lower(c.name) as sort_name, (c.visibility = 'open' or m.person_id is not null) as readable
               from communities c
               left join community_members m on m.community_id = c.id and m.person_id = $1
              where (c.visibility <> 'secret' or m.person_id is not null)
                and ($3::text is null or (lower(c.name), c.id) > ($3, $4::bigint))
              order by lower(c.name), c.id
              limit $5) s
      order by s.sort_name, s.id`,
    [viewerId, today, after?.name ?? null, after?.id ?? null, limit],
  );
  return rows;
}
