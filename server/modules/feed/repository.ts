import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';

/** A position in an activity-ordered list: the microsecond-exact time as text, and the id that breaks ties. */
export type Keyset = { at: string; id: string };
export type PageRow = { id: string; key_at: string };

// The start of every list: later than any activity, higher than any id.
const START: Keyset = { at: 'infinity', id: '9223372036854775807' };
const keyText = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** One source of the home feed: its newest threads after the cursor, by the index the source names. */
const newestThreads = (where: string) => `
  select t.id, t.last_activity_at from threads t
   where ${where} and t.deleted_at is null and (t.last_activity_at, t.id) < ($2::timestamptz, $3::bigint)
     and ($5::text is null or t.origin = $5::text)
   order by t.last_activity_at desc, t.id desc limit $4`;

/**
 * The home feed: per source, the newest `limit` threads by index (LATERAL … LIMIT), then union (dedupes),
 * sort, cut. Never a scan over all threads: the cost grows with the number of sources, not of posts.
 * `origin` keeps only top-down or bottom-up threads.
 */
export async function homeFeedPage(
  db: Queryable,
  viewerId: string,
  after: Keyset | null,
  limit: number,
  origin: 'top_down' | 'bottom_up' | null = null,
): Promise<PageRow[]> {
  const readable = readableCommunitySql('t.community_id', '$1');
  const { rows } = await db.query<PageRow>(
    `with candidates as (
       select t.id, t.last_activity_at from community_members m
        cross join lateral (${newestThreads('t.community_id = m.community_id')}) t
        where m.person_id = $1
       union
       select t.id, t.last_activity_at from community_follows f
        cross join lateral (${newestThreads('t.community_id = f.community_id')}) t
        where f.person_id = $1 and ${readableCommunitySql('f.community_id', '$1')}
       union
       select t.id, t.last_activity_at from person_follows pf
        cross join lateral (${newestThreads(`t.author_id = pf.followee_id and ${readable}`)}) t
        where pf.follower_id = $1
       union
       select t.id, t.last_activity_at from hashtag_follows hf
        cross join lateral (
          select t.id, t.last_activity_at from thread_hashtags th join threads t on t.id = th.thread_id
           where th.hashtag_id = hf.hashtag_id and t.deleted_at is null and ${readable}
             and (th.last_activity_at, th.thread_id) < ($2::timestamptz, $3::bigint)
             and ($5::text is null or t.origin = $5::text)
           order by th.last_activity_at desc, th.thread_id desc limit $4) t
        where hf.person_id = $1
       union
       (${newestThreads('t.company_wide')})
       union
       (${newestThreads(`t.author_id = $1 and ${readable}`)})
     )
     select id, ${keyText('last_activity_at')} as key_at from candidates
      order by last_activity_at desc, id desc limit $4`,
    [viewerId, (after ?? START).at, (after ?? START).id, limit, origin],
  );
  return rows;
}

/**
 * A community's threads, newest activity first, optionally of one kind and/or origin (each over its own
 * index range); the caller has checked the viewer may read it.
 */
export async function communityFeedPage(
  db: Queryable,
  communityId: string,
  filter: { kind: string | null; origin: string | null },
  after: Keyset | null,
  limit: number,
): Promise<PageRow[]> {
  const { rows } = await db.query<PageRow>(
    `select t.id, ${keyText('t.last_activity_at')} as key_at from threads t
      where t.community_id = $1 and t.deleted_at is null
        ${filter.kind ? 'and t.kind = $5' : 'and $5::text is null'}
        ${filter.origin ? 'and t.origin = $6' : 'and $6::text is null'}
        and (t.last_activity_at, t.id) < ($2::timestamptz, $3::bigint)
      order by t.last_activity_at desc, t.id desc limit $4`,
    [communityId, (after ?? START).at, (after ?? START).id, limit, filter.kind, filter.origin],
  );
  return rows;
}

/** Threads carrying a hashtag that the viewer may read, newest activity first, over thread_hashtags_feed_idx. */
export async function hashtagFeedPage(
  db: Queryable,
  viewerId: string,
  tag: string,
  after: Keyset | null,
  limit: number,
): Promise<PageRow[]> {
  const { rows } = await db.query<PageRow>(
    `select t.id, ${keyText('th.last_activity_at')} as key_at
       from hashtags h
       join thread_hashtags th on th.hashtag_id = h.id
       join threads t on t.id = th.thread_id
      where h.tag = lower($5) and t.deleted_at is null and ${readableCommunitySql('t.community_id', '$1')}
        and (th.last_activity_at, th.thread_id) < ($2::timestamptz, $3::bigint)
      order by th.last_activity_at desc, th.thread_id desc limit $4`,
    [viewerId, (after ?? START).at, (after ?? START).id, limit, tag],
  );
  return rows;
}

export type ActivityRow = { type: 'thread' | 'reply'; id: string; thread_id: string; key_at: string };

/**
 * What a person wrote — threads and replies — where the viewer may read it, newest first. Keyset on
 * (created_at, type, id): at equal times threads come before replies.
 */
export async function activityPage(
  db: Queryable,
  authorId: string,
  viewerId: string,
  after: { at: string; type: 'thread' | 'reply'; id: string } | null,
  limit: number,
): Promise<ActivityRow[]> {
  const at = after?.at ?? START.at;
  // Past a thread, replies of the same instant are still to come; past a reply, its instant's threads are done.
  const threadBound = !after ? START.id : after.type === 'thread' ? after.id : '0';
  const replyBound = !after ? START.id : after.type === 'thread' ? START.id : after.id;
  const readable = readableCommunitySql('t.community_id', '$2');
  const { rows } = await db.query<ActivityRow>(
    `select type, id, thread_id, ${keyText('created_at')} as key_at from (
       (select 'thread' as type, t.id, t.id as thread_id, t.created_at from threads t
         where t.author_id = $1 and t.deleted_at is null and ${readable}
           and (t.created_at, t.id) < ($3::timestamptz, $4::bigint)
         order by t.created_at desc, t.id desc limit $6)
       union all
       (select 'reply' as type, r.id, r.thread_id, r.created_at from replies r join threads t on t.id = r.thread_id
         where r.author_id = $1 and r.deleted_at is null and t.deleted_at is null and ${readable}
           and (r.created_at, r.id) < ($3::timestamptz, $5::bigint)
         order by r.created_at desc, r.id desc limit $6)
     ) activity
     order by created_at desc, type desc, id desc limit $6`,
    [authorId, viewerId, at, threadBound, replyBound, limit],
  );
  return rows;
}

export async function repliesByIds(
  db: Queryable,
  ids: string[],
): Promise<{ id: string; parent_id: string | null; body_html: string }[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ id: string; parent_id: string | null; body_html: string }>(
    'select id, parent_id, body_html from replies where id = any($1::bigint[])',
    [ids],
  );
  return rows;
}
