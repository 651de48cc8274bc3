import type { Queryable } from '../../platform/db/database.js';
import { statement } from '../../platform/db/statement.js';
import type { EventBus, NewEvent } from '../../platform/events/bus.js';
import { mailChoicesOf } from '../mail/notices-repository.js';
import { channelFor, noticeKindOf } from '../mail/preferences.js';
import { MAIL_DEFAULTS_KEY, mailDefaultsFrom } from '../settings/mail-defaults.js';

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

const INSERT_NOTIFICATIONS = statement(
  `insert into notifications (recipient_id, kind, actor_id, thread_id, reply_id, community_id, data, created_at,
                              mail_pending)
   select recipient_id, kind, actor_id, thread_id, reply_id, community_id, data, $8, mail_pending
     from unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::jsonb[],
                 $9::boolean[])
       as n(recipient_id, kind, actor_id, thread_id, reply_id, community_id, data, mail_pending)
   returning id, recipient_id::text, kind`,
);

/**
 * Stores notifications and their live events in the caller's transaction: the channels in one look-up, the
 * notifications in one statement, their events — and `alongside`, the caller's own events — in another. Callers
 * pass only recipients who may see the thread; the actor is never notified of their own action. A kind the
 * recipient turned off is not stored at all; one they get by email is marked for the mail pump
 * (modules/mail/notices.ts), which composes it after this transaction commits.
 */
export async function notify(
  db: Queryable,
  bus: EventBus,
  items: NewNotification[],
  now: Date,
  alongside: NewEvent[] = [],
): Promise<void> {
  const seen = new Set<string>();
  const fresh = items.filter((item) => {
    const key = `${item.recipientId}:${item.kind}`;
    if (item.recipientId === item.actorId || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const stored = fresh.length > 0 ? await storeNotifications(db, fresh, now) : [];
  await bus.recordAll(db, [
    ...stored.map(
      (item): NewEvent => ({
        type: 'notification',
        recipientId: item.recipientId,
        threadId: item.threadId ?? null,
        communityId: item.communityId ?? null,
        payload: { notificationId: item.id, kind: item.kind },
      }),
    ),
    ...alongside,
  ]);
}

/** Stores the notifications whose recipients did not turn their kind off; returns them with their ids. */
async function storeNotifications(db: Queryable, items: NewNotification[], now: Date) {
  const choices = await mailChoicesOf(
    db,
    [...new Set(items.map((item) => item.recipientId))],
    MAIL_DEFAULTS_KEY,
  );
  const defaults = mailDefaultsFrom(choices.defaults);
  const kept = items.flatMap((item) => {
    const stored = { kinds: choices.kinds.get(item.recipientId) ?? null };
    const channel = channelFor(stored, defaults, noticeKindOf(item.kind));
    return channel === 'off' ? [] : [{ ...item, email: channel === 'email' }];
  });
  if (kept.length === 0) return [];
  const { rows } = await db.query<{ id: string; recipient_id: string; kind: string }>({
    ...INSERT_NOTIFICATIONS,
    values: [
      kept.map((item) => item.recipientId),
      kept.map((item) => item.kind),
      kept.map((item) => item.actorId),
      kept.map((item) => item.threadId ?? null),
      kept.map((item) => item.replyId ?? null),
      kept.map((item) => item.communityId ?? null),
      kept.map((item) => JSON.stringify(item.data ?? {})),
      now,
      kept.map((item) => item.email),
    ],
  });
  // One notification per recipient and kind (fresh above): that pair finds each one's id.
  const ids = new Map(rows.map((row) => [`${row.recipient_id}:${row.kind}`, row.id]));
  return kept.map((item) => ({ ...item, id: ids.get(`${item.recipientId}:${item.kind}`)! }));
}
