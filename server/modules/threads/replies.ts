import type { z } from 'zod';
import type { PageQuery } from '../../../contract/common.js';
import type { CreateReply, Reply, UpdateReply } from '../../../contract/threads.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { conflict, forbidden, invalidField, notFound } from '../../platform/http/problem.js';
import { recordParticipation } from '../activity/repository.js';
import { writeAudit } from '../audit/repository.js';
import { followThread } from '../follows/repository.js';
import { summariesByIds } from '../people/repository.js';
import { prepareContent } from './content.js';
import { replaceMentions } from './content-repository.js';
import { type Notice, noticeReaders } from './notices.js';
import {
  canEdit,
  canRemove,
  loadLiveThread,
  loadReadableThread,
  loadThread,
  type ThreadContext,
} from './policy.js';
import { groupReactions, presentReply } from './present.js';
import * as replies from './reply-repository.js';
import { fitsBigint, forgetReply, recordReply } from './repository.js';

type NewReply = z.infer<typeof CreateReply>;

/**
 * Replies in the order they were written (keyset on id), the accepted answer first on the first page (and not
 * again later); removed ones keep their place, without a body.
 */
export async function listReplies(
  deps: Deps,
  viewer: Viewer,
  threadId: string,
  query: z.infer<typeof PageQuery>,
) {
  const db = deps.db.pool;
  const context = await loadReadableThread(db, viewer, threadId);
  const after = decodeCursor(query.cursor, ['string'] as const);
  if (after && !fitsBigint(after[0])) throw invalidField('cursor', 'is not a cursor this list gave out');
  const acceptedId = context.thread.accepted_reply_id;
  const accepted = !after && acceptedId ? await replies.findReply(db, acceptedId) : null;
  const lead = accepted ? [accepted] : [];
  const room = query.limit - lead.length;
  const rows = await replies.listReplies(db, threadId, after?.[0] ?? null, room + 1, acceptedId);
  const kept = rows.slice(0, room);
  const present = await replyPresenter(db, viewer, context, [...lead, ...kept]);
  // Past the accepted answer alone (limit 1), the next page starts at the beginning of the rest.
  const nextKey = kept[kept.length - 1]?.id ?? '0';
  return {
    items: [...lead, ...kept].map(present),
    nextCursor: rows.length > room ? encodeCursor([nextKey]) : null,
  };
}

/** Loads authors and reactions for a set of replies once, then presents each. */
async function replyPresenter(
  db: Queryable,
  viewer: Viewer,
  context: ThreadContext,
  rows: replies.ReplyRow[],
): Promise<(row: replies.ReplyRow) => Reply> {
  const [authors, reactionRows] = await Promise.all([
    summariesByIds(db, [...new Set(rows.map((row) => row.author_id))]),
    replies.replyReactionCounts(
      db,
      rows.map((row) => row.id),
      viewer.id,
    ),
  ]);
  const reactions = groupReactions(reactionRows);
  const live = !context.thread.deleted_at;
  return (row) =>
    presentReply(row, authors.get(row.author_id)!, reactions.get(row.id) ?? [], {
      accepted: context.thread.accepted_reply_id === row.id,
      canEdit: live && canEdit(viewer, context, row.author_id),
      canDelete: canRemove(viewer, context, row.author_id),
    });
}

export async function createReply(deps: Deps, viewer: Viewer, threadId: string, input: NewReply) {
  const now = deps.clock.now();
  const { reply, context } = await inTransaction(deps.db.pool, async (tx) => {
    const context = await loadLiveThread(tx, viewer, threadId);
    const { thread } = context;
    const answered = input.parentId ? await parentOf(tx, thread.id, input.parentId) : null;
    // One level of nesting: answering a nested reply joins the conversation of its top-level parent.
    const parent = answered?.parent_id
      ? ((await replies.findReply(tx, answered.parent_id)) ?? answered)
      : answered;
    const content = await prepareContent(tx, input.body);
    const reply = await replies.insertReply(
      tx,
      {
        threadId,
        parentId: parent?.id ?? null,
        authorId: viewer.id,
        bodyMd: content.bodyMd,
        bodyHtml: content.bodyHtml,
      },
      now,
    );
    // Time to first answer measures others answering, not the asker adding detail.
    await recordReply(tx, threadId, now, viewer.id !== thread.author_id);
    await replaceMentions(tx, { threadId, replyId: reply.id }, content.mentionedIds, now);
    await followThread(tx, threadId, viewer.id, now);
    await recordParticipation(tx, viewer.id, thread.community_id, now);
    const notices: Notice[] = [
      // Both the reply answered and the top of its conversation hear of it.
      ...[answered, parent].flatMap((r): Notice[] =>
        r ? [{ recipientId: r.author_id, kind: 'reply_to_reply' }] : [],
      ),
      { recipientId: thread.author_id, kind: 'reply_to_thread' },
      ...content.mentionedIds.map((recipientId): Notice => ({ recipientId, kind: 'mention' })),
    ];
    await noticeReaders(tx, deps.bus, { thread, replyId: reply.id, actorId: viewer.id }, notices, now);
    await deps.bus.record(tx, {
      actorId: viewer.id,
      type: 'reply',
      threadId,
      communityId: thread.community_id,
      payload: { replyId: reply.id },
    });
    return { reply, context };
  });
  return (await replyPresenter(deps.db.pool, viewer, context, [reply]))(reply);
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
    const content = await prepareContent(tx, input.body);
    await replies.updateReplyContent(tx, id, content, now);
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
  const row = (await replies.findReply(deps.db.pool, id))!;
  return (await replyPresenter(deps.db.pool, viewer, context, [row]))(row);
}

/** Soft delete: the reply keeps its place as "removed"; an accepted answer stops being one. */
export async function deleteReply(deps: Deps, viewer: Viewer, id: string): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const { reply, context } = await loadReply(tx, viewer, id, false);
    if (!canRemove(viewer, context, reply.author_id)) {
      throw forbidden('Only the author, a community owner or an admin may remove this reply.');
    }
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
