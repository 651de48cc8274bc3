import type { DigestFrequency } from '../../../contract/mail.js';
import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';
import type { StoredPreferences } from './preferences.js';

export type DigestCandidate = {
  id: string;
  email: string;
  locale: 'nl' | 'en' | null;
  time_zone: string;
  last_digest_at: Date | null;
  last_active_at: Date;
  bounce_score: number;
  preferences: StoredPreferences | null;
};

/** What makes a person possibly due: digests that started before these instants, addresses below the limit. */
export type DueFilter = {
  defaultFrequency: DigestFrequency;
  dailyBefore: Date;
  weeklyBefore: Date;
  bounceLimit: number;
};

/**
 * One page of active people after `afterId` (keyset on people's primary key) who may be due, with what the digest
 * decides on. The filter only keeps the surely-not-due out of the page (digestDecision has the rules), so a run in
 * which few are due reads few.
 */
export async function digestCandidates(
  db: Queryable,
  afterId: string,
  limit: number,
  due: DueFilter,
): Promise<DigestCandidate[]> {
  const { rows } = await db.query<DigestCandidate>(
    `select p.id, p.email, p.locale, p.time_zone, mr.last_digest_at, coalesce(mr.bounce_score, 0) as bounce_score,
            greatest(p.created_at, p.activated_at, seen.at) as last_active_at,
            case when mp.person_id is null then null
                 else json_build_object('kinds', mp.kinds, 'digest', mp.digest, 'quiet_start', mp.quiet_start,
                                        'quiet_end', mp.quiet_end) end as preferences
       from people p
       left join mail_recipients mr on mr.person_id = p.id
       left join mail_preferences mp on mp.person_id = p.id
       left join lateral (select max(s.last_seen_at) as at from sessions s where s.person_id = p.id) seen on true
      where p.id > $1 and p.status = 'active'
        and coalesce(mp.digest, $3) <> 'never'
        and coalesce(mr.bounce_score, 0) < $6
        and (mr.last_digest_at is null
             or mr.last_digest_at <= case coalesce(mp.digest, $3) when 'daily' then $4::timestamptz else $5::timestamptz end)
      order by p.id
      limit $2`,
    [afterId, limit, due.defaultFrequency, due.dailyBefore, due.weeklyBefore, due.bounceLimit],
  );
  return rows;
}

/** A person whose digest is being made, and since when it looks. */
export type DigestWanted = { personId: string; since: Date };

export type DigestItem = {
  id: string;
  title: string;
  reply_count: number;
  community_name: string | null;
};

const unnestWanted = 'unnest($1::bigint[], $2::timestamptz[]) as d(person_id, since)';
const wantedParams = (wanted: DigestWanted[]) => [wanted.map((w) => w.personId), wanted.map((w) => w.since)];

/**
 * For every wanted person in one statement, the best `limit` of what they missed since their `since`: threads
 * active since then in their communities and in themes they follow (readable to them, not their own, not muted),
 * ranked by replies and reactions. Each source (a community, a theme) gives at most 50 of its newest by index
 * (threads_community_activity_idx, threads_theme_activity_idx), so the cost follows memberships, not all posts.
 */
export async function rankDigestItems(
  db: Queryable,
  wanted: DigestWanted[],
  limit: number,
): Promise<Map<string, DigestItem[]>> {
  if (wanted.length === 0) return new Map();
  const { rows } = await db.query<DigestItem & { person_id: string }>(
    `select d.person_id::text as person_id, best.id, best.title, best.reply_count, best.community_name
       from ${unnestWanted}
       cross join lateral (
         select c.id, c.title, c.reply_count, g.name as community_name,
                c.reply_count * 2
                  + coalesce((select sum(value::int) from jsonb_each_text(c.reaction_counts)), 0) as score
           from (select t.* from community_members m
                   cross join lateral (
                     select t.id, t.title, t.reply_count, t.reaction_counts, t.community_id, t.author_id
                       from threads t
                      where t.community_id = m.community_id and t.deleted_at is null
                        and t.last_activity_at > d.since
                      order by t.last_activity_at desc, t.id desc
                      limit 50) t
                  where m.person_id = d.person_id
                 union
                 select t.* from theme_follows f
                   cross join lateral (
                     select t.id, t.title, t.reply_count, t.reaction_counts, t.community_id, t.author_id
                       from threads t
                      where t.theme_id = f.theme_id and t.deleted_at is null and t.last_activity_at > d.since
                        and ${readableCommunitySql('t.community_id', 'd.person_id')}
                      order by t.last_activity_at desc, t.id desc
                      limit 50) t
                  where f.person_id = d.person_id) c
           left join communities g on g.id = c.community_id
          where c.author_id <> d.person_id
            and not exists (select 1 from mail_mutes mm where mm.person_id = d.person_id
                              and (mm.thread_id = c.id or mm.community_id = c.community_id))
          order by score desc, c.id desc
          limit $3) best
      order by d.person_id, best.score desc, best.id desc`,
    [...wantedParams(wanted), limit],
  );
  return byPerson(rows);
}

export type DigestNotice = { id: string; kind: string; thread_id: string | null; title: string | null };

/**
 * For every wanted person in one statement, their unread notifications since their `since` (at most 50 each) that
 * they still may read and have not muted; the caller keeps the kinds they send to the digest.
 */
export async function unreadNoticesFor(
  db: Queryable,
  wanted: DigestWanted[],
): Promise<Map<string, DigestNotice[]>> {
  if (wanted.length === 0) return new Map();
  const { rows } = await db.query<DigestNotice & { person_id: string }>(
    `select d.person_id::text as person_id, n.id, n.kind, n.thread_id, n.title
       from ${unnestWanted}
       cross join lateral (
         select n.id, n.kind, n.thread_id, coalesce(t.title, n.data->>'themeTitle', n.data->>'title') as title
           from notifications n
           left join threads t on t.id = n.thread_id
          where n.recipient_id = d.person_id and n.read_at is null and n.created_at > d.since
            and ${readableCommunitySql('n.community_id', 'd.person_id')}
            and (n.thread_id is null or (t.deleted_at is null and ${readableCommunitySql('t.community_id', 'd.person_id')}))
            and not exists (select 1 from mail_mutes mm where mm.person_id = d.person_id
                              and (mm.thread_id = n.thread_id or mm.community_id = coalesce(t.community_id, n.community_id)))
          order by n.id desc
          limit 50) n
      order by d.person_id, n.id desc`,
    wantedParams(wanted),
  );
  return byPerson(rows);
}

/** A person whose digest period is claimed, if it still started before `dueBefore` (nobody claimed it meanwhile). */
export type DigestClaim = { personId: string; dueBefore: Date };

/**
 * Starts the next digest period of these people at `at`, for those still due: a node that read them before another
 * node's claim committed finds them taken (the update rechecks the row it waited for), so a period is claimed
 * once. Returns who was claimed.
 */
export async function claimDigests(db: Queryable, claims: DigestClaim[], at: Date): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const { rows } = await db.query<{ person_id: string }>(
    `with page as (select * from unnest($1::bigint[], $2::timestamptz[]) as c(person_id, due_before)),
     updated as (
       update mail_recipients mr set last_digest_at = $3
         from page
        where mr.person_id = page.person_id
          and (mr.last_digest_at is null or mr.last_digest_at <= page.due_before)
        returning mr.person_id),
     inserted as (
       insert into mail_recipients (person_id, last_digest_at)
       select page.person_id, $3 from page
        where not exists (select 1 from mail_recipients mr where mr.person_id = page.person_id)
       on conflict (person_id) do nothing
       returning person_id)
     select person_id::text as person_id from updated
     union all
     select person_id::text from inserted`,
    [claims.map((c) => c.personId), claims.map((c) => c.dueBefore), at],
  );
  return new Set(rows.map((row) => row.person_id));
}

function byPerson<T extends { person_id: string }>(rows: T[]): Map<string, Omit<T, 'person_id'>[]> {
  const map = new Map<string, Omit<T, 'person_id'>[]>();
  for (const { person_id, ...rest } of rows) {
    const list = map.get(person_id);
    if (list) list.push(rest);
    else map.set(person_id, [rest]);
  }
  return map;
}
