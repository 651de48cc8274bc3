import { z } from 'zod';
import { Id, PageQuery, Slug, singleLine, Timestamp } from './common.js';
import { PersonSummary } from './people.js';

/** Why someone reports a post or a person; a moderator gives one of these (or "other") as the reason for an action. */
export const REPORT_REASONS = [
  'spam',
  'harassment',
  'hate',
  'misinformation',
  'privacy',
  'off_topic',
  'other',
] as const;
export const ReportReason = z.enum(REPORT_REASONS);
export type ReportReason = z.infer<typeof ReportReason>;

const Note = z.string().trim().max(2000, 'must be at most 2000 characters');

export const CreateReport = z
  .object({
    targetType: z.enum(['thread', 'reply', 'person']),
    targetId: z.string().trim().min(1).max(40).describe("the thread's or reply's id, or the person's handle"),
    reason: ReportReason,
    note: Note.default(''),
  })
  .strict();
export type CreateReport = z.infer<typeof CreateReport>;

export const CreatedReport = z.object({ id: Id, status: z.enum(['open', 'resolved']) });

/** Where a queue item sits, as far as the moderator may know: a secret community they are not in has no name. */
export const QueueWhere = z.object({
  community: z.object({ slug: z.string(), name: z.string() }).nullable(),
  hiddenCommunity: z.boolean().describe('true: in a community this moderator may not know of'),
});

export const MODERATION_STATES = ['hidden', 'held', 'removed'] as const;
export const ModerationState = z.enum(MODERATION_STATES);

export const QueueItem = z.object({
  id: Id,
  kind: z.enum(['report', 'held', 'appeal']),
  targetType: z.enum(['thread', 'reply', 'person']),
  reason: z.string(),
  note: z.string(),
  reporter: PersonSummary.nullable().describe('null when a filter held the post'),
  where: QueueWhere,
  /** The post as the moderator may read it; null when they cannot read where it sits (only that it exists). */
  content: z
    .object({
      threadId: Id,
      replyId: Id.nullable(),
      title: z.string(),
      bodyHtml: z.string(),
      author: PersonSummary,
      state: ModerationState.nullable(),
      locked: z.boolean(),
    })
    .nullable(),
  person: PersonSummary.nullable().describe('the person reported or the author, when the moderator may know'),
  appeal: z
    .object({ actionId: Id, action: z.string(), reason: z.string(), note: z.string() })
    .nullable()
    .describe('for an appeal: the action appealed against'),
  actions: z.array(z.string()).describe('what this moderator may do with it'),
  createdAt: Timestamp,
});
export type QueueItem = z.infer<typeof QueueItem>;

export const QueueQuery = PageQuery.extend({
  community: Slug.optional().describe('only this community'),
});

export const REPORT_ACTIONS = ['dismiss', 'hide', 'remove', 'restore', 'approve', 'warn', 'suspend'] as const;
export const ReportAction = z.enum(REPORT_ACTIONS);

export const TakeAction = z
  .object({
    action: ReportAction,
    reason: ReportReason,
    note: Note.default(''),
    until: z.iso.datetime({ offset: true }).optional().describe('for suspend: until when (at most a year)'),
  })
  .strict();
export type TakeAction = z.infer<typeof TakeAction>;

export const ActionTaken = z.object({ id: Id, action: z.string() });

/** The reason for a direct action (lock, pin, move, lifting a suspension). */
export const ActionReason = z
  .object({ reason: ReportReason.default('other'), note: Note.default('') })
  .strict();

/** A warning or a suspension given directly (from a thread or a profile), not as the decision on a report. */
export const WarnPerson = z.object({ reason: ReportReason, note: Note.default('') }).strict();
export const SuspendPerson = z
  .object({
    reason: ReportReason,
    note: Note.default(''),
    until: z.iso.datetime({ offset: true }).describe('until when (in the future, at most a year)'),
  })
  .strict();

export const MoveThread = z
  .object({ communitySlug: Slug, reason: ReportReason.default('off_topic'), note: Note.default('') })
  .strict();

export const PinScope = z.enum(['community', 'home']);
export const PinParams = z.object({ id: Id, scope: PinScope });

export const Appeal = z.object({ statement: z.string().trim().min(1).max(2000) }).strict();
export const AppealParams = z.object({ id: Id });

export const FilterAction = z.enum(['block', 'hold']);
export const WordFilter = z.object({
  term: singleLine(z.string().trim().min(1).max(100)),
  action: FilterAction,
});
export const DomainFilter = z.object({
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?:[a-z0-9-]+\.)+[a-z]{2,}$/, 'must be a domain name such as example.com'),
  action: FilterAction,
});
export const ContentFilters = z
  .object({
    words: z.array(WordFilter).max(500).default([]),
    domains: z.array(DomainFilter).max(500).default([]),
  })
  .strict();
export type ContentFilters = z.infer<typeof ContentFilters>;

export const CommunityRules = z.object({ markdown: z.string(), html: z.string() });
export const UpdateRules = z.object({ markdown: z.string().max(20_000) }).strict();
