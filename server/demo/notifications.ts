/** What Plein would have told demo people about the last weeks: replies, mentions, answers, ideas, praise, themes. */
import { DAY, HOUR } from './calendar.js';
import type { ThreadRecord } from './history.js';
import type { DemoTheme } from './themes.js';

export type DemoNotification = {
  recipientId: number;
  kind:
    | 'mention'
    | 'reply_to_thread'
    | 'reply_to_reply'
    | 'accepted_answer'
    | 'idea_status'
    | 'praised'
    | 'theme_outcome';
  actorId: number;
  threadId: number | null;
  replyId: number | null;
  communityId: number | null;
  at: number;
  readAt: number | null;
  /** As the product stores it: the thread's title and kind, an idea's status change, an outcome's theme. */
  data: Record<string, unknown>;
};

const WINDOW = 21 * DAY;

/** The last three weeks' notices; older ones have been read, the last few days' partly not yet. */
export function notificationsOf(
  threads: ThreadRecord[],
  now: number,
  themes: DemoTheme[] = [],
): DemoNotification[] {
  const out: DemoNotification[] = [];
  const push = (n: Omit<DemoNotification, 'readAt' | 'data'> & { data?: Record<string, unknown> }) => {
    if (n.recipientId === n.actorId || n.at < now - WINDOW || n.at >= now) return;
    // Deterministic "has read it": most people read within hours; the newest stay unread.
    const seed = (n.threadId ?? Math.round(n.at / HOUR)) * 31 + (n.replyId ?? 0) * 17 + n.recipientId;
    const delay = ((seed % 97) / 97) * 30 * HOUR;
    const readAt = n.at + delay;
    out.push({ ...n, data: n.data ?? {}, readAt: readAt < now - 4 * DAY ? readAt : null });
  };
  for (const t of threads) {
    const lastChange = t.statusChanges.at(-1)?.at ?? 0;
    if (t.lastActivityAt < now - WINDOW && lastChange < now - WINDOW) continue;
    const about = { threadId: t.id, communityId: t.communityId };
    const thread = { title: t.title, threadKind: t.kind };
    // Being praised says more than being mentioned in the same post: one notice each, as the product sends.
    for (const personId of t.praised) {
      push({
        recipientId: personId,
        kind: 'praised',
        actorId: t.authorId,
        replyId: null,
        at: t.createdAt,
        ...about,
        data: thread,
      });
    }
    for (const change of t.statusChanges) {
      const voters = t.votes.filter((v) => v.at < change.at).map((v) => v.personId);
      for (const personId of new Set([t.authorId, ...voters])) {
        push({
          recipientId: personId,
          kind: 'idea_status',
          actorId: change.by,
          replyId: null,
          at: change.at,
          ...about,
          data: { ...thread, from: change.from, to: change.to, note: change.note },
        });
      }
    }
    for (const personId of t.mentions) {
      if (t.praised.includes(personId)) continue;
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
  outcomeNotices(threads, themes, push);
  return out.sort((a, b) => a.at - b.at);
}

/** An outcome update reaches everyone who took part in the theme's threads by then, and its followers. */
function outcomeNotices(
  threads: ThreadRecord[],
  themes: DemoTheme[],
  push: (n: Omit<DemoNotification, 'readAt' | 'data'> & { data?: Record<string, unknown> }) => void,
): void {
  for (const theme of themes) {
    const linked = threads.filter((t) => t.themeId === theme.id);
    for (const outcome of theme.outcomes) {
      const taking = new Set<number>();
      for (const t of linked) {
        if (t.createdAt < outcome.at) taking.add(t.authorId);
        for (const r of t.replies) if (r.at < outcome.at) taking.add(r.authorId);
        for (const r of t.reactions) if (r.at < outcome.at) taking.add(r.personId);
        for (const reply of t.replies)
          for (const r of reply.reactions) if (r.at < outcome.at) taking.add(r.personId);
      }
      for (const f of theme.followers) if (f.at < outcome.at) taking.add(f.personId);
      for (const personId of taking) {
        push({
          recipientId: personId,
          kind: 'theme_outcome',
          actorId: outcome.authorId,
          threadId: null,
          replyId: null,
          communityId: null,
          at: outcome.at,
          data: { themeId: String(theme.id), themeTitle: theme.title },
        });
      }
    }
  }
}
