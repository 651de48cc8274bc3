import type { Queryable } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/bus.js';
import { type NotificationKind, notify } from '../notifications/notify.js';
import { readersAmong } from './content-repository.js';
import type { ThreadRow } from './repository.js';

export type Notice = {
  recipientId: string;
  kind: NotificationKind | 'question_answered' | 'idea_status' | 'praised';
  /** Added to the notification's data, next to the thread's title and kind. */
  data?: Record<string, unknown>;
};

/**
 * Notifies about a thread, one notice per person (the first listed kind wins), and only people who may
 * read the thread: a mention in a secret community never reaches an outsider.
 */
export async function noticeReaders(
  db: Queryable,
  bus: EventBus,
  about: { thread: ThreadRow; replyId: string | null; actorId: string },
  notices: Notice[],
  now: Date,
): Promise<void> {
  const first = new Map<string, Notice>();
  for (const notice of notices) {
    if (notice.recipientId !== about.actorId && !first.has(notice.recipientId)) {
      first.set(notice.recipientId, notice);
    }
  }
  const readers = await readersAmong(db, [...first.keys()], about.thread.community_id);
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
  );
}
