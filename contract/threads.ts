import { z } from 'zod';
import { AmaInput } from './amas.js';
import { LinkPreview, PostAttachments } from './attachments.js';
import { EventInput } from './calendar.js';
import { Body, Handle, Id, LIMITS, PageQuery, page, Slug, Timestamp, Title } from './common.js';
import { EditHistoryAccess } from './edit-history.js';
import { ModerationState } from './moderation.js';
import { PersonSummary } from './people.js';
import { PollInput } from './polls.js';

export const THREAD_KINDS = [
  'discussion',
  'question',
  'announcement',
  'idea',
  'update',
  'article',
  'praise',
  'poll',
  'event',
  'ama',
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

export const IDEA_STATUSES = ['new', 'under_review', 'planned', 'done', 'declined'] as const;
export const IdeaStatus = z.enum(IDEA_STATUSES);
export type IdeaStatus = z.infer<typeof IdeaStatus>;

/** Where an idea may go from each status: forward one step, declined from any open step, and back to review. */
export const IDEA_TRANSITIONS: Record<IdeaStatus, readonly IdeaStatus[]> = {
  new: ['under_review', 'declined'],
  under_review: ['planned', 'declined'],
  planned: ['done', 'declined'],
  done: [],
  declined: ['under_review'],
};

export const PRAISE_LIMITS = { recipients: 20 } as const;
export const STATUS_NOTE_LENGTH = 2000;

/**
 * A hashtag as it appears after '#': letters (any script), digits, '_' and '-', with '.' between them, at least one
 * letter, and at most 50 characters; it may start with '.' (.net) and end in '+', '++' or '#' (c++, c#).
 */
export const TAG_PATTERN = /^(?=.{1,50}$)(?=.*\p{L})\.?[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*(?:\+{1,2}|#)?$/u;

export const Tag = z
  .string()
  .max(50)
  .regex(
    TAG_PATTERN,
    'must be letters, digits, "_" or "-" with "." between them and at least one letter; may start with "." and end in "+", "++" or "#"',
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
    /** An open strategic theme this thread contributes to. */
    themeId: Id.nullable().optional(),
    /** A business goal (not archived) this thread counts towards. */
    goalId: Id.nullable().optional(),
    /** For praise: the handles of the people it recognises. */
    praised: z
      .array(Handle)
      .min(1, 'must name at least one person')
      .max(PRAISE_LIMITS.recipients, `may name at most ${PRAISE_LIMITS.recipients} people`)
      .optional(),
    /** For a poll: its options, single or multiple choice, anonymity and closing time. */
    poll: PollInput.optional(),
    /** For an event: when (and in which time zone), where or online. */
    event: EventInput.optional(),
    /** For an AMA (leaders only): when it goes live and when it ends. */
    ama: AmaInput.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    for (const kind of ['poll', 'event', 'ama'] as const) {
      if (input.kind === kind && !input[kind]) {
        ctx.addIssue({ code: 'custom', path: [kind], message: `is required for a ${kind}` });
      }
      if (input.kind !== kind && input[kind]) {
        ctx.addIssue({
          code: 'custom',
          path: [kind],
          message: `is only for a ${kind}, not for a ${input.kind}`,
        });
      }
    }
    if (!UNTITLED_KINDS.includes(input.kind) && input.title.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['title'], message: `is required for a ${input.kind}` });
    }
    if (input.kind === 'praise' && !input.praised) {
      ctx.addIssue({
        code: 'custom',
        path: ['praised'],
        message: 'is required for praise: name who you praise',
      });
    }
    if (input.kind !== 'praise' && input.praised) {
      ctx.addIssue({
        code: 'custom',
        path: ['praised'],
        message: `is only for praise, not for a ${input.kind}`,
      });
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
/** The strategic theme a thread contributes to. */
export const ThreadThemeRef = z.object({ id: Id, title: z.string() });
/** The business goal a thread counts towards. */
export const ThreadGoalRef = z.object({ id: Id, name: z.string() });

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
  theme: ThreadThemeRef.nullable(),
  goal: ThreadGoalRef.nullable(),
  /** Questions: nobody else replied yet, someone did, or an answer was accepted; null for other kinds. */
  answerState: z.enum(['unanswered', 'answered', 'accepted']).nullable(),
  /** Ideas: how many people voted for it (0 for other kinds). */
  voteCount: z.number().int(),
  votedByMe: z.boolean(),
  /** Praise: the people it recognises (empty for other kinds). */
  praised: z.array(PersonSummary),
  replyCount: z.number().int(),
  reactionCounts: z.array(ReactionCount),
  /** The first link in the body, previewed (title, description, site, image) once the server fetched it. */
  linkPreview: LinkPreview.nullable(),
  removed: z.boolean(),
  /** A moderator locked it: it takes no new replies. */
  locked: z.boolean(),
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
  /** Ideas: whether the viewer may move it to another status. */
  canChangeStatus: z.boolean(),
  editedAt: Timestamp.nullable(),
  /** Questions: the first reply by someone other than the asker (removed replies do not count). */
  firstAnswerAt: Timestamp.nullable(),
  secondsToFirstAnswer: z.number().int().nullable(),
  secondsToAcceptedAnswer: z.number().int().nullable(),
  /** Hidden by a moderator or held by a filter: shown, so marked, only to its author and moderators. */
  moderation: ModerationState.nullable(),
  /** Whether the viewer may lock, pin, move or hide it (a moderator who can read it). */
  canModerate: z.boolean(),
  /** Whose edit history the viewer may open here: every post's (moderators; readers where allowed) or their own. */
  editHistory: EditHistoryAccess,
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
  /** Hidden by a moderator or held by a filter: shown, so marked, only to its author and moderators. */
  moderation: ModerationState.nullable(),
  canEdit: z.boolean(),
  canDelete: z.boolean(),
  createdAt: Timestamp,
  editedAt: Timestamp.nullable(),
});
export type Reply = z.infer<typeof Reply>;

/** The thread page's one request: how many replies its first page carries (later pages as GET …/replies). */
export const ThreadViewQuery = z.object({
  replies: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(20),
});

/** A thread as its page shows it: the thread, the first page of its replies, and the files of both. */
export const ThreadView = ThreadDetail.extend({
  replies: page(Reply),
  /** The thread's files and link previews, its live replies' included (none for a removed thread). */
  attachments: PostAttachments,
});
export type ThreadView = z.infer<typeof ThreadView>;

export const Reactor = z.object({ kind: ReactionKind, person: PersonSummary, reactedAt: Timestamp });
export type Reactor = z.infer<typeof Reactor>;

export const ChangeIdeaStatus = z
  .object({
    status: IdeaStatus,
    note: z
      .string()
      .trim()
      .min(1, 'is required: say why the status changes')
      .max(STATUS_NOTE_LENGTH, `must be at most ${STATUS_NOTE_LENGTH} characters`),
  })
  .strict();
export type ChangeIdeaStatus = z.infer<typeof ChangeIdeaStatus>;

/** One step in an idea's history: who moved it where, and why. */
export const StatusChange = z.object({
  id: Id,
  from: IdeaStatus.nullable(),
  to: IdeaStatus,
  note: z.string(),
  changedBy: PersonSummary,
  createdAt: Timestamp,
});
export type StatusChange = z.infer<typeof StatusChange>;

export const IdeaBoardParams = z.object({ slug: Slug });
export const IdeaBoardQuery = PageQuery.extend({
  sort: z.enum(['votes', 'newest']).default('votes'),
  status: IdeaStatus.optional(),
});
export type IdeaBoardQuery = z.infer<typeof IdeaBoardQuery>;

export const UnansweredQuery = PageQuery.extend({
  community: Slug.optional().describe('only this community'),
});
export type UnansweredQuery = z.infer<typeof UnansweredQuery>;

export const PraiseParams = z.object({ handle: Handle });
