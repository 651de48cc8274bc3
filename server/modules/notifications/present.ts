import type { Notification } from '../../../contract/notifications.js';
import { presentSummary } from '../people/present.js';
import type { SummaryRow } from '../people/repository.js';
import type { NotificationRow } from './repository.js';

/** Theme notifications carry the theme in their data (an outcome update belongs to no thread or community). */
function themeOf(data: Record<string, unknown> | undefined): { id: string; title: string } | null {
  const id = data?.themeId;
  return typeof id === 'string'
    ? { id, title: typeof data?.themeTitle === 'string' ? data.themeTitle : '' }
    : null;
}

/** An idea's status change carries its new status and note, so the person reads why without opening it. */
function ideaStatusOf(data: Record<string, unknown> | undefined): { to: string; note: string } | null {
  return typeof data?.to === 'string' && typeof data?.note === 'string'
    ? { to: data.to, note: data.note }
    : null;
}

export const presentNotification = (row: NotificationRow, actor: SummaryRow | null): Notification => ({
  id: row.id,
  kind: row.kind,
  actor: actor ? presentSummary(actor) : null,
  thread: row.thread_id ? { id: row.thread_id, title: row.thread_title ?? '' } : null,
  replyId: row.reply_id,
  community:
    row.community_slug !== null ? { slug: row.community_slug, name: row.community_name ?? '' } : null,
  theme: themeOf(row.data),
  ideaStatus: row.kind === 'idea_status' ? ideaStatusOf(row.data) : null,
  createdAt: row.created_at.toISOString(),
  readAt: row.read_at?.toISOString() ?? null,
});
