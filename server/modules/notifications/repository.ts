import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';

export type NotificationRow = {
  id: string;
  kind: string;
  actor_id: string | null;
  thread_id: string | null;
  thread_title: string | null;
  reply_id: string | null;
  community_slug: string | null;
  community_name: string | null;
  data: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
};

// A notification whose thread or community the recipient can no longer read (they left, it was deleted) is not
// shown or counted at all: its title, community and even its existence belong to that community. $1 = recipient.
const visibleToRecipient = `${readableCommunitySql('n.community_id', '$1')}
  and (n.thread_id is null or (t.deleted_at is null and ${readableCommunitySql('t.community_id', '$1')}))`;

/** The recipient's notifications, newest first; keyset on id (notifications_recipient_idx). */
export async function listNotifications(
  db: Queryable,
  recipientId: string,
  options: { unreadOnly: boolean; beforeId: string | null; limit: number },
): Promise<NotificationRow[]> {
  const { rows } = await db.query<NotificationRow>(
    `select n.id, n.kind, n.actor_id, n.thread_id, t.title as thread_title, n.reply_id,
            c.slug as community_slug, c.name as community_name, n.data, n.created_at, n.read_at
       from notifications n
       left join threads t on t.id = n.thread_id
       left join communities c on c.id = coalesce(t.community_id, n.community_id)
      where n.recipient_id = $1
        ${options.unreadOnly ? 'and n.read_at is null' /* literal, so the partial unread index applies */ : ''}
        and ($2::bigint is null or n.id < $2)
        and ${visibleToRecipient}
      order by n.id desc
      limit $3`,
    [recipientId, options.beforeId, options.limit],
  );
  return rows;
}

/** How many unread notifications the list would show (notifications_unread_idx). */
export async function countUnread(db: Queryable, recipientId: string): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `select count(*)::int as count
       from notifications n
       left join threads t on t.id = n.thread_id
      where n.recipient_id = $1 and n.read_at is null and ${visibleToRecipient}`,
    [recipientId],
  );
  return rows[0]!.count;
}

/** Marks one of the recipient's notifications read (keeping the first read time); false when it is not theirs. */
export async function markRead(db: Queryable, recipientId: string, id: string, now: Date): Promise<boolean> {
  const result = await db.query(
    'update notifications set read_at = coalesce(read_at, $3) where id = $2 and recipient_id = $1',
    [recipientId, id, now],
  );
  return (result.rowCount ?? 0) > 0;
}

/** Marks every unread notification of the recipient read, or only those up to and including upTo. */
export async function markAllRead(
  db: Queryable,
  recipientId: string,
  upTo: string | null,
  now: Date,
): Promise<void> {
  await db.query(
    `update notifications set read_at = $2
      where recipient_id = $1 and read_at is null and ($3::bigint is null or id <= $3)`,
    [recipientId, now, upTo],
  );
}
