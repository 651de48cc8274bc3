import { z } from 'zod';
import { Body, Id, PageQuery, Slug, Timestamp, Title } from './common.js';
import { PersonSummary } from './people.js';

export const THREAD_KINDS = [
  'discussion',
  'question',
  'announcement',
  'idea',
  'update',
  'article',
  'praise',
] as const;
export const ThreadKind = z.enum(THREAD_KINDS);
export type ThreadKind = z.infer<typeof ThreadKind>;

/** Short posts — a status update or a word of praise — may go without a title; every other kind needs one. */
export const UNTITLED_KINDS: readonly ThreadKind[] = ['update', 'praise'];

export const ReactionKind = z.enum(['like', 'love', 'celebrate', 'insightful', 'thanks', 'laugh']);
export type ReactionKind = z.infer<typeof ReactionKind>;

export const ThreadStatus = z.enum([
  'open',
  'answered',
  'new',
  'under_review',
  'planned',
  'done',
  'declined',
]);

/** A hashtag as it appears after '#': letters (any script), digits, '_' and '-', with at least one letter. */
export const Tag = z
  .string()
  .max(50)
  .regex(
    /^(?=.*\p{L})[\p{L}\p{N}_-]{1,50}$/u,
    'must be letters, digits, "_" or "-", with at least one letter',
  )
  .transform((tag) => tag.toLowerCase());

const RequiredBody = Body.refine((body) => body.trim().length > 0, 'must not be empty');

export const CreateThread = z
  .object({
    /** The community to post in; absent or null for a personal update (or a company-wide announcement). */
    communitySlug: Slug.nullable().optional(),
    kind: ThreadKind,
    title: Title.default(''),
    body: RequiredBody,
  })
  .strict()
  .superRefine((input, ctx) => {
    if (!UNTITLED_KINDS.includes(input.kind) && input.title.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['title'], message: `is required for a ${input.kind}` });
    }
  });
export type CreateThread = z.infer<typeof CreateThread>;

export const UpdateThread = z
  .object({ title: Title, body: RequiredBody })
  .partial()
  .strict()
  .refine((input) => input.title !== undefined || input.body !== undefined, {
    message: 'give a title or a body to change',
    path: ['body'],
  });
export type UpdateThread = z.infer<typeof UpdateThread>;

export const CreateReply = z.object({ body: RequiredBody, parentId: Id.nullable().optional() }).strict();
export const UpdateReply = z.object({ body: RequiredBody }).strict();
export const AcceptAnswer = z.object({ replyId: Id }).strict();

export const ThreadParams = z.object({ id: Id });
export const ReplyParams = z.object({ id: Id });
export const ReactionParams = z.object({ id: Id, kind: ReactionKind });
export const TagParams = z.object({ tag: Tag });

export const ReactionsQuery = PageQuery.extend({ kind: ReactionKind.optional() });

export const ReactionCount = z.object({
  kind: ReactionKind,
  count: z.number().int(),
  reactedByMe: z.boolean(),
});
export type ReactionCount = z.infer<typeof ReactionCount>;

export const CommunityRef = z.object({
  slug: z.string(),
  name: z.string(),
  visibility: z.enum(['open', 'closed', 'secret']),
});

/** A thread as lists and feeds show it. */
export const ThreadSummary = z.object({
  id: Id,
  kind: ThreadKind,
  title: z.string(),
  /** Plain text from the start of the body, at most 300 characters. */
  excerpt: z.string(),
  bodyHtml: z.string(),
  author: PersonSummary,
  community: CommunityRef.nullable(),
  companyWide: z.boolean(),
  origin: z.enum(['top_down', 'bottom_up']),
  status: ThreadStatus.nullable(),
  replyCount: z.number().int(),
  reactionCounts: z.array(ReactionCount),
  removed: z.boolean(),
  lastActivityAt: Timestamp,
  createdAt: Timestamp,
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;

/** One thread as its own page shows it: a removed thread keeps its place but loses title and body. */
export const ThreadDetail = ThreadSummary.extend({
  /** The Markdown source, for the edit form. */
  bodyMarkdown: z.string(),
  acceptedReplyId: Id.nullable(),
  acceptedAt: Timestamp.nullable(),
  followedByMe: z.boolean(),
  canEdit: z.boolean(),
  canDelete: z.boolean(),
  canAccept: z.boolean(),
  editedAt: Timestamp.nullable(),
});
export type ThreadDetail = z.infer<typeof ThreadDetail>;

export const Reply = z.object({
  id: Id,
  threadId: Id,
  /** The top-level reply this one answers; null for a top-level reply. */
  parentId: Id.nullable(),
  author: PersonSummary,
  bodyHtml: z.string(),
  bodyMarkdown: z.string(),
  reactionCounts: z.array(ReactionCount),
  accepted: z.boolean(),
  removed: z.boolean(),
  canEdit: z.boolean(),
  canDelete: z.boolean(),
  createdAt: Timestamp,
  editedAt: Timestamp.nullable(),
});
export type Reply = z.infer<typeof Reply>;

export const Reactor = z.object({ kind: ReactionKind, person: PersonSummary, reactedAt: Timestamp });
export type Reactor = z.infer<typeof Reactor>;
