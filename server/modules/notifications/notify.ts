import type { Queryable } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/bus.js';

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
 * may see the thread; the actor is never notified of their own action.
 */
export async function notify(
  db: Queryable,
  bus: EventBus,
  items: NewNotification[],
  now: Date,
): Promise<void> {
  const seen = new Set<string>();
  for (const item of items) {
    const key = `${item.recipientId}:${item.kind}`;
    if (item.recipientId === item.actorId || seen.has(key)) continue;
    seen.add(key);
    const { rows } = await db.query<{ id: string }>(
      `insert into notifications (recipient_id, kind, actor_id, thread_id, reply_id, community_id, data, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [
        item.recipientId,
        item.kind,
        item.actorId,
        item.threadId ?? null,
        item.replyId ?? null,
        item.communityId ?? null,
        JSON.stringify(item.data ?? {}),
        now,
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
