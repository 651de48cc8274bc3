import { type CreateThread, UNTITLED_KINDS, type UpdateThread } from '../../../contract/threads.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { forbidden, invalidField, notFound } from '../../platform/http/problem.js';
import { createAma, requireMayHostAma } from '../amas/service.js';
import { afterPostWritten } from '../attachments/post-content.js';
import { presentAttachment } from '../attachments/present.js';
import { writeAudit } from '../audit/repository.js';
import { createEvent } from '../calendar/service.js';
import { type CommunityAccess, requireReadable } from '../communities/access.js';
import { editThreadText } from '../edit-history/repository.js';
import { linkThreadToGoalByScope } from '../goals/linking.js';
import { presentPreview } from '../link-previews/present.js';
import { holdPost, screenPost } from '../moderation/screen.js';
import { createPoll } from '../polls/service.js';
import { prepareContent } from './content.js';
import { replaceMentions, replaceThreadHashtags } from './content-repository.js';
import { requireLinkableGoal, requireLinkableTheme } from './links.js';
import { firstNotices, type Notice, noticeReaders, notifyReaders } from './notices.js';
import {
  canAccept,
  canChangeStatus,
  canEdit,
  canRemove,
  contextOf,
  loadLiveThread,
  loadThread,
  mayModerateContent,
  mayReadAllHistory,
  mayReveal,
  requireRead,
  requireRemovable,
  type ThreadContext,
} from './policy.js';
import { resolvePraised } from './praise.js';
import { insertPraiseRecipients } from './praise-repository.js';
import { presentThreadDetail } from './present.js';
import { replyPage } from './replies.js';
import * as threads from './repository.js';
import { findThreadDetail, findThreadView, type ThreadDetailRow } from './summaries.js';

const isAdmin = (viewer: Viewer) => viewer.role === 'admin';
const initialStatus = { question: 'open', idea: 'new' } as Partial<Record<CreateThread['kind'], string>>;

export async function createThread(deps: Deps, viewer: Viewer, input: CreateThread) {
  const now = deps.clock.now();
  const id = await inTransaction(deps.db.pool, async (tx) => {
    const community = input.communitySlug
      ? await requireReadable(tx, viewer, { slug: input.communitySlug })
      : null;
    requireMayAnnounce(viewer, input.kind, community);
    if (input.kind === 'ama') requireMayHostAma(viewer);
    const themeId = input.themeId ? await requireLinkableTheme(tx, input.themeId, now) : null;
    const goalId = input.goalId ? await requireLinkableGoal(tx, input.goalId) : null;
    const praised = input.praised
      ? await resolvePraised(tx, viewer, input.praised, community?.id ?? null)
      : [];
    const held = await screenPost(tx, [input.title, input.body]);
    const content = await prepareContent(tx, input.body);
    const notices = firstNotices(
      [
        // Being praised says more than being mentioned in the same post.
        ...praised.map((recipientId): Notice => ({ recipientId, kind: 'praised' })),
        ...content.mentionedIds.map((recipientId): Notice => ({ recipientId, kind: 'mention' })),
      ],
      viewer.id,
    );
    const { thread, readers } = await threads.insertThread(
      tx,
      {
        communityId: community?.id ?? null,
        authorId: viewer.id,
        kind: input.kind,
        title: input.title,
        bodyMd: content.bodyMd,
        bodyHtml: content.bodyHtml,
        // Fixed at creation: who started it is what condition 4 measures, whatever they become later.
        origin: viewer.isLeader ? 'top_down' : 'bottom_up',
        companyWide: input.kind === 'announcement' && !community,
        status: initialStatus[input.kind] ?? null,
        themeId,
        goalId,
        joinCommunity: community !== null && community.role === null,
        mentionedIds: content.mentionedIds,
        candidateReaderIds: [...notices.keys()],
      },
      now,
    );
    await afterPostWritten(tx, deps, viewer, { threadId: thread.id, replyId: null }, input.body, 'new');
    if (praised.length > 0) await insertPraiseRecipients(tx, thread.id, praised);
    if (input.poll) await createPoll(tx, thread.id, input.poll, now);
    if (input.event) await createEvent(tx, thread.id, input.event, now);
    if (input.ama) await createAma(tx, thread.id, input.ama, now);
    if (content.hashtags.length > 0) await replaceThreadHashtags(tx, thread.id, content.hashtags, now, now);
    // Only questions and ideas without a goal of their own take one from their scope.
    if (!goalId && (input.kind === 'question' || input.kind === 'idea')) {
      await linkThreadToGoalByScope(tx, thread.id);
    }
    // A held post tells nobody until a moderator approves it.
    if (held) {
      const post = {
        threadId: thread.id,
        replyId: null,
        authorId: viewer.id,
        communityId: thread.community_id,
      };
      await holdPost(tx, post, held, now);
    }
    const told = held ? new Map<string, Notice>() : notices;
    const event = {
      actorId: viewer.id,
      type: 'thread',
      threadId: thread.id,
      communityId: thread.community_id,
      payload: { kind: thread.kind },
    };
    await notifyReaders(tx, deps.bus, { thread, replyId: null, actorId: viewer.id }, told, readers, now, [
      event,
    ]);
    return thread.id;
  });
  return getThread(deps, viewer, id);
}

/** Announcements speak for the organisation (leaders, admins) or for a community (also its owners). */
function requireMayAnnounce(viewer: Viewer, kind: CreateThread['kind'], community: CommunityAccess | null) {
  if (kind !== 'announcement' || viewer.isLeader || isAdmin(viewer)) return;
  if (!community) throw forbidden('Only leaders and admins may post company-wide announcements.');
  if (community.role !== 'owner') {
    throw forbidden("Only this community's owners, leaders and admins may post announcements in it.");
  }
}

/** The thread page: one statement reads the thread, the viewer's standing and every part shown. */
export async function getThread(deps: Deps, viewer: Viewer, id: string) {
  const row = await findThreadDetail(deps.db.pool, id, viewer.id);
  if (!row) throw notFound('thread');
  return presentDetail(viewer, requireRead(contextOf(viewer, row)), row);
}

function presentDetail(viewer: Viewer, context: ThreadContext, row: ThreadDetailRow) {
  const live = !row.deleted_at;
  return presentThreadDetail(row, {
    followedByMe: row.followed_by_me,
    canEdit: live && canEdit(viewer, context, row.author_id),
    canDelete: live && canRemove(viewer, context, row.author_id),
    canAccept: canAccept(viewer, context),
    canChangeStatus: canChangeStatus(viewer, context, row.sponsor_id),
    canModerate: mayModerateContent(viewer, context),
    editHistory: mayReadAllHistory(viewer, context, row.history_for_readers) ? 'all' : 'own',
    reveal: mayReveal(viewer, context, row.author_id),
  });
}

/**
 * The thread page in one request: the thread as getThread answers it, the first `replyLimit` replies as
 * GET …/replies answers its first page, and the files and link previews of both — from one statement.
 */
export async function getThreadView(deps: Deps, viewer: Viewer, id: string, replyLimit: number) {
  const row = await findThreadView(deps.db.pool, id, viewer.id, replyLimit + 1);
  if (!row) throw notFound('thread');
  const context = requireRead(contextOf(viewer, row));
  const { replies, files, previews, ...thread } = row;
  return {
    ...presentDetail(viewer, context, thread),
    replies: replyPage(viewer, context, replies, true, replyLimit),
    attachments: { files: files.map(presentAttachment), previews: previews.map(presentPreview) },
  };
}

/** Author, community owner or admin; a new body is rendered and parsed again, newly mentioned people hear of it. */
export async function updateThread(deps: Deps, viewer: Viewer, id: string, input: UpdateThread) {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const context = await loadLiveThread(tx, viewer, id);
    const { thread } = context;
    if (!canEdit(viewer, context, thread.author_id)) {
      throw forbidden('Only the author, a community owner or an admin may edit this thread.');
    }
    const title = input.title ?? thread.title;
    if (title.length === 0 && !UNTITLED_KINDS.includes(thread.kind)) {
      throw invalidField('title', `is required for a ${thread.kind}`);
    }
    const held = await screenPost(tx, [title, input.body ?? thread.body_md]);
    if (held && !thread.moderation_state) {
      const post = {
        threadId: id,
        replyId: null,
        authorId: thread.author_id,
        communityId: thread.community_id,
      };
      await holdPost(tx, post, held, now);
    }
    let body = { bodyMd: thread.body_md, bodyHtml: thread.body_html };
    if (input.body !== undefined) {
      const content = await prepareContent(tx, input.body);
      body = { bodyMd: content.bodyMd, bodyHtml: content.bodyHtml };
      const added = await replaceMentions(tx, { threadId: id, replyId: null }, content.mentionedIds, now);
      await replaceThreadHashtags(tx, id, content.hashtags, thread.last_activity_at, now);
      await afterPostWritten(tx, deps, viewer, { threadId: id, replyId: null }, input.body);
      await noticeReaders(
        tx,
        deps.bus,
        { thread: { ...thread, title }, replyId: null, actorId: viewer.id },
        added.map((recipientId) => ({ recipientId, kind: 'mention' })),
        now,
      );
    }
    await editThreadText(tx, id, { title, ...body }, { at: now, by: viewer.id });
  });
  return getThread(deps, viewer, id);
}

/** Soft delete by the author or a moderator; removal by someone else is audited. */
export async function deleteThread(deps: Deps, viewer: Viewer, id: string): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const context = await loadThread(tx, viewer, id);
    const { thread } = context;
    requireRemovable(viewer, context, thread.author_id, 'thread');
    if (thread.deleted_at) return;
    await threads.softDeleteThread(tx, id, viewer.id, now);
    if (thread.author_id !== viewer.id) {
      await writeAudit(tx, {
        actorId: viewer.id,
        action: 'thread.remove',
        targetType: 'thread',
        targetId: id,
        before: { authorId: thread.author_id, communityId: thread.community_id, title: thread.title },
      });
    }
  });
}
