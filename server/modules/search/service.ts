import {
  SEARCH_LIMITS,
  type SearchHit,
  type SearchQuery,
  type SearchResults,
  type SimilarQuestion,
} from '../../../contract/search.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Queryable } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { invalidField } from '../../platform/http/problem.js';
import { summariesByIds } from '../people/repository.js';
import { type FileHitRow, type FilePosition, searchFiles } from './files-repository.js';
import { type NamePosition, searchCommunities, searchPeople } from './names-repository.js';
import {
  composeQuery,
  fuzzyGroups,
  onlyExclusions,
  type ParsedSearch,
  parseSearch,
  SearchSyntaxError,
  type Term,
} from './parse.js';
import {
  communityRef,
  presentCommunityHit,
  presentFileHit,
  presentPersonHit,
  presentReplyHit,
  presentThreadHit,
} from './present.js';
import {
  type Position,
  type PostFilter,
  type RankedPage,
  rankReplies,
  rankThreads,
  replyHits,
  termFragments,
  threadHits,
} from './repository.js';
import { toSegments } from './segments.js';

/** People and communities shown above the posts on the first page of "all". */
const NAMES_ON_ALL = 3;
const empty: RankedPage = { total: 0, page: [] };
const noNames = { total: 0, rows: [] };
const DAY = 86_400_000;

function parse(text: string, options?: { prefix?: boolean }): ParsedSearch {
  try {
    const parsed = parseSearch(text, options);
    if (onlyExclusions(parsed))
      throw new SearchSyntaxError('give at least one word to look for, not only words to leave out');
    return parsed;
  } catch (error) {
    if (error instanceof SearchSyntaxError) throw invalidField('q', error.message);
    throw error;
  }
}

/** The tsquery text for parsed groups, or null when nothing is left to look for. */
async function toTsquery(db: Queryable, groups: Term[][]): Promise<string | null> {
  const fragments = await termFragments(db, groups.flat());
  return composeQuery(groups, fragments);
}

function toFilter(query: SearchQuery): PostFilter {
  const from = query.from ? new Date(query.from) : undefined;
  // A bare day as the end means "up to the end of that day".
  const to = query.to
    ? new Date(Date.parse(query.to) + (/^\d{4}-\d{2}-\d{2}$/.test(query.to) ? DAY : 0))
    : undefined;
  if (from && to && to <= from) throw invalidField('to', 'must be after from');
  return {
    communitySlug: query.community,
    kind: query.kind,
    authorHandle: query.author,
    from,
    to,
    answered: query.answered,
  };
}

function postPosition(cursor: string | undefined): Position {
  const key = decodeCursor(cursor, ['string', 'number', 'string', 'string'] as const);
  if (!key) return null;
  const [asOf, score, type, id] = key;
  if (Number.isNaN(Date.parse(asOf)) || (type !== 'thread' && type !== 'reply') || !/^\d{1,19}$/.test(id))
    throw invalidField('cursor', 'is not a cursor this list gave out');
  return { asOf: new Date(asOf), score, type, id };
}

function filePosition(cursor: string | undefined): FilePosition {
  const key = decodeCursor(cursor, ['string'] as const);
  if (key && !/^\d{1,19}$/.test(key[0])) throw invalidField('cursor', 'is not a cursor this list gave out');
  return key ? { id: key[0] } : null;
}

function namePosition(cursor: string | undefined): NamePosition {
  const key = decodeCursor(cursor, ['number', 'string'] as const);
  if (key && !/^\d{1,19}$/.test(key[1])) throw invalidField('cursor', 'is not a cursor this list gave out');
  return key ? { score: key[0], id: key[1] } : null;
}

const count = (total: number) => ({
  count: Math.min(total, SEARCH_LIMITS.countCap),
  more: total > SEARCH_LIMITS.countCap,
});

/** GET /api/v1/search: only what the viewer may read, counts included; see docs/SEARCH.md. */
export async function search(deps: Deps, viewer: Viewer, query: SearchQuery): Promise<SearchResults> {
  const db = deps.db.pool;
  // A submitted search matches whole words (stems); the start of a word matches in the suggestions while typing.
  const parsed = parse(query.q, { prefix: false });
  const filter = toFilter(query);
  const type = query.type;
  const postsListed = type === 'all' || type === 'threads' || type === 'replies';
  const position = postsListed ? postPosition(query.cursor) : null;
  const filesListed = type === 'files';
  const names = postsListed || filesListed ? null : namePosition(query.cursor);
  const filesAfter = filesListed ? filePosition(query.cursor) : null;
  const asOf = position?.asOf ?? deps.clock.now();
  const tsquery = await toTsquery(db, parsed.groups);
  const nameText = parsed.words.join(' ');
  const firstPage = !query.cursor;
  const take = (listed: boolean) => (listed ? query.limit + 1 : 0);
  const namesTake = (listed: boolean) =>
    listed ? query.limit + 1 : type === 'all' && firstPage ? NAMES_ON_ALL : 0;

  // On "all" a name a typo away is looked for only when nothing matched as written (below), as for posts: the typo
  // match is the dearest part of a name search, and beside real hits its guesses are noise.
  const nameTypos = type !== 'all';
  const fileWords = {
    include: parsed.words,
    exclude: parsed.groups.flat().flatMap((term) => (term.negated ? [term.text.toLowerCase()] : [])),
  };
  const [exactThreads, replies, exactPeople, exactCommunities, files] = await Promise.all([
    tsquery
      ? rankThreads(db, tsquery, filter, viewer.id, asOf, position, take(type !== 'replies' && postsListed))
      : empty,
    tsquery
      ? rankReplies(db, tsquery, filter, viewer.id, asOf, position, take(type !== 'threads' && postsListed))
      : empty,
    nameText
      ? searchPeople(db, nameText, parsed.words, names, namesTake(type === 'people'), nameTypos)
      : noNames,
    nameText
      ? searchCommunities(db, nameText, viewer.id, names, namesTake(type === 'communities'), nameTypos)
      : noNames,
    nameText ? searchFiles(db, fileWords, filter, viewer.id, filesAfter, namesTake(filesListed)) : noNames,
  ]);

  // Nothing matched as written: perhaps a typo. Look for titles (and, on "all", names) that resemble the search.
  const noPosts = exactThreads.total === 0 && replies.total === 0;
  const fuzzy = Boolean(tsquery) && noPosts;
  const namesByTypo =
    !nameTypos && Boolean(nameText) && noPosts && exactPeople.total === 0 && exactCommunities.total === 0;
  const fuzzyQuery = fuzzy ? await fuzzyTsquery(db, parsed) : null;
  const [threads, people, communities] = await Promise.all([
    fuzzyQuery
      ? rankThreads(
          db,
          fuzzyQuery,
          filter,
          viewer.id,
          asOf,
          position,
          take(type !== 'replies' && postsListed),
          { closeTo: query.q.toLowerCase() },
        )
      : exactThreads,
    namesByTypo ? searchPeople(db, nameText, parsed.words, names, namesTake(false)) : exactPeople,
    namesByTypo ? searchCommunities(db, nameText, viewer.id, names, namesTake(false)) : exactCommunities,
  ]);
  const highlight = fuzzyQuery ?? tsquery ?? '';
  let items: SearchHit[] = [];
  let nextCursor: string | null = null;
  if (postsListed) {
    const merged = [
      ...threads.page.map((hit) => ({ ...hit, type: 'thread' as const })),
      ...replies.page.map((hit) => ({ ...hit, type: 'reply' as const })),
    ].sort(
      (a, b) =>
        b.score - a.score || (a.type === b.type ? compareIds(b.id, a.id) : a.type === 'thread' ? -1 : 1),
    );
    const kept = merged.slice(0, query.limit);
    const last = kept[kept.length - 1];
    if (merged.length > query.limit && last)
      nextCursor = encodeCursor([asOf.toISOString(), last.score, last.type, last.id]);
    const posts = await hydratePosts(db, kept, highlight, viewer);
    const fileHits = type === 'all' ? await hydrateFiles(db, files.rows) : [];
    items =
      type === 'all'
        ? [
            ...people.rows.map(presentPersonHit),
            ...communities.rows.map(presentCommunityHit),
            ...fileHits,
            ...posts,
          ]
        : posts;
  } else if (filesListed) {
    const kept = files.rows.slice(0, query.limit);
    const last = kept[kept.length - 1];
    if (files.rows.length > query.limit && last) nextCursor = encodeCursor([last.id]);
    items = await hydrateFiles(db, kept);
  } else {
    const rows = type === 'people' ? people.rows : communities.rows;
    const kept = rows.slice(0, query.limit);
    const last = kept[kept.length - 1];
    if (rows.length > query.limit && last) nextCursor = encodeCursor([last.score, last.id]);
    items =
      type === 'people'
        ? people.rows.slice(0, query.limit).map(presentPersonHit)
        : communities.rows.slice(0, query.limit).map(presentCommunityHit);
  }
  return {
    items,
    nextCursor,
    closeMatches: Boolean(fuzzyQuery) && threads.total > 0,
    counts: {
      threads: count(threads.total),
      replies: count(replies.total),
      people: count(people.total),
      communities: count(communities.total),
      files: count(files.total),
    },
  };
}

async function hydrateFiles(db: Queryable, rows: FileHitRow[]): Promise<SearchHit[]> {
  const owners = await summariesByIds(db, [...new Set(rows.map((row) => row.owner_id))]);
  return rows.flatMap((row) => {
    const owner = owners.get(row.owner_id);
    return owner ? [presentFileHit(row, owner)] : [];
  });
}

async function fuzzyTsquery(db: Queryable, parsed: ParsedSearch): Promise<string | null> {
  const groups = fuzzyGroups(parsed);
  return groups ? toTsquery(db, groups) : null;
}

const compareIds = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

async function hydratePosts(
  db: Queryable,
  hits: { id: string; score: number; type: 'thread' | 'reply' }[],
  tsquery: string,
  _viewer: Viewer,
): Promise<SearchHit[]> {
  const [threadRows, replyRows] = await Promise.all([
    threadHits(
      db,
      hits.filter((h) => h.type === 'thread').map((h) => h.id),
      tsquery,
    ),
    replyHits(
      db,
      hits.filter((h) => h.type === 'reply').map((h) => h.id),
      tsquery,
    ),
  ]);
  const authors = await summariesByIds(db, [
    ...new Set([...threadRows, ...replyRows].map((row) => row.author_id)),
  ]);
  const threadsById = new Map(threadRows.map((row) => [row.id, row]));
  const repliesById = new Map(replyRows.map((row) => [row.id, row]));
  return hits.flatMap((hit): SearchHit[] => {
    if (hit.type === 'thread') {
      const row = threadsById.get(hit.id);
      const author = row && authors.get(row.author_id);
      return row && author ? [presentThreadHit(row, author, hit.score)] : [];
    }
    const row = repliesById.get(hit.id);
    const author = row && authors.get(row.author_id);
    return row && author ? [presentReplyHit(row, author, hit.score)] : [];
  });
}

/** Instant suggestions while typing: a few thread titles, people and communities, no counts shown. */
export async function suggest(deps: Deps, viewer: Viewer, text: string): Promise<{ items: SearchHit[] }> {
  const db = deps.db.pool;
  const parsed = parse(text);
  const tsquery = await toTsquery(db, parsed.groups);
  const nameText = parsed.words.join(' ');
  const [threads, people, communities] = await Promise.all([
    tsquery ? rankThreads(db, tsquery, {}, viewer.id, deps.clock.now(), null, 5) : empty,
    nameText ? searchPeople(db, nameText, parsed.words, null, 3) : { total: 0, rows: [] },
    nameText ? searchCommunities(db, nameText, viewer.id, null, 3) : { total: 0, rows: [] },
  ]);
  const posts = await hydratePosts(
    db,
    threads.page.map((hit) => ({ ...hit, type: 'thread' as const })),
    tsquery ?? '',
    viewer,
  );
  return {
    items: [...posts, ...people.rows.map(presentPersonHit), ...communities.rows.map(presentCommunityHit)],
  };
}

/** Questions like the one being written: any of its words (stems or exact), best matches first. */
export async function similarQuestions(
  deps: Deps,
  viewer: Viewer,
  title: string,
  limit: number,
): Promise<{ items: SimilarQuestion[] }> {
  const db = deps.db.pool;
  let parsed: ParsedSearch;
  try {
    parsed = parseSearch(title.replaceAll('"', ' ').replace(/(^|\s)-/g, '$1'));
  } catch {
    // A long title: its first words say enough.
    parsed = parseSearch(title.replaceAll('"', ' ').split(/\s+/).slice(0, 20).join(' '));
  }
  const anyWord = [parsed.groups.flat().filter((term) => !term.negated)];
  const tsquery = anyWord[0]!.length > 0 ? await toTsquery(db, anyWord) : null;
  if (!tsquery) return { items: [] };
  const ranked = await rankThreads(
    db,
    tsquery,
    { kind: 'question' },
    viewer.id,
    deps.clock.now(),
    null,
    limit,
  );
  const rows = await threadHits(
    db,
    ranked.page.map((hit) => hit.id),
    tsquery,
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    items: ranked.page.flatMap((hit) => {
      const row = byId.get(hit.id);
      if (!row) return [];
      return [
        {
          id: row.id,
          title: toSegments(row.title_headline),
          status: row.status as SimilarQuestion['status'],
          answered: row.answered,
          community: communityRef(row),
          replyCount: row.reply_count,
          createdAt: row.created_at.toISOString(),
        },
      ];
    }),
  };
}
