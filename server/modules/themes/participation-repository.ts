import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';

/**
 * Linked threads of the themes in $1 that are not removed, and (when `viewerParam` is given) that the viewer may
 * read, with their live replies. Every figure and list of a theme starts here (threads_theme_idx, replies_thread_idx).
 */
const linkedCtes = (themeFilter: string, viewerParam: string | null) => `
  linked as (
    select t.id, t.theme_id, t.author_id from threads t
     where ${themeFilter} and t.deleted_at is null
       ${viewerParam ? `and ${readableCommunitySql('t.community_id', viewerParam)}` : ''}),
  live_replies as (
    select r.id, r.author_id, l.theme_id from linked l
      join replies r on r.thread_id = l.id
     where r.deleted_at is null),
  contributions as (
    select theme_id, author_id as person_id from linked
    union all select theme_id, author_id from live_replies
    union all select l.theme_id, x.person_id from linked l join thread_reactions x on x.thread_id = l.id
    union all select r.theme_id, x.person_id from live_replies r join reply_reactions x on x.reply_id = r.id)`;

export type FigureRow = {
  theme_id: string;
  threads: number;
  replies: number;
  participants: number;
  outcomes: number;
  first_outcome_at: Date | null;
  last_outcome_at: Date | null;
};

/** The figures of several themes in one query, over what the viewer ($2) may read. */
export async function themeFigures(
  db: Queryable,
  themeIds: string[],
  viewerId: string,
): Promise<FigureRow[]> {
  if (themeIds.length === 0) return [];
  const { rows } = await db.query<FigureRow>(
    `with ${linkedCtes('t.theme_id = any($1::bigint[])', '$2')},
     outcome_stats as (
       select theme_id, count(*)::int as outcomes, min(created_at) as first_at, max(created_at) as last_at
         from theme_outcomes where theme_id = any($1::bigint[]) group by theme_id)
     select ids.id::text as theme_id,
            (select count(*)::int from linked where theme_id = ids.id) as threads,
            (select count(*)::int from live_replies where theme_id = ids.id) as replies,
            (select count(distinct person_id)::int from contributions where theme_id = ids.id) as participants,
            coalesce(o.outcomes, 0) as outcomes, o.first_at as first_outcome_at, o.last_at as last_outcome_at
       from unnest($1::bigint[]) as ids(id)
       left join outcome_stats o on o.theme_id = ids.id`,
    [themeIds, viewerId],
  );
  return rows;
}

export type ParticipantRow = { person_id: string; contributions: number };

/** Who took part in a theme, most contributions first, then by id; keyset on (contributions, id). */
export async function participantsPage(
  db: Queryable,
  themeId: string,
  viewerId: string,
  after: { contributions: number; personId: string } | null,
  limit: number,
): Promise<ParticipantRow[]> {
  const { rows } = await db.query<ParticipantRow>(
    `with ${linkedCtes('t.theme_id = $1', '$2')},
     counted as (select person_id, count(*)::int as contributions from contributions group by person_id)
     select person_id::text, contributions from counted
      where $3::int is null or contributions < $3 or (contributions = $3 and person_id > $4::bigint)
      order by contributions desc, person_id asc
      limit $5`,
    [themeId, viewerId, after?.contributions ?? null, after?.personId ?? null, limit],
  );
  return rows;
}

export type LinkedThreadRow = { id: string; key_at: string };

/** Linked threads the viewer may read, newest activity first (threads_theme_activity_idx). */
export async function linkedThreadsPage(
  db: Queryable,
  themeId: string,
  viewerId: string,
  after: { at: string; id: string } | null,
  limit: number,
): Promise<LinkedThreadRow[]> {
  const { rows } = await db.query<LinkedThreadRow>(
    `select t.id,
            to_char(t.last_activity_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key_at
       from threads t
      where t.theme_id = $1 and t.deleted_at is null and ${readableCommunitySql('t.community_id', '$2')}
        and (t.last_activity_at, t.id) < ($3::timestamptz, $4::bigint)
      order by t.last_activity_at desc, t.id desc
      limit $5`,
    [themeId, viewerId, after?.at ?? 'infinity', after?.id ?? '9223372036854775807', limit],
  );
  return rows;
}

/**
 * Who hears of a new outcome update: every active participant of any linked thread (the theme is company-wide;
 * the notification names only the theme) and every follower, never the poster.
 */
export async function outcomeRecipients(db: Queryable, themeId: string, posterId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `with ${linkedCtes('t.theme_id = $1', null)},
     everyone as (
       select person_id from contributions
       union select person_id from theme_follows where theme_id = $1)
     select p.id from everyone e join people p on p.id = e.person_id
      where p.status = 'active' and p.id <> $2
      order by p.id`,
    [themeId, posterId],
  );
  return rows.map((row) => row.id);
}
