import type { Queryable } from '../../platform/db/database.js';
import { statement } from '../../platform/db/statement.js';
import { readableCommunitySql } from '../communities/access.js';
import { estimateShare, lexemeShares } from './frequency.js';
import type { Fragments, Term } from './parse.js';
import { RANKING, scoreSql } from './ranking.js';
import { headlineOptions, params, TITLE_HEADLINE } from './sql.js';

/** The tsquery PostgreSQL makes of each term, in the indexed language and in 'simple' (one round trip). */
export async function termFragments(db: Queryable, terms: Term[]): Promise<Map<Term, Fragments>> {
  if (terms.length === 0) return new Map();
  const texts = terms.map((term) => (term.phrase ? `"${term.text.replaceAll('"', '')}"` : term.text));
  const { rows } = await db.query<{ i: string; config: string; simple: string }>(
    `select i::text, websearch_to_tsquery(plein_search_config(), t)::text as config,
            websearch_to_tsquery('simple', t)::text as simple
       from unnest($1::text[]) with ordinality as x(t, i)`,
    [texts],
  );
  return new Map(rows.map((row) => [terms[Number(row.i) - 1]!, { config: row.config, simple: row.simple }]));
}

/** How much of a title's trigrams a misspelt search must share (pg_trgm word_similarity). */
export const FUZZY_MIN_RESEMBLANCE = 0.4;

export type PostFilter = {
  communitySlug?: string;
  kind?: string;
  authorHandle?: string;
  from?: Date;
  to?: Date;
  answered?: boolean;
};

/** A page position: the ranking's clock and the last hit's (score, type, id). */
export type Position = { asOf: Date; score: number; type: 'thread' | 'reply'; id: string } | null;
export type RankedPage = { total: number; page: { id: string; score: number }[] };

function threadFilters(p: (v: unknown) => string, filter: PostFilter, viewerId: string, post: 't' | 'r') {
  const where = ['t.deleted_at is null', readableCommunitySql('t.community_id', p(viewerId))];
  if (filter.communitySlug)
    where.push(
      `t.community_id = (select id from communities where lower(slug) = lower(${p(filter.communitySlug)}))`,
    );
  if (filter.kind) where.push(`t.kind = ${p(filter.kind)}`);
  if (filter.answered) where.push(`t.kind = 'question' and t.accepted_reply_id is not null`);
  if (filter.authorHandle)
    where.push(
      `${post}.author_id = (select id from people where lower(handle) = lower(${p(filter.authorHandle)}))`,
    );
  if (filter.from) where.push(`${post}.created_at >= ${p(filter.from)}`);
  if (filter.to) where.push(`${post}.created_at < ${p(filter.to)}`);
  return where;
}

// Named: each connection plans a ranking's text once; its parameters are what change from search to search.
async function ranked(db: Queryable, sql: string, values: unknown[]): Promise<RankedPage> {
  const { rows } = await db.query<{ total: number; page: { id: string; score: number }[] }>({
    ...statement(sql),
    values,
  });
  return rows[0] ?? { total: 0, page: [] };
}

const pageSql = (candidates: string, scored: string, cursor: string, limit: string) => `
  with ${candidates},
       scored as (${scored}),
       page as (select id, score from scored where ${cursor} order by score desc, id desc limit ${limit})
  select (select count(*)::int from candidates) as total,
         coalesce((select json_agg(json_build_object('id', id::text, 'score', score) order by score desc, id desc)
                     from page), '[]') as page`;

/**
 * The newest matches, at most one more than ranking reads, in tiers of ever older posts by id, each asked only
 * while fewer were found. With `walk`, the first tier walks down the newest `tiers[0]` posts, the search index
 * kept out of it: a common search is done within a few hundred recent rows, where reading its words' posting
 * lists would cost more. Without it the search starts at the next tier. Every other tier asks the search index
 * (∧ its id range, which the block-range index narrows), ordered by `id + 0` so the planner cannot walk the
 * primary key backwards through thousands of posts where the words are rare; the last takes everything older.
 */
const candidatesSql = (
  table: 'threads' | 'replies',
  from: string,
  match: string,
  where: string,
  tiers: readonly number[],
  walk: boolean,
) => {
  const take = RANKING.candidates + 1;
  const post = table === 'threads' ? 't' : 'r';
  const sizes = walk ? tiers : tiers.slice(1);
  const walks = walk && sizes.length > 0;
  const bound = (i: number) => `(select top - ${sizes[i]} from newest)`;
  const found = (i: number) =>
    Array.from({ length: i }, (_, j) => `(select count(*) from tier${j})`).join(' + ');
  const tierSql = (i: number) => {
    // The last tier has no lower bound: `id + 0` there too, or the planner walks the primary key from its top.
    const older = (column: string) => (i > 0 ? `${column} <= ${bound(i - 1)}` : 'true');
    const range =
      i < sizes.length ? `${post}.id > ${bound(i)} and ${older(`${post}.id`)}` : older(`${post}.id + 0`);
    const walking = walks && i === 0;
    return `tier${i} as (select ${post}.id from ${from}
                          where ${walking ? `(${match}) is true` : match} and ${where} and ${range}
                            ${i > 0 ? `and ${found(i)} < ${take}` : ''}
                          order by ${post}.id ${walking ? '' : '+ 0 '}desc limit ${take})`;
  };
  const count = sizes.length + 1;
  return `newest as (select coalesce(max(id), 0) as top from ${table}),
          ${Array.from({ length: count }, (_, i) => tierSql(i)).join(',\n')},
          candidates as (${Array.from({ length: count }, (_, i) => `(select id from tier${i})`).join(' union all ')}
                          limit ${take})`;
};

/**
 * Whether the newest posts hold enough matches that walking down them beats the search index: when the search's
 * estimated share of posts (frequency.ts) fills the candidates within the first tier. Unknown (no statistics
 * yet): the index.
 */
async function walkFirst(db: Queryable, table: 'threads' | 'replies', query: string, firstTier: number) {
  const stats = await lexemeShares(db, table);
  return stats !== null && estimateShare(query, stats) * firstTier >= RANKING.candidates + 1;
}

/** How a ranking looks for its candidates; tests choose, requests leave it to the statistics. */
export type RankOptions = {
  /** Typo fallback: rank by how closely the title resembles this text, keeping only close ones. */
  closeTo?: string;
  tiers?: readonly number[];
  walk?: boolean;
};

const cursorSql = (p: (v: unknown) => string, position: Position, type: 'thread' | 'reply') =>
  position
    ? `(score, '${type}'::text, id) < (${p(position.score)}::float8, ${p(position.type)}::text, ${p(position.id)}::bigint)`
    : 'true';

/** Threads matching the query that the viewer may read: the count (capped) and one ranked page. */
export async function rankThreads(
  db: Queryable,
  query: string,
  filter: PostFilter,
  viewerId: string,
  asOf: Date,
  position: Position,
  limit: number,
  options: RankOptions = {},
): Promise<RankedPage> {
  const tiers = options.tiers ?? RANKING.tiers.threads;
  const walk = options.walk ?? (await walkFirst(db, 'threads', query, tiers[0]!));
  const { values, p } = params();
  const q = `${p(query)}::tsquery`;
  const where = threadFilters(p, filter, viewerId, 't');
  const resemblance = options.closeTo
    ? `word_similarity(${p(options.closeTo)}, lower(t.title))::float8`
    : null;
  if (resemblance) where.push(`${resemblance} >= ${FUZZY_MIN_RESEMBLANCE}`);
  const exact = scoreSql({
    vector: 't.search_vector',
    query: q,
    createdAt: 't.created_at',
    asOf: `${p(asOf)}::timestamptz`,
    accepted: 't.accepted_reply_id is not null',
    reactions: '(select count(*) from thread_reactions tr where tr.thread_id = t.id)',
  });
  const score = resemblance ? `(${resemblance} + 0.1 * ${exact})` : exact;
  return ranked(
    db,
    pageSql(
      candidatesSql('threads', 'threads t', `t.search_vector @@ ${q}`, where.join(' and '), tiers, walk),
      `select t.id, ${score} as score from (select id from candidates limit ${RANKING.candidates}) c
         join threads t on t.id = c.id`,
      cursorSql(p, position, 'thread'),
      p(limit),
    ),
    values,
  );
}

/** Replies matching the query in threads the viewer may read; deleted replies and threads never count. */
export async function rankReplies(
  db: Queryable,
  query: string,
  filter: PostFilter,
  viewerId: string,
  asOf: Date,
  position: Position,
  limit: number,
  options: Omit<RankOptions, 'closeTo'> = {},
): Promise<RankedPage> {
  const tiers = options.tiers ?? RANKING.tiers.replies;
  const walk = options.walk ?? (await walkFirst(db, 'replies', query, tiers[0]!));
  const { values, p } = params();
  const q = `${p(query)}::tsquery`;
  const where = ['r.deleted_at is null', ...threadFilters(p, filter, viewerId, 'r')];
  const score = scoreSql({
    vector: 'r.search_vector',
    query: q,
    createdAt: 'r.created_at',
    asOf: `${p(asOf)}::timestamptz`,
    accepted: 'exists (select 1 from threads at where at.id = r.thread_id and at.accepted_reply_id = r.id)',
    reactions: '(select count(*) from reply_reactions rr where rr.reply_id = r.id)',
  });
  return ranked(
    db,
    pageSql(
      candidatesSql(
        'replies',
        'replies r join threads t on t.id = r.thread_id',
        `r.search_vector @@ ${q}`,
        where.join(' and '),
        tiers,
        walk,
      ),
      `select r.id, ${score} as score from (select id from candidates limit ${RANKING.candidates}) c
         join replies r on r.id = c.id`,
      cursorSql(p, position, 'reply'),
      p(limit),
    ),
    values,
  );
}

type CommunityColumns = {
  community_slug: string | null;
  community_name: string | null;
  community_visibility: 'open' | 'closed' | 'secret' | null;
};

export type ThreadHitRow = CommunityColumns & {
  id: string;
  kind: string;
  status: string | null;
  author_id: string;
  reply_count: number;
  created_at: Date;
  answered: boolean;
  title_headline: string;
  body_headline: string;
  reactions: number;
};

const communityColumns =
  'c.slug as community_slug, c.name as community_name, c.visibility as community_visibility';

/** Headlines and display fields for one page of thread hits (ids the viewer may read). */
export async function threadHits(db: Queryable, ids: string[], query: string): Promise<ThreadHitRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<ThreadHitRow>(
    `select t.id, t.kind, t.status, t.author_id, t.reply_count, t.created_at, ${communityColumns},
            (t.kind = 'question' and t.accepted_reply_id is not null) as answered,
            ts_headline(plein_search_config(), translate(t.title, E'\\x02\\x03', ''), $2::tsquery, $3) as title_headline,
            ts_headline(plein_search_config(), plein_html_text(left(t.body_html, 20000)), $2::tsquery, $4)
              as body_headline,
            (select count(*)::int from thread_reactions tr where tr.thread_id = t.id) as reactions
       from threads t left join communities c on c.id = t.community_id
      where t.id = any($1::bigint[])`,
    [ids, query, TITLE_HEADLINE, headlineOptions({ min: 15, max: 35, fragments: 2 })],
  );
  return rows;
}

export type ReplyHitRow = CommunityColumns & {
  id: string;
  thread_id: string;
  thread_title: string;
  thread_kind: string;
  author_id: string;
  created_at: Date;
  accepted: boolean;
  body_headline: string;
  reactions: number;
};

export async function replyHits(db: Queryable, ids: string[], query: string): Promise<ReplyHitRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<ReplyHitRow>(
    `select r.id, r.thread_id, t.title as thread_title, t.kind as thread_kind, r.author_id, r.created_at,
            ${communityColumns}, coalesce(t.accepted_reply_id = r.id, false) as accepted,
            ts_headline(plein_search_config(), plein_html_text(left(r.body_html, 20000)), $2::tsquery, $3)
              as body_headline,
            (select count(*)::int from reply_reactions rr where rr.reply_id = r.id) as reactions
       from replies r join threads t on t.id = r.thread_id left join communities c on c.id = t.community_id
      where r.id = any($1::bigint[])`,
    [ids, query, headlineOptions({ min: 15, max: 35, fragments: 2 })],
  );
  return rows;
}
