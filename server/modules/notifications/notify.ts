import type { Queryable } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/bus.js';
import { storedPreferencesOf } from '../mail/notices-repository.js';
import { channelFor, noticeKindOf } from '../mail/preferences.js';
import { loadMailDefaults } from '../settings/mail-defaults.js';

export type NotificationKind = 'mention' | 'reply_to_thread' | 'reply_to_reply' | 'accepted_answer';

export type NewNotification = {
  recipientId: string;
  kind: NotificationKind | (string & {});
  actorId: string | null;
  threadId?: string | null;
  replyId?: string | null;
  communityId?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Stores notifications and their live events in the caller's transaction. Callers pass only recipients who
 * may see the thread; the actor is never notified of their own action. A kind the recipient turned off is not
 * stored at all; one they get by email is marked for the mail pump (modules/mail/notices.ts), which composes it
 * after this transaction commits.
 */
export async function notify(
  db: Queryable,
  bus: EventBus,
  items: NewNotification[],
  now: Date,
): Promise<void> {
  const seen = new Set<string>();
  const fresh = items.filter((item) => {
    const key = `${item.recipientId}:${item.kind}`;
    if (item.recipientId === item.actorId || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (fresh.length === 0) return;
  const [defaults, preferences] = await Promise.all([
    loadMailDefaults(db),
    storedPreferencesOf(db, [...new Set(fresh.map((item) => item.recipientId))]),
  ]);
  for (const item of fresh) {
    const channel = channelFor(preferences.get(item.recipientId) ?? null, defaults, noticeKindOf(item.kind));
    if (channel === 'off') continue;
    const { rows } = await db.query<{ id: string }>(
      `insert into notifications (recipient_id, kind, actor_id, thread_id, reply_id, community_id, data, created_at,
                                  mail_pending)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [
        item.recipientId,
        item.kind,
        item.actorId,
        item.threadId ?? null,
        item.replyId ?? null,
        item.communityId ?? null,
        JSON.stringify(item.data ?? {}),
        now,
        channel === 'email',
      ],
    );
    await bus.record(db, {
      type: 'notification',
      recipientId: item.recipientId,
      threadId: item.threadId ?? null,
      communityId: item.communityId ?? null,
      payload: { notificationId: rows[0]!.id, kind: item.kind },
    });
  }
}
