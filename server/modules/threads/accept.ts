import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { badRequest, forbidden, invalidField } from '../../platform/http/problem.js';
import { noticeReaders } from './notices.js';
import { loadLiveThread, mayChooseAnswer, type ThreadContext } from './policy.js';
import { findReply } from './reply-repository.js';
import { setAcceptedReply } from './repository.js';
import { getThread } from './service.js';

/**
 * The asker, a community owner, a community manager or an admin marks the answer; its author hears of it, and so
 * does the asker when someone else chose it (nobody hears of their own action).
 */
export async function acceptAnswer(deps: Deps, viewer: Viewer, threadId: string, replyId: string) {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const context = await loadLiveThread(tx, viewer, threadId);
    requireMayAccept(viewer, context);
    const reply = await findReply(tx, replyId);
    if (!reply || reply.thread_id !== threadId || reply.deleted_at) {
      throw invalidField('replyId', 'is not a reply in this thread');
    }
    if (context.thread.accepted_reply_id === reply.id) return;
    await setAcceptedReply(tx, threadId, reply.id, now);
    await noticeReaders(
      tx,
      deps.bus,
      { thread: context.thread, replyId: reply.id, actorId: viewer.id },
      [
        { recipientId: reply.author_id, kind: 'accepted_answer' },
        { recipientId: context.thread.author_id, kind: 'question_answered' },
      ],
      now,
    );
  });
  return getThread(deps, viewer, threadId);
}

export async function unacceptAnswer(deps: Deps, viewer: Viewer, threadId: string): Promise<void> {
  await inTransaction(deps.db.pool, async (tx) => {
    const context = await loadLiveThread(tx, viewer, threadId);
    requireMayAccept(viewer, context);
    if (context.thread.accepted_reply_id) await setAcceptedReply(tx, threadId, null, deps.clock.now());
  });
}

function requireMayAccept(viewer: Viewer, context: ThreadContext) {
  if (!mayChooseAnswer(viewer, context)) {
    throw forbidden(
      'Only the asker, a community owner, a community manager or an admin may choose the answer.',
    );
  }
  if (context.thread.kind !== 'question') {
    throw badRequest('Only a question has an accepted answer.', [
      { field: 'id', message: `is a ${context.thread.kind}, not a question` },
    ]);
  }
}
