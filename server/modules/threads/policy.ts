import type { Viewer } from '../../platform/auth/viewer.js';
import type { Queryable } from '../../platform/db/database.js';
import { conflict, forbidden, notFound } from '../../platform/http/problem.js';
import { accessFor, type CommunityAccess } from '../communities/access.js';
import { type CommunityFacts, findThreadContext, type ThreadRow } from './repository.js';

/** A thread and what the viewer may do in its community (null: a personal update or company-wide post). */
export type ThreadContext = { thread: ThreadRow; community: CommunityAccess | null };

/** The context from a row that carries the thread and the viewer's standing in its community. */
export function contextOf(viewer: Viewer, row: ThreadRow & CommunityFacts): ThreadContext {
  if (!row.community_id) return { thread: row, community: null };
  const community = {
    id: row.community_id,
    slug: row.community_slug!,
    name: row.community_name!,
    visibility: row.community_visibility!,
  };
  return { thread: row, community: accessFor(viewer, community, row.my_role) };
}

/** 404 when there is no thread, or it sits in a secret community the viewer is not in. */
export function requireSeen(context: ThreadContext | null, what = 'thread'): ThreadContext {
  if (!context || (context.community && !context.community.canSee)) throw notFound(what);
  return context;
}

/** As requireSeen, and 403 for a closed community the viewer is not in. */
export function requireRead(context: ThreadContext | null, what = 'thread'): ThreadContext {
  const seen = requireSeen(context, what);
  if (!canRead(seen)) {
    throw forbidden('This thread is in a closed community: only its members can read it. Ask to join.');
  }
  return seen;
}

/** The thread, or 404 when it does not exist or sits in a secret community the viewer is not in. */
export async function loadThread(
  db: Queryable,
  viewer: Viewer,
  id: string,
  what = 'thread',
): Promise<ThreadContext> {
  const row = await findThreadContext(db, id, viewer.id);
  return requireSeen(row && contextOf(viewer, row), what);
}

/** As loadThread, and 403 for a closed community the viewer is not in. */
export async function loadReadableThread(
  db: Queryable,
  viewer: Viewer,
  id: string,
  what = 'thread',
): Promise<ThreadContext> {
  const row = await findThreadContext(db, id, viewer.id);
  return requireRead(row && contextOf(viewer, row), what);
}

/** As loadReadableThread, for changes: a removed thread takes no new replies, reactions or edits. */
export async function loadLiveThread(
  db: Queryable,
  viewer: Viewer,
  id: string,
  what = 'thread',
): Promise<ThreadContext> {
  const context = await loadReadableThread(db, viewer, id, what);
  if (context.thread.deleted_at) throw conflict('This thread was removed.');
  return context;
}

export const canRead = (context: ThreadContext) => !context.community || context.community.canRead;

/**
 * Community owners moderate their community; admins moderate what they can read (an open community, or one they
 * are a member of): they get no view into closed or secret content, so no hand in it either.
 */
export const canModerate = (viewer: Viewer, context: ThreadContext) =>
  canRead(context) && (context.community ? context.community.canManage : viewer.role === 'admin');

/**
 * Who moderates a post (hides, locks, pins, moves, sees what is held): its community's owners, and admins and
 * community managers, always someone who can read it (docs/MODERATION.md).
 */
export const mayModerateContent = (viewer: Viewer, context: ThreadContext) =>
  canRead(context) &&
  (context.community?.role === 'owner' || viewer.role === 'admin' || viewer.role === 'community_manager');

/** Hidden and held posts stay in view of their author and moderators, marked, so they know and may appeal. */
export const mayReveal = (viewer: Viewer, context: ThreadContext, authorId: string) =>
  canRead(context) && (authorId === viewer.id || mayModerateContent(viewer, context));

/**
 * Whose edit history a reader of the thread opens: every post's for its moderators (admins and compliance officers
 * among them, only where they can read) or for everyone where the organisation allows it; else only their own.
 */
export const mayReadAllHistory = (viewer: Viewer, context: ThreadContext, forReaders: boolean) =>
  canRead(context) && (forReaders || mayModerateContent(viewer, context));

/** Edits need the text in view: the author or a moderator who can read it. */
export const canEdit = (viewer: Viewer, context: ThreadContext, authorId: string) =>
  canRead(context) && (authorId === viewer.id || canModerate(viewer, context));

/** Removal too: nobody removes what they cannot read (that goes through a report to the community's owners). */
export const canRemove = (viewer: Viewer, context: ThreadContext, authorId: string) =>
  canRead(context) && (authorId === viewer.id || canModerate(viewer, context));

/**
 * The refusal for removing what one cannot read (a closed community one is not in; a secret one is 404 before
 * this). Reports to the owners come with moderation; until then the answer says where to turn.
 */
export function requireRemovable(viewer: Viewer, context: ThreadContext, authorId: string, what: string) {
  if (!canRead(context)) {
    throw forbidden(
      `You cannot read this ${what}, so you cannot remove it: report it to the community's owners, who can.`,
    );
  }
  if (!canRemove(viewer, context, authorId)) {
    throw forbidden(`Only the author, a community owner or an admin may remove this ${what}.`);
  }
}

/**
 * Who picks a question's answer: the asker, a community owner or admin (as for edits), or a community manager
 * (the organisation's moderators) — always someone who can read it.
 */
export const mayChooseAnswer = (viewer: Viewer, context: ThreadContext) =>
  canEdit(viewer, context, context.thread.author_id) ||
  (canRead(context) && viewer.role === 'community_manager');

export const canAccept = (viewer: Viewer, context: ThreadContext) =>
  context.thread.kind === 'question' && !context.thread.deleted_at && mayChooseAnswer(viewer, context);

/**
 * Who decides on an idea: the community's owners and sponsor, and leaders (they have the mandate to act on it);
 * always someone who can read it. An idea outside any community is for leaders alone.
 */
export const mayDecideIdea = (viewer: Viewer, context: ThreadContext, sponsorId: string | null) =>
  canRead(context) &&
  (viewer.isLeader || context.community?.role === 'owner' || (sponsorId !== null && sponsorId === viewer.id));

export const canChangeStatus = (viewer: Viewer, context: ThreadContext, sponsorId: string | null) =>
  context.thread.kind === 'idea' && !context.thread.deleted_at && mayDecideIdea(viewer, context, sponsorId);
