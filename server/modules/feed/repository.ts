import type { Queryable } from '../../platform/db/database.js';
import { type Statement, statement } from '../../platform/db/statement.js';
import { readableCommunitySql, type Visibility } from '../communities/access.js';
import type { ThreadSummaryView } from '../threads/present.js';
import { threadSummaryColumns, threadSummaryJoins } from '../threads/summaries.js';

/** A position in an activity-ordered list: the microsecond-exact time as text, and the id that breaks ties. */
export type Keyset = { at: string; id: string };

// The start of every list: later than any activity, higher than any id.
const START: Keyset = { at: 'infinity', id: '9223372036854775807' };
const keyText = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const readable = readableCommunitySql('t.community_id', '$1');

// The page size clients use unless they ask otherwise (contract PageQuery), plus the row that tells there is more.
const USUAL_PAGE_ROWS = 21;

/**
 * Page statements come in variants, each built once: the usual page size is written into the text, and an
 * optional filter is a parameter only when given. PostgreSQL guesses a parameter LIMIT at a tenth of the rows;
 * for a busy home or a large community that makes the plan for all values (generic) look dearer than one per
 * request, and it would plan every request anew (2–4 ms, more than running it). A variant names no parameter it
 * does not use, for the same reason. `build` gets the LIMIT text and a function numbering the next parameter.
 */
function pageStatements(
  fixedParams: number,
  build: (limit: string, param: () => string, filters: boolean[]) => string,
  filterCount: number,
) {
  const variants = new Map<string, Statement>();
  for (const usualLimit of [true, false]) {
    for (let bits = 0; bits < 2 ** filterCount; bits++) {
      const filters = Array.from({ length: filterCount }, (_, i) => (bits & (1 << i)) !== 0);
      let n = fixedParams;
      const param = () => `$${++n}`;
      const limit = usualLimit ? String(USUAL_PAGE_ROWS) : param();
      variants.set([usualLimit, ...filters].join(), statement(build(limit, param, filters)));
    }
  }
  /** The variant for this request, with the values that follow the fixed ones. */
  return (limit: number, filters: (string | null)[]) => ({
    ...variants.get([limit === USUAL_PAGE_ROWS, ...filters.map((value) => value !== null)].join())!,
    extraValues: [
      ...(limit === USUAL_PAGE_ROWS ? [] : [limit]),
      ...filters.filter((value) => value !== null),
    ],
  });
}

/** A feed's page: thread summaries with the key each sits at, limit + 1 of them (the last tells there is more). */
export type FeedRow = ThreadSummaryView & { key_at: string };

const homeFeed = pageStatements(
  3,
  (limit, param, [byOrigin]) => {
    const origin = byOrigin ? `and t.origin = ${param()}` : '';
    // Other sources stop at the bar: a thread older than the page's worth of one's own communities cannot make it.
    const bar = (column: string) => `and ${column} >= (select at from bar)`;
    // One source: its newest threads after the cursor, by the index the source names.
    const newest = (where: string, barred = true) => `
      select t.id, t.last_activity_at from threads t
       where ${where} and t.deleted_at is null and (t.last_activity_at, t.id) < ($2::timestamptz, $3::bigint) ${origin}
         ${barred ? bar('t.last_activity_at') : ''}
       order by t.last_activity_at desc, t.id desc limit ${limit}`;
    return `with mine as (
       select t.id, t.last_activity_at from community_members m
        cross join lateral (${newest('t.community_id = m.community_id', false)}) t
        where m.person_id = $1),
     bar as (select coalesce((select last_activity_at from mine order by last_activity_at desc, id desc
                               offset ${limit} - 1 limit 1), '-infinity') as at),
     candidates as (
       select id, last_activity_at from mine
       union
       select t.id, t.last_activity_at from community_follows f
        cross join lateral (${newest('t.community_id = f.community_id')}) t
        where f.person_id = $1 and ${readableCommunitySql('f.community_id', '$1')}
       union
       select t.id, t.last_activity_at from person_follows pf
        cross join lateral (${newest(`t.author_id = pf.followee_id and ${readable}`)}) t
        where pf.follower_id = $1
       union
       select t.id, t.last_activity_at from hashtag_follows hf
        cross join lateral (
          select t.id, t.last_activity_at from thread_hashtags th join threads t on t.id = th.thread_id
           where th.hashtag_id = hf.hashtag_id and t.deleted_at is null and ${readable}
             and (th.last_activity_at, th.thread_id) < ($2::timestamptz, $3::bigint) ${origin}
             ${bar('th.last_activity_at')}
           order by th.last_activity_at desc, th.thread_id desc limit ${limit}) t
        where hf.person_id = $1
       union
       (${newest('t.company_wide')})
       union
       (${newest(`t.author_id = $1 and ${readable}`)})
     ),
     page as (select id, last_activity_at from candidates order by last_activity_at desc, id desc limit ${limit})
     select ${keyText('page.last_activity_at')} as key_at, ${threadSummaryColumns('$1')}
       from page ${threadSummaryJoins}
      order by page.last_activity_at desc, page.id desc`;
  },
  1,
);

/**
 * The home feed: per source, the newest `limit` threads by index (LATERAL … LIMIT), then union (dedupes),
 * sort, cut, and the page's summaries — one statement, planned once per connection. Never a scan over all
 * threads: the cost grows with the number of sources, not of posts. The viewer's own communities go first: the
 * page's worth of them sets a bar (the oldest activity that could still make the page), and every other source
 * stops at it, so following many people or hashtags costs a few index entries each. `origin` keeps only
 * top-down or bottom-up threads.
 */
export async function homeFeedPage(
  db: Queryable,
  viewerId: string,
  after: Keyset | null,
  limit: number,
  origin: 'top_down' | 'bottom_up' | null = null,
): Promise<FeedRow[]> {
  const { extraValues, ...variant } = homeFeed(limit, [origin]);
  const { rows } = await db.query<FeedRow>({
    ...variant,
    values: [viewerId, (after ?? START).at, (after ?? START).id, ...extraValues],
  });
  return rows;
}

/** The community as the viewer stands in it: the service decides from this whether they may see the page. */
export type CommunityStanding = {
  id: string;
  slug: string;
  name: string;
  visibility: Visibility;
  role: 'owner' | 'member' | null;
};

// A community's threads by activity, each filter over its own index range (kind, origin, or neither).
const communityFeed = pageStatements(
  4,
  (limit, param, [byKind, byOrigin]) => `with community as (
       select c.id, c.slug, c.name, c.visibility, m.role
         from communities c left join community_members m on m.community_id = c.id and m.person_id = $2
        where lower(c.slug) = lower($1))
     select community.id as standing_id, community.slug as standing_slug, community.name as standing_name,
            community.visibility as standing_visibility, community.role as standing_role, s.*
       from community left join lateral (
         select ${keyText('page.last_activity_at')} as key_at, ${threadSummaryColumns('$2')}
           from (select t.id, t.last_activity_at from threads t
                  where t.community_id = community.id and t.deleted_at is null
                    ${byKind ? `and t.kind = ${param()}` : ''} ${byOrigin ? `and t.origin = ${param()}` : ''}
                    and (t.last_activity_at, t.id) < ($3::timestamptz, $4::bigint)
                  order by t.last_activity_at desc, t.id desc limit ${limit}) page
           ${threadSummaryJoins}) s on true
      order by s.last_activity_at desc, s.id desc`,
  2,
);

/**
 * A community's threads, newest activity first, optionally of one kind and/or origin (each over its own index
 * range), with the viewer's standing in the community — one statement. Null when there is no such community.
 * The page is read whatever the standing; the service shows it only to those who may read it.
 */
export async function communityFeedPage(
  db: Queryable,
  slug: string,
  viewerId: string,
  filter: { kind: string | null; origin: string | null },
  after: Keyset | null,
  limit: number,
): Promise<{ community: CommunityStanding; rows: FeedRow[] } | null> {
  const { extraValues, ...variant } = communityFeed(limit, [filter.kind, filter.origin]);
  const { rows } = await db.query<
    Partial<FeedRow> & {
      standing_id: string;
      standing_slug: string;
      standing_name: string;
      standing_visibility: Visibility;
      standing_role: 'owner' | 'member' | null;
    }
  >({
    ...variant,
    values: [slug, viewerId, (after ?? START).at, (after ?? START).id, ...extraValues],
  });
  const first = rows[0];
  if (!first) return null;
  return {
    community: {
      id: first.standing_id,
      slug: first.standing_slug,
      name: first.standing_name,
      visibility: first.standing_visibility,
      role: first.standing_role,
    },
    // An empty page still gives the community's row, with no thread in it.
    rows: rows.filter((row) => row.id != null) as FeedRow[],
  };
}

const hashtagFeed = pageStatements(
  4,
  (limit) => `select ${keyText('page.last_activity_at')} as key_at, ${threadSummaryColumns('$1')}
     from (select th.thread_id as id, th.last_activity_at
             from hashtags h
             join thread_hashtags th on th.hashtag_id = h.id
             join threads t on t.id = th.thread_id
            where h.tag = lower($4) and t.deleted_at is null and ${readableCommunitySql('t.community_id', '$1')}
              and (th.last_activity_at, th.thread_id) < ($2::timestamptz, $3::bigint)
            order by th.last_activity_at desc, th.thread_id desc limit ${limit}) page
     ${threadSummaryJoins}
    order by page.last_activity_at desc, page.id desc`,
  0,
);

/** Threads carrying a hashtag that the viewer may read, newest activity first, over thread_hashtags_feed_idx. */
export async function hashtagFeedPage(
  db: Queryable,
  viewerId: string,
  tag: string,
  after: Keyset | null,
  limit: number,
): Promise<FeedRow[]> {
  const { extraValues, ...variant } = hashtagFeed(limit, []);
  const { rows } = await db.query<FeedRow>({
    ...variant,
    values: [viewerId, (after ?? START).at, (after ?? START).id, tag, ...extraValues],
  });
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
