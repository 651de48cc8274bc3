/** What Plein would have told demo people about the last weeks: replies, mentions and accepted answers. */
import { DAY, HOUR } from './calendar.js';
import type { ThreadRecord } from './history.js';

export type DemoNotification = {
  recipientId: number;
  kind: 'mention' | 'reply_to_thread' | 'reply_to_reply' | 'accepted_answer';
  actorId: number;
  threadId: number;
  replyId: number | null;
  communityId: number | null;
  at: number;
  readAt: number | null;
};

const WINDOW = 21 * DAY;

/** The last three weeks' notices; older ones have been read, the last few days' partly not yet. */
export function notificationsOf(threads: ThreadRecord[], now: number): DemoNotification[] {
  const out: DemoNotification[] = [];
  const push = (n: Omit<DemoNotification, 'readAt'>) => {
    if (n.recipientId === n.actorId || n.at < now - WINDOW || n.at >= now) return;
    // Deterministic "has read it": most people read within hours; the newest stay unread.
    const delay = (((n.threadId * 31 + (n.replyId ?? 0) * 17 + n.recipientId) % 97) / 97) * 30 * HOUR;
    const readAt = n.at + delay;
    out.push({ ...n, readAt: readAt < now - 4 * DAY ? readAt : null });
  };
  for (const t of threads) {
    if (t.lastActivityAt < now - WINDOW) continue;
    const about = { threadId: t.id, communityId: t.communityId };
    for (const personId of t.mentions) {
      push({
        recipientId: personId,
        kind: 'mention',
        actorId: t.authorId,
        replyId: null,
        at: t.createdAt,
        ...about,
      });
    }
    const authorOf = new Map(t.replies.map((r) => [r.id, r.authorId]));
    for (const reply of t.replies) {
      const base = { actorId: reply.authorId, replyId: reply.id, at: reply.at, ...about };
      const parentAuthor = reply.parentId === null ? undefined : authorOf.get(reply.parentId);
      push({ ...base, recipientId: t.authorId, kind: 'reply_to_thread' });
      if (parentAuthor !== undefined && parentAuthor !== t.authorId) {
        push({ ...base, recipientId: parentAuthor, kind: 'reply_to_reply' });
      }
      for (const personId of reply.mentions) push({ ...base, recipientId: personId, kind: 'mention' });
    }
    if (t.acceptedReplyId !== null && t.acceptedAt !== null) {
      push({
        recipientId: authorOf.get(t.acceptedReplyId)!,
        kind: 'accepted_answer',
        actorId: t.authorId,
        replyId: t.acceptedReplyId,
        at: t.acceptedAt,
        ...about,
      });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}
