import type { Queryable } from '../../platform/db/database.js';
import type { EventBus, NewEvent } from '../../platform/events/bus.js';
import { type NotificationKind, notify } from '../notifications/notify.js';
import { readersAmong } from './content-repository.js';
import type { ThreadRow } from './repository.js';

export type Notice = {
  recipientId: string;
  kind: NotificationKind | 'question_answered' | 'idea_status' | 'praised';
  /** Added to the notification's data, next to the thread's title and kind. */
  data?: Record<string, unknown>;
};

type About = { thread: ThreadRow; replyId: string | null; actorId: string };

/** One notice per person, the first listed kind winning; never the actor's own. */
export function firstNotices(notices: Notice[], actorId: string): Map<string, Notice> {
  const first = new Map<string, Notice>();
  for (const notice of notices) {
    if (notice.recipientId !== actorId && !first.has(notice.recipientId))
      first.set(notice.recipientId, notice);
  }
  return first;
}

/**
 * Notifies about a thread, one notice per person (the first listed kind wins), and only people who may
 * read the thread: a mention in a secret community never reaches an outsider.
 */
export async function noticeReaders(
  db: Queryable,
  bus: EventBus,
  about: About,
  notices: Notice[],
  now: Date,
): Promise<void> {
  const first = firstNotices(notices, about.actorId);
  const readers = await readersAmong(db, [...first.keys()], about.thread.community_id);
  await notifyReaders(db, bus, about, first, readers, now);
}

/**
 * As noticeReaders, when the statement that wrote the post already said who of them may read it; the post's own
 * live event (`alongside`) is recorded with the notifications' events, in one statement.
 */
export async function notifyReaders(
  db: Queryable,
  bus: EventBus,
  about: About,
  first: Map<string, Notice>,
  readers: Set<string>,
  now: Date,
  alongside: NewEvent[] = [],
): Promise<void> {
  const { thread } = about;
  await notify(
    db,
    bus,
    [...first.values()]
      .filter((notice) => readers.has(notice.recipientId))
      .map(({ data, ...notice }) => ({
        ...notice,
        actorId: about.actorId,
        threadId: thread.id,
        replyId: about.replyId,
        communityId: thread.community_id,
        data: { title: thread.title, threadKind: thread.kind, ...data },
      })),
    now,
    alongside,
  );
}
