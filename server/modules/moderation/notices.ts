import type { Queryable } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/bus.js';
import { notify } from '../notifications/notify.js';

/** Actions the person they concern may appeal, once each. */
export const APPEALABLE = ['hide', 'remove'];

export type ModerationNotice = {
  recipientId: string;
  actorId: string;
  actionId: string;
  action: string;
  reason: string;
  note: string;
  until?: Date | null;
  targetType: 'thread' | 'reply' | 'person';
  threadId: string | null;
  replyId: string | null;
  title: string;
};

/**
 * Tells the person an action concerns what was done and why. The notification names no thread or community
 * row: a hidden post is out of every list, yet its author must still read this (the web renders the reason in
 * the reader's language from its code; the note is the moderator's own words).
 */
export async function noticeModeration(db: Queryable, bus: EventBus, notice: ModerationNotice, now: Date) {
  await notify(
    db,
    bus,
    [
      {
        recipientId: notice.recipientId,
        kind: 'moderation',
        actorId: notice.actorId,
        data: {
          actionId: notice.actionId,
          action: notice.action,
          reason: notice.reason,
          note: notice.note,
          until: notice.until ? notice.until.toISOString() : null,
          targetType: notice.targetType,
          threadId: notice.threadId,
          replyId: notice.replyId,
          title: notice.title,
          appealable: APPEALABLE.includes(notice.action),
        },
      },
    ],
    now,
  );
}
