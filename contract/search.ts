import { z } from 'zod';
import { Handle, Id, Slug, Timestamp } from './common.js';
import { PersonSummary } from './people.js';
import { CommunityRef, ThreadKind, ThreadStatus } from './threads.js';

export const SEARCH_LIMITS = {
  queryLength: 200,
  pageSize: 50,
  /** Counts stop here and say "more": exact totals over millions of posts cost more than they tell. */
  countCap: 200,
  similarTitleLength: 200,
} as const;

export const SEARCH_TYPES = ['all', 'threads', 'replies', 'people', 'communities', 'files'] as const;
export const SearchType = z.enum(SEARCH_TYPES);
export type SearchType = z.infer<typeof SearchType>;

const Flag = z
  .enum(['1', '0', 'true', 'false'])
  .transform((value) => value === '1' || value === 'true')
  .describe('1 or true to turn on');

/** A day (2026-01-31) or an instant (ISO 8601). */
const When = z
  .string()
  .max(40)
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a date such as 2026-01-31');

// Not trimmed: a trailing space says the last word is finished (no prefix match).
const SearchText = z
  .string()
  .max(SEARCH_LIMITS.queryLength, `must be at most ${SEARCH_LIMITS.queryLength} characters`)
  .refine((text) => text.trim().length > 0, 'must not be empty');

export const SearchQuery = z.object({
  q: SearchText.describe(
    'web-search syntax: words, "a phrase", OR, -exclude; the last word matches as a prefix',
  ),
  type: SearchType.default('all'),
  community: Slug.optional().describe('only posts in this community'),
  kind: ThreadKind.optional().describe('only threads of this kind (and replies in them)'),
  author: Handle.optional().describe('only posts by this person'),
  from: When.optional().describe('posted at or after'),
  to: When.optional().describe('posted before (a day: up to the end of that day)'),
  answered: Flag.optional().describe('1: only questions with an accepted answer (and replies in them)'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMITS.pageSize).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SuggestQuery = z.object({ q: SearchText });

/** Snippet text cut into pieces; `hit` pieces matched the query. Plain text, never HTML. */
export const Segment = z.object({ text: z.string(), hit: z.boolean() });
export type Segment = z.infer<typeof Segment>;

export const ThreadHit = z.object({
  type: z.literal('thread'),
  id: Id,
  kind: ThreadKind,
  status: ThreadStatus.nullable(),
  title: z.array(Segment),
  snippet: z.array(Segment),
  author: PersonSummary,
  community: CommunityRef.nullable(),
  answered: z.boolean(),
  replyCount: z.number().int(),
  reactionCount: z.number().int(),
  createdAt: Timestamp,
  score: z.number(),
});

export const ReplyHit = z.object({
  type: z.literal('reply'),
  id: Id,
  thread: z.object({ id: Id, title: z.string(), kind: ThreadKind }),
  snippet: z.array(Segment),
  author: PersonSummary,
  community: CommunityRef.nullable(),
  accepted: z.boolean(),
  reactionCount: z.number().int(),
  createdAt: Timestamp,
  score: z.number(),
});

export const PersonHit = z.object({
  type: z.literal('person'),
  person: PersonSummary,
  skills: z.array(z.string()),
  score: z.number(),
});

export const CommunityHit = z.object({
  type: z.literal('community'),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  visibility: z.enum(['open', 'closed', 'secret']),
  kind: z.enum(['general', 'specialist']),
  memberCount: z.number().int(),
  score: z.number(),
});

/** A file whose name holds every searched word, on a post the reader may read. */
export const FileHit = z.object({
  type: z.literal('file'),
  id: Id,
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  isImage: z.boolean(),
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
  thread: z.object({ id: Id, title: z.string(), kind: ThreadKind }),
  replyId: Id.nullable(),
  author: PersonSummary,
  community: CommunityRef.nullable(),
  createdAt: Timestamp,
  score: z.number(),
});

export const SearchHit = z.discriminatedUnion('type', [
  ThreadHit,
  ReplyHit,
  PersonHit,
  CommunityHit,
  FileHit,
]);
export type SearchHit = z.infer<typeof SearchHit>;
export type ThreadHit = z.infer<typeof ThreadHit>;
export type ReplyHit = z.infer<typeof ReplyHit>;
export type PersonHit = z.infer<typeof PersonHit>;
export type CommunityHit = z.infer<typeof CommunityHit>;
export type FileHit = z.infer<typeof FileHit>;

/** How many of a type the reader may see; `more` when there are more than `count`. */
export const Count = z.object({ count: z.number().int(), more: z.boolean() });

export const SearchResults = z.object({
  items: z.array(SearchHit),
  nextCursor: z.string().nullable(),
  /** Nothing matched as written, so these are threads whose titles resemble the search (a typo, perhaps). */
  closeMatches: z.boolean(),
  counts: z.object({ threads: Count, replies: Count, people: Count, communities: Count, files: Count }),
});
export type SearchResults = z.infer<typeof SearchResults>;

export const Suggestions = z.object({ items: z.array(SearchHit) });
export type Suggestions = z.infer<typeof Suggestions>;

export const SimilarQuery = z.object({
  title: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(SEARCH_LIMITS.similarTitleLength, `must be at most ${SEARCH_LIMITS.similarTitleLength} characters`),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});

export const SimilarQuestion = z.object({
  id: Id,
  title: z.array(Segment),
  status: ThreadStatus.nullable(),
  answered: z.boolean(),
  community: CommunityRef.nullable(),
  replyCount: z.number().int(),
  createdAt: Timestamp,
});
export type SimilarQuestion = z.infer<typeof SimilarQuestion>;
export const SimilarQuestions = z.object({ items: z.array(SimilarQuestion) });
export type SimilarQuestions = z.infer<typeof SimilarQuestions>;
