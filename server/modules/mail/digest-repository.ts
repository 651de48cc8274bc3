import type { DigestFrequency } from '../../../contract/mail.js';
import type { Queryable } from '../../platform/db/database.js';
import { statement } from '../../platform/db/statement.js';
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

const DIGEST_CANDIDATES = statement(`
  select p.id, p.email, p.locale, p.time_zone, mr.last_digest_at, coalesce(mr.bounce_score, 0) as bounce_score,
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
  limit $2`);

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
  const { rows } = await db.query<DigestCandidate>({
    ...DIGEST_CANDIDATES,
    values: [afterId, limit, due.defaultFrequency, due.dailyBefore, due.weeklyBefore, due.bounceLimit],
  });
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

const wantedParams = (wanted: DigestWanted[]) => [wanted.map((w) => w.personId), wanted.map((w) => w.since)];

const score = `t.reply_count * 2 + coalesce((select sum(value::int) from jsonb_each_text(t.reaction_counts)), 0)`;

/**
 * The ranking for a page of people in one statement. Each source gives at most 50 of its newest threads by index
 * (threads_community_activity_idx, threads_theme_activity_idx), so the cost follows memberships, not all posts;
 * a community is read and ranked once per page and `since` (most people of a run share one: the previous run's
 * time), not once per member. A person then needs only each community's best `limit` plus as many as they may
 * not be shown (their own threads, threads they muted): exclusions only remove rows, so their best `limit` lies
 * within those. Themes are read per follower, with the reader's right to read inside the limit.
 */
const RANK_DIGEST_ITEMS = statement(`
  with wanted as (select person_id, since from unnest($1::bigint[], $2::timestamptz[]) as d(person_id, since)),
  slack as materialized (
    select w.person_id, w.since,
           (select count(*) from threads t
             where t.author_id = w.person_id and t.deleted_at is null and t.last_activity_at > w.since)
         + (select count(*) from mail_mutes mm where mm.person_id = w.person_id and mm.thread_id is not null)
           as excluded
      from wanted w),
  memberships as materialized (
    select s.person_id, s.since, s.excluded, m.community_id
      from slack s join community_members m on m.person_id = s.person_id
     where not exists (select 1 from mail_mutes mm where mm.person_id = s.person_id
                         and mm.community_id = m.community_id)),
  recent as materialized (
    select s.community_id, s.since, t.id, t.author_id, t.score,
           row_number() over (partition by s.community_id, s.since order by t.score desc, t.id desc) as source_rank
      from (select distinct community_id, since from memberships) s
      cross join lateral (
        select t.id, t.author_id, ${score} as score
          from threads t
         where t.community_id = s.community_id and t.deleted_at is null and t.last_activity_at > s.since
         order by t.last_activity_at desc, t.id desc
         limit 50) t),
  candidates as (
    select m.person_id, r.id, r.community_id, r.author_id, r.score
      from memberships m join recent r on r.community_id = m.community_id and r.since = m.since
     where r.source_rank <= $3 + m.excluded
    union
    select w.person_id, t.id, t.community_id, t.author_id, t.score
      from wanted w
      join theme_follows f on f.person_id = w.person_id
      cross join lateral (
        select t.id, t.community_id, t.author_id, ${score} as score
          from threads t
         where t.theme_id = f.theme_id and t.deleted_at is null and t.last_activity_at > w.since
           and ${readableCommunitySql('t.community_id', 'w.person_id')}
         order by t.last_activity_at desc, t.id desc
         limit 50) t),
  ranked as (
    select c.person_id, c.id, c.community_id,
           row_number() over (partition by c.person_id order by c.score desc, c.id desc) as rank
      from candidates c
     where c.author_id <> c.person_id
       and not exists (select 1 from mail_mutes mm where mm.person_id = c.person_id
                         and (mm.thread_id = c.id or mm.community_id = c.community_id)))
  select r.person_id::text as person_id, t.id, t.title, t.reply_count, g.name as community_name
    from ranked r
    join threads t on t.id = r.id
    left join communities g on g.id = r.community_id
   where r.rank <= $3
   order by r.person_id, r.rank`);

/**
 * For every wanted person, the best `limit` of what they missed since their `since`: threads active since then in
 * their communities and in themes they follow (readable to them, not their own, not muted), ranked by replies
 * (×2) and reactions.
 */
export async function rankDigestItems(
  db: Queryable,
  wanted: DigestWanted[],
  limit: number,
): Promise<Map<string, DigestItem[]>> {
  if (wanted.length === 0) return new Map();
  const { rows } = await db.query<DigestItem & { person_id: string }>({
    ...RANK_DIGEST_ITEMS,
    values: [...wantedParams(wanted), limit],
  });
  return byPerson(rows);
}

export type DigestNotice = { id: string; kind: string; thread_id: string | null; title: string | null };

const UNREAD_NOTICES = statement(`
  select d.person_id::text as person_id, n.id, n.kind, n.thread_id, n.title
   from unnest($1::bigint[], $2::timestamptz[]) as d(person_id, since)
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
  order by d.person_id, n.id desc`);

/**
 * For every wanted person in one statement, their unread notifications since their `since` (at most 50 each) that
 * they still may read and have not muted; the caller keeps the kinds they send to the digest.
 */
export async function unreadNoticesFor(
  db: Queryable,
  wanted: DigestWanted[],
): Promise<Map<string, DigestNotice[]>> {
  if (wanted.length === 0) return new Map();
  const { rows } = await db.query<DigestNotice & { person_id: string }>({
    ...UNREAD_NOTICES,
    values: wantedParams(wanted),
  });
  return byPerson(rows);
}

/** A person whose digest period is claimed, if it still started before `dueBefore` (nobody claimed it meanwhile). */
export type DigestClaim = { personId: string; dueBefore: Date };

const CLAIM_DIGESTS = statement(`
  with page as (select * from unnest($1::bigint[], $2::timestamptz[]) as c(person_id, due_before)),
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
  select person_id::text from inserted`);

/**
 * Starts the next digest period of these people at `at`, for those still due: a node that read them before another
 * node's claim committed finds them taken (the update rechecks the row it waited for), so a period is claimed
 * once. Returns who was claimed.
 */
export async function claimDigests(db: Queryable, claims: DigestClaim[], at: Date): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const { rows } = await db.query<{ person_id: string }>({
    ...CLAIM_DIGESTS,
    values: [claims.map((c) => c.personId), claims.map((c) => c.dueBefore), at],
  });
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
