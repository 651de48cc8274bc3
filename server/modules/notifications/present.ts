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

/** A moderation action carries what was done and why, so the person reads it without the post in view. */
function moderationOf(data: Record<string, unknown>): Notification['moderation'] {
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  const id = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
  const target = text('targetType');
  return {
    actionId: text('actionId'),
    action: text('action'),
    reason: text('reason'),
    note: text('note'),
    until: id('until'),
    targetType: target === 'reply' || target === 'person' ? target : 'thread',
    threadId: id('threadId'),
    title: text('title'),
    appealable: data.appealable === true,
  };
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
  moderation: row.kind === 'moderation' ? moderationOf(row.data) : null,
  createdAt: row.created_at.toISOString(),
  readAt: row.read_at?.toISOString() ?? null,
});
