import type { z } from 'zod';
import type { ActionReason, MoveThread, PinScope } from '../../../contract/moderation.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { conflict, forbidden } from '../../platform/http/problem.js';
import { writeAudit } from '../audit/repository.js';
import { requireReadable } from '../communities/access.js';
import { loadReadableThread, mayModerateContent, type ThreadContext } from '../threads/policy.js';
import { threadSummaries } from '../threads/summaries.js';
import { noticeModeration } from './notices.js';
import { isOrganisationModerator } from './policy.js';
import { insertAction, moveThread, pin, pinnedIds, setLocked, unpin } from './repository.js';

type Reason = z.infer<typeof ActionReason>;

/** A moderator's thread, live: 403 for those who may read but not moderate it (404/403 as reading decides). */
async function moderatedThread(db: Queryable, viewer: Viewer, id: string): Promise<ThreadContext> {
  const context = await loadReadableThread(db, viewer, id);
  if (!mayModerateContent(viewer, context)) {
    throw forbidden("Only this community's owners, community managers and admins moderate this thread.");
  }
  if (context.thread.deleted_at) throw conflict('This thread is not shown: bring it back first.');
  return context;
}

/** Records a thread action, audits it and tells the author why. */
async function record(
  tx: Queryable,
  deps: Deps,
  viewer: Viewer,
  context: ThreadContext,
  action: string,
  reason: Reason,
  change: { before: unknown; after: unknown },
  now: Date,
) {
  const { thread } = context;
  const actionId = await insertAction(
    tx,
    {
      action,
      targetType: 'thread',
      threadId: thread.id,
      replyId: null,
      personId: thread.author_id,
      communityId: thread.community_id,
      actorId: viewer.id,
      reason: reason.reason,
      note: reason.note,
    },
    now,
  );
  await writeAudit(tx, {
    actorId: viewer.id,
    action: `moderation.${action}`,
    targetType: 'thread',
    targetId: thread.id,
    before: change.before,
    after: { ...(change.after as object), action: actionId, reason: reason.reason, note: reason.note },
  });
  const notice = { recipientId: thread.author_id, actorId: viewer.id, actionId, action, ...reason };
  await noticeModeration(
    tx,
    deps.bus,
    { ...notice, targetType: 'thread', threadId: thread.id, replyId: null, title: thread.title },
    now,
  );
}

/** Locking stops new replies (409 for anyone who tries); unlocking lets them in again. */
export async function setThreadLock(deps: Deps, viewer: Viewer, id: string, locked: boolean, reason: Reason) {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const context = await moderatedThread(tx, viewer, id);
    if ((context.thread.locked_at !== null) === locked) return;
    await setLocked(tx, id, locked ? now : null);
    const change = { before: { locked: !locked }, after: { locked } };
    await record(tx, deps, viewer, context, locked ? 'lock' : 'unlock', reason, change, now);
  });
}

/**
 * Pins a thread atop its community (its moderators) or on everyone's home page (the organisation's moderators:
 * an announcement); a pin on home shows only to those who may read the thread.
 */
export async function setThreadPin(
  deps: Deps,
  viewer: Viewer,
  id: string,
  scope: z.infer<typeof PinScope>,
  pinned: boolean,
) {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const context = await moderatedThread(tx, viewer, id);
    if (scope === 'home' && !isOrganisationModerator(viewer)) {
      throw forbidden('Only community managers and admins pin on the home page.');
    }
    if (scope === 'community' && !context.thread.community_id) {
      throw conflict('This thread is in no community: pin it on the home page instead.');
    }
    const changed = pinned ? await pin(tx, id, scope, viewer.id, now) : await unpin(tx, id, scope);
    if (!changed) return;
    const change = { before: { pinned: !pinned, scope }, after: { pinned, scope } };
    await record(
      tx,
      deps,
      viewer,
      context,
      pinned ? 'pin' : 'unpin',
      { reason: 'other', note: '' },
      change,
      now,
    );
  });
}

/**
 * Moves a thread to another community the mover can read and post in. Moving must not widen who reads it: out of
 * a closed or secret community only its owners move threads (they decide who their content is shared with);
 * out of an open one anyone moderating it may, since every colleague could read it already.
 */
export async function moveThreadTo(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: z.infer<typeof MoveThread>,
) {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const context = await moderatedThread(tx, viewer, id);
    const source = context.community;
    if (!source) throw conflict('Only threads in a community can move.');
    const target = await requireReadable(tx, viewer, { slug: input.communitySlug });
    if (target.id === source.id) throw conflict('The thread is in that community already.');
    if (source.visibility !== 'open' && source.role !== 'owner') {
      throw forbidden(
        `Only the owners of ${source.name} may move its threads elsewhere: the move could show them to people who may not read them now.`,
      );
    }
    await moveThread(tx, id, target.id);
    const change = { before: { community: source.slug }, after: { community: target.slug } };
    await record(tx, deps, viewer, context, 'move', input, change, now);
  });
}

/** A community's pinned threads, for those who may read it. */
export async function communityPins(deps: Deps, viewer: Viewer, slug: string) {
  const community = await requireReadable(deps.db.pool, viewer, { slug });
  const ids = await pinnedIds(deps.db.pool, 'community', community.id, viewer.id);
  return { items: await threadSummaries(deps.db.pool, ids, viewer.id), nextCursor: null };
}

/** The home page's announcements: pinned threads the viewer may read. */
export async function homePins(deps: Deps, viewer: Viewer) {
  const ids = await pinnedIds(deps.db.pool, 'home', null, viewer.id);
  return { items: await threadSummaries(deps.db.pool, ids, viewer.id), nextCursor: null };
}
