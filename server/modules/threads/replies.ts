import type { z } from 'zod';
import type { PageQuery } from '../../../contract/common.js';
import type { CreateReply, Reply, UpdateReply } from '../../../contract/threads.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { conflict, forbidden, invalidField, notFound } from '../../platform/http/problem.js';
import { afterPostWritten } from '../attachments/post-content.js';
import { writeAudit } from '../audit/repository.js';
import { editReplyText } from '../edit-history/repository.js';
import { holdPost, screenPost } from '../moderation/screen.js';
import { prepareContent } from './content.js';
import { replaceMentions } from './content-repository.js';
import { firstNotices, type Notice, noticeReaders, notifyReaders } from './notices.js';
import {
  canEdit,
  canRemove,
  contextOf,
  loadLiveThread,
  loadThread,
  mayReveal,
  requireRead,
  requireRemovable,
  type ThreadContext,
} from './policy.js';
import { presentReply } from './present.js';
import * as replies from './reply-repository.js';
import { fitsBigint, forgetReply } from './repository.js';

type NewReply = z.infer<typeof CreateReply>;

/**
 * Replies in the order they were written (keyset on id), the accepted answer first on the first page (and not
 * again later); removed ones keep their place, without a body. One statement reads the page and the access.
 */
export async function listReplies(
  deps: Deps,
  viewer: Viewer,
  threadId: string,
  query: z.infer<typeof PageQuery>,
) {
  const after = decodeCursor(query.cursor, ['string'] as const);
  if (after && !fitsBigint(after[0])) throw invalidField('cursor', 'is not a cursor this list gave out');
  const found = await replies.findRepliesPage(
    deps.db.pool,
    threadId,
    viewer.id,
    after?.[0] ?? null,
    query.limit + 1,
  );
  if (!found) throw notFound('thread');
  const context = requireRead(contextOf(viewer, found.thread));
  return replyPage(viewer, context, found.replies, !after, query.limit);
}

/**
 * A page from `limit + 1` fetched replies: `limit` of them presented, and the cursor of the next page. On the
 * first page the accepted answer leads.
 */
export function replyPage(
  viewer: Viewer,
  context: ThreadContext,
  rows: replies.ReplyView[],
  first: boolean,
  limit: number,
) {
  const acceptedId = context.thread.accepted_reply_id;
  const lead = first && acceptedId && rows[0]?.id === acceptedId ? 1 : 0;
  const room = limit - lead;
  const kept = rows.slice(lead, lead + room);
  // Past the accepted answer alone (limit 1), the next page starts at the beginning of the rest.
  const nextKey = kept[kept.length - 1]?.id ?? '0';
  return {
    items: rows.slice(0, lead + room).map(replyPresenter(viewer, context)),
    nextCursor: rows.length - lead > room ? encodeCursor([nextKey]) : null,
  };
}

/** Presents replies of one thread as this viewer sees them. */
function replyPresenter(viewer: Viewer, context: ThreadContext): (row: replies.ReplyView) => Reply {
  const live = !context.thread.deleted_at;
  return (row) =>
    presentReply(row, {
      accepted: context.thread.accepted_reply_id === row.id,
      canEdit: live && canEdit(viewer, context, row.author_id),
      canDelete: canRemove(viewer, context, row.author_id),
      reveal: mayReveal(viewer, context, row.author_id),
    });
}

/**
 * A new reply: the thread and its access in one statement, the reply with everything that moves with it (the
 * author's participation included) in another, then the notifications and the live event.
 */
export async function createReply(deps: Deps, viewer: Viewer, threadId: string, input: NewReply) {
  const now = deps.clock.now();
  const { reply, context } = await inTransaction(deps.db.pool, async (tx) => {
    const context = await loadLiveThread(tx, viewer, threadId);
    const { thread } = context;
    if (thread.locked_at) throw conflict('A moderator locked this thread: it takes no new replies.');
    const answered = input.parentId ? await parentOf(tx, thread.id, input.parentId) : null;
    // One level of nesting: answering a nested reply joins the conversation of its top-level parent.
    const parent = answered?.parent_id
      ? ((await replies.findReply(tx, answered.parent_id)) ?? answered)
      : answered;
    const held = await screenPost(tx, [input.body]);
    const content = await prepareContent(tx, input.body);
    const notices = firstNotices(
      [
        // Both the reply answered and the top of its conversation hear of it.
        ...[answered, parent].flatMap((r): Notice[] =>
          r ? [{ recipientId: r.author_id, kind: 'reply_to_reply' }] : [],
        ),
        { recipientId: thread.author_id, kind: 'reply_to_thread' },
        ...content.mentionedIds.map((recipientId): Notice => ({ recipientId, kind: 'mention' })),
      ],
      viewer.id,
    );
    const { reply, readers } = await replies.insertReply(
      tx,
      {
        threadId,
        parentId: parent?.id ?? null,
        authorId: viewer.id,
        bodyMd: content.bodyMd,
        bodyHtml: content.bodyHtml,
        answersSomeoneElse: viewer.id !== thread.author_id,
        mentionedIds: content.mentionedIds,
        candidateReaderIds: [...notices.keys()],
        communityId: thread.community_id,
        via: viewer.via.kind === 'mail' ? 'mail' : 'app',
      },
      now,
    );
    await afterPostWritten(tx, deps, viewer, { threadId, replyId: reply.id }, input.body, 'new');
    if (held) {
      const post = { threadId, replyId: reply.id, authorId: viewer.id, communityId: thread.community_id };
      await holdPost(tx, post, held, now);
      Object.assign(reply, { deleted_at: now, moderation_state: 'held' });
    }
    // A held reply tells nobody until a moderator approves it.
    const told = held ? new Map<string, Notice>() : notices;
    const event = {
      actorId: viewer.id,
      type: 'reply',
      threadId,
      communityId: thread.community_id,
      payload: { replyId: reply.id },
    };
    const about = { thread, replyId: reply.id, actorId: viewer.id };
    await notifyReaders(tx, deps.bus, about, told, readers, now, [event]);
    return { reply, context };
  });
  return replyPresenter(viewer, context)(reply);
}

async function parentOf(db: Queryable, threadId: string, parentId: string) {
  const parent = await replies.findReply(db, parentId);
  if (!parent || parent.thread_id !== threadId)
    throw invalidField('parentId', 'is not a reply in this thread');
  if (parent.deleted_at) throw invalidField('parentId', 'was removed');
  return parent;
}

/** Loads a reply and its thread; a reply in a secret community the viewer is not in does not exist. */
async function loadReply(db: Queryable, viewer: Viewer, id: string, live: boolean) {
  const reply = await replies.findReply(db, id);
  if (!reply) throw notFound('reply');
  const context = live
    ? await loadLiveThread(db, viewer, reply.thread_id, 'reply')
    : await loadThread(db, viewer, reply.thread_id, 'reply');
  if (live && reply.deleted_at) throw conflict('This reply was removed.');
  return { reply, context };
}

export async function updateReply(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: z.infer<typeof UpdateReply>,
): Promise<Reply> {
  const now = deps.clock.now();
  const context = await inTransaction(deps.db.pool, async (tx) => {
    const { reply, context } = await loadReply(tx, viewer, id, true);
    if (!canEdit(viewer, context, reply.author_id)) {
      throw forbidden('Only the author, a community owner or an admin may edit this reply.');
    }
    const held = await screenPost(tx, [input.body]);
    const content = await prepareContent(tx, input.body);
    await editReplyText(tx, id, content, { at: now, by: viewer.id });
    if (held && !reply.moderation_state) {
      const post = {
        threadId: reply.thread_id,
        replyId: id,
        authorId: reply.author_id,
        communityId: context.thread.community_id,
      };
      await holdPost(tx, post, held, now);
    }
    await afterPostWritten(tx, deps, viewer, { threadId: reply.thread_id, replyId: id }, input.body);
    const added = await replaceMentions(
      tx,
      { threadId: reply.thread_id, replyId: id },
      content.mentionedIds,
      now,
    );
    await noticeReaders(
      tx,
      deps.bus,
      { thread: context.thread, replyId: id, actorId: viewer.id },
      added.map((recipientId) => ({ recipientId, kind: 'mention' })),
      now,
    );
    return context;
  });
  const row = (await replies.findReplyView(deps.db.pool, id, viewer.id))!;
  return replyPresenter(viewer, context)(row);
}

/** Soft delete: the reply keeps its place as "removed"; an accepted answer stops being one. */
export async function deleteReply(deps: Deps, viewer: Viewer, id: string): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const { reply, context } = await loadReply(tx, viewer, id, false);
    requireRemovable(viewer, context, reply.author_id, 'reply');
    if (!(await replies.softDeleteReply(tx, id, viewer.id, now))) return;
    await forgetReply(tx, reply.thread_id, id);
    if (reply.author_id !== viewer.id) {
      await writeAudit(tx, {
        actorId: viewer.id,
        action: 'reply.remove',
        targetType: 'reply',
        targetId: id,
        before: { authorId: reply.author_id, threadId: reply.thread_id },
      });
    }
  });
}
