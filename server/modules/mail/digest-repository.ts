import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';
import type { StoredPreferences } from './preferences.js';

export type DigestCandidate = {
  id: string;
  email: string;
  locale: 'nl' | 'en' | null;
  last_digest_at: Date | null;
  last_active_at: Date;
  bounce_score: number;
  preferences: StoredPreferences | null;
};

/** One page of active people after `afterId` (keyset on people's primary key), with what the digest decides on. */
export async function digestCandidates(
  db: Queryable,
  afterId: string,
  limit: number,
): Promise<DigestCandidate[]> {
  const { rows } = await db.query<DigestCandidate>(
    `select p.id, p.email, p.locale, mr.last_digest_at, coalesce(mr.bounce_score, 0) as bounce_score,
            greatest(p.created_at, p.activated_at, seen.at) as last_active_at,
            case when mp.person_id is null then null
                 else json_build_object('kinds', mp.kinds, 'digest', mp.digest) end as preferences
       from people p
       left join mail_recipients mr on mr.person_id = p.id
       left join mail_preferences mp on mp.person_id = p.id
       left join lateral (select max(s.last_seen_at) as at from sessions s where s.person_id = p.id) seen on true
      where p.id > $1 and p.status = 'active'
      order by p.id
      limit $2`,
    [afterId, limit],
  );
  return rows;
}

export type DigestItem = {
  id: string;
  title: string;
  reply_count: number;
  community_name: string | null;
  score: number;
};

/**
 * The best of what the person missed since `since`: threads active since then in their communities and in themes
 * they follow (readable to them, not their own, not muted), ranked by replies and reactions. Each source gives
 * at most 50 of its newest by index, so a person in many busy communities costs a bounded read.
 */
export async function digestItems(
  db: Queryable,
  personId: string,
  since: Date,
  limit: number,
): Promise<DigestItem[]> {
  const { rows } = await db.query<DigestItem>(
    `with candidates as (
       select t.* from community_members m
         cross join lateral (
           select t.id, t.title, t.reply_count, t.reaction_counts, t.community_id, t.author_id
             from threads t
            where t.community_id = m.community_id and t.deleted_at is null and t.last_activity_at > $2
            order by t.last_activity_at desc, t.id desc
            limit 50) t
        where m.person_id = $1
       union
       select t.id, t.title, t.reply_count, t.reaction_counts, t.community_id, t.author_id
         from theme_follows f
         join threads t on t.theme_id = f.theme_id
        where f.person_id = $1 and t.deleted_at is null and t.last_activity_at > $2
          and ${readableCommunitySql('t.community_id', '$1')}
     )
     select c.id, c.title, c.reply_count, g.name as community_name,
            c.reply_count * 2 + coalesce((select sum(value::int) from jsonb_each_text(c.reaction_counts)), 0) as score
       from candidates c
       left join communities g on g.id = c.community_id
      where c.author_id <> $1
        and not exists (select 1 from mail_mutes mm where mm.person_id = $1
                          and (mm.thread_id = c.id or mm.community_id = c.community_id))
      order by score desc, c.id desc
      limit $3`,
    [personId, since, limit],
  );
  return rows;
}

export type DigestNotice = { id: string; kind: string; thread_id: string | null; title: string | null };

/** Unread notifications since `since` that the person still may read (their kinds are filtered by the caller). */
export async function unreadNoticesSince(
  db: Queryable,
  personId: string,
  since: Date,
): Promise<DigestNotice[]> {
  const { rows } = await db.query<DigestNotice>(
    `select n.id, n.kind, n.thread_id, coalesce(t.title, n.data->>'themeTitle', n.data->>'title') as title
       from notifications n
       left join threads t on t.id = n.thread_id
      where n.recipient_id = $1 and n.read_at is null and n.created_at > $2
        and ${readableCommunitySql('n.community_id', '$1')}
        and (n.thread_id is null or (t.deleted_at is null and ${readableCommunitySql('t.community_id', '$1')}))
      order by n.id desc
      limit 50`,
    [personId, since],
  );
  return rows;
}

export async function recordDigest(db: Queryable, personId: string, at: Date): Promise<void> {
  await db.query(
    `insert into mail_recipients (person_id, last_digest_at) values ($1, $2)
     on conflict (person_id) do update set last_digest_at = excluded.last_digest_at`,
    [personId, at],
  );
}
