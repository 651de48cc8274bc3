import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common.js';
import { PersonSummary } from './people.js';

/** The kinds Plein sends today; the list may grow, so clients show unknown kinds generically. */
export const NOTIFICATION_KINDS = [
  'mention',
  'reply_to_thread',
  'reply_to_reply',
  'accepted_answer',
  'question_answered',
  'idea_status',
  'praised',
  'routed_question',
  'owner_appointed',
  'moderation',
  'event_reminder',
] as const;

const Flag = z
  .enum(['1', '0', 'true', 'false'])
  .transform((value) => value === '1' || value === 'true')
  .describe('1 or true to turn on');

export const NotificationsQuery = PageQuery.extend({
  unread: Flag.optional().describe('1: only notifications not read yet'),
});

export const Notification = z.object({
  id: Id,
  kind: z.string().describe(`one of ${NOTIFICATION_KINDS.join(', ')} (more may come)`),
  actor: PersonSummary.nullable().describe('who did it; null when they are gone'),
  thread: z.object({ id: Id, title: z.string() }).nullable(),
  replyId: Id.nullable(),
  community: z.object({ slug: z.string(), name: z.string() }).nullable(),
  /** The strategic theme it is about (an outcome update), so a client can link to it. */
  theme: z.object({ id: Id, title: z.string() }).nullable(),
  /** An idea's status change: the new status and the note that explains it. */
  ideaStatus: z.object({ to: z.string(), note: z.string() }).nullable(),
  /** A moderator's action that concerns the recipient: what, why (a reason code and their note), until when. */
  moderation: z
    .object({
      actionId: Id,
      action: z.string(),
      reason: z.string(),
      note: z.string(),
      until: Timestamp.nullable(),
      targetType: z.enum(['thread', 'reply', 'person']),
      threadId: Id.nullable(),
      title: z.string(),
      appealable: z.boolean(),
    })
    .nullable(),
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const UnreadCount = z.object({ count: z.number().int() });

export const NotificationParams = z.object({ id: Id });

export const ReadAll = z
  .object({
    upTo: Id.optional().describe(
      'mark only notifications up to this id (the newest one shown), so one that arrived meanwhile stays unread',
    ),
  })
  .strict()
  .optional();
