import type { z } from 'zod';
import type { ReactionKind, ReactionsQuery } from '../../../contract/threads.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { decodeCursor, toPage } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { conflict, invalidField, notFound } from '../../platform/http/problem.js';
import { recordParticipation } from '../activity/repository.js';
import { presentSummary } from '../people/present.js';
import { loadLiveThread, loadReadableThread } from './policy.js';
import * as reactions from './reaction-repository.js';
import { findReply } from './reply-repository.js';
import { fitsBigint } from './repository.js';

/** PUT adds, DELETE takes back; both are idempotent. */
export async function reactToThread(
  deps: Deps,
  viewer: Viewer,
  threadId: string,
  kind: ReactionKind,
  on: boolean,
): Promise<void> {
  const db = deps.db.pool;
  const { thread } = await loadLiveThread(db, viewer, threadId);
  if (on) {
    await reactions.addReaction(db, reactions.onThread, threadId, viewer.id, kind, deps.clock.now());
    await recordParticipation(db, viewer.id, thread.community_id, deps.clock.now(), 'react');
  } else await reactions.removeReaction(db, reactions.onThread, threadId, viewer.id, kind);
}

export async function reactToReply(
  deps: Deps,
  viewer: Viewer,
  replyId: string,
  kind: ReactionKind,
  on: boolean,
): Promise<void> {
  const db = deps.db.pool;
  const reply = await findReply(db, replyId);
  if (!reply) throw notFound('reply');
  const { thread } = await loadLiveThread(db, viewer, reply.thread_id, 'reply');
  if (reply.deleted_at) throw conflict('This reply was removed.');
  if (on) {
    await reactions.addReaction(db, reactions.onReply, replyId, viewer.id, kind, deps.clock.now());
    await recordParticipation(db, viewer.id, thread.community_id, deps.clock.now(), 'react');
  } else await reactions.removeReaction(db, reactions.onReply, replyId, viewer.id, kind);
}

/** Who reacted, optionally to one kind; keyset on (person, kind). */
export async function listReactors(
  deps: Deps,
  viewer: Viewer,
  threadId: string,
  query: z.infer<typeof ReactionsQuery>,
) {
  const db = deps.db.pool;
  await loadReadableThread(db, viewer, threadId);
  const after = decodeCursor(query.cursor, ['string', 'string'] as const);
  if (after && !fitsBigint(after[0])) throw invalidField('cursor', 'is not a cursor this list gave out');
  const rows = await reactions.listThreadReactors(
    db,
    threadId,
    query.kind ?? null,
    after ? { personId: after[0], kind: after[1] } : null,
    query.limit + 1,
  );
  return toPage(
    rows,
    query.limit,
    (row) => ({
      kind: row.kind as ReactionKind,
      person: presentSummary(row),
      reactedAt: row.reacted_at.toISOString(),
    }),
    (row) => [row.id, row.kind],
  );
}
