import type { z } from 'zod';
import type { EditHistory, EditHistoryQuery } from '../../../contract/edit-history.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { badCursor, decodeCursor, isBigintText, toPage } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { forbidden, notFound } from '../../platform/http/problem.js';
import { presentSummary } from '../people/present.js';
import { loadSettings } from '../settings/service.js';
import { loadReadableThread, mayReadAllHistory, mayReveal, type ThreadContext } from '../threads/policy.js';
import { findReply } from '../threads/reply-repository.js';
import { type VersionRow, versionsOf } from './repository.js';

type Query = z.infer<typeof EditHistoryQuery>;
type Post = { author_id: string; deleted_at: Date | null; moderation_state: string | null };

/** A removed post's text is shown to nobody, its history neither; hidden and held ones to author and moderators. */
const shown = (viewer: Viewer, context: ThreadContext, post: Post) =>
  post.deleted_at === null ||
  ((post.moderation_state === 'hidden' || post.moderation_state === 'held') &&
    mayReveal(viewer, context, post.author_id));

/**
 * Who reads a post's earlier versions: whoever may read the post itself and is its author, one of its moderators
 * (owners, admins, community managers, compliance officers) or, where the organisation allows it, any reader.
 */
async function requireHistory(deps: Deps, viewer: Viewer, context: ThreadContext, post: Post, what: string) {
  if (!shown(viewer, context, post) || (post !== context.thread && !shown(viewer, context, context.thread))) {
    throw forbidden(`This ${what} was removed: neither its text nor its earlier versions are shown.`);
  }
  if (post.author_id === viewer.id) return;
  const { editHistoryForReaders } = await loadSettings(deps.db.pool);
  if (!mayReadAllHistory(viewer, context, editHistoryForReaders)) {
    throw forbidden(`Only its author and moderators see the earlier versions of this ${what}.`);
  }
}

const presentVersion = (reply: boolean) => (row: VersionRow) => ({
  id: row.id,
  title: reply ? null : row.title,
  bodyMarkdown: row.body_md,
  writtenAt: row.written_at.toISOString(),
  replacedAt: row.replaced_at.toISOString(),
  replacedBy: presentSummary(row.replaced_by),
});

async function page(deps: Deps, post: { threadId: string; replyId: string | null }, query: Query) {
  const [before] = decodeCursor(query.cursor, ['string'] as const) ?? [null];
  if (before !== null && !isBigintText(before)) throw badCursor();
  const rows = await versionsOf(deps.db.pool, post, before, query.limit + 1);
  return toPage(rows, query.limit, presentVersion(post.replyId !== null), (row) => [row.id]);
}

export async function threadHistory(
  deps: Deps,
  viewer: Viewer,
  id: string,
  query: Query,
): Promise<EditHistory> {
  const context = await loadReadableThread(deps.db.pool, viewer, id);
  await requireHistory(deps, viewer, context, context.thread, 'thread');
  return page(deps, { threadId: id, replyId: null }, query);
}

export async function replyHistory(
  deps: Deps,
  viewer: Viewer,
  id: string,
  query: Query,
): Promise<EditHistory> {
  const reply = await findReply(deps.db.pool, id);
  if (!reply) throw notFound('reply');
  const context = await loadReadableThread(deps.db.pool, viewer, reply.thread_id, 'reply');
  await requireHistory(deps, viewer, context, reply, 'reply');
  return page(deps, { threadId: reply.thread_id, replyId: id }, query);
}
