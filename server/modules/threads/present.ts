import type { EditHistoryAccess } from '../../../contract/edit-history.js';
import {
  type ReactionCount,
  ReactionKind,
  type Reply,
  type ThreadDetail,
  type ThreadSummary,
} from '../../../contract/threads.js';
import { presentPreview } from '../link-previews/present.js';
import type { PreviewRow } from '../link-previews/repository.js';
import { presentSummary as presentPerson } from '../people/present.js';
import type { SummaryRow } from '../people/repository.js';
import { excerptOf } from './content.js';
import type { ReplyView } from './reply-repository.js';
import type { DetailOnly, ReactionTally, ThreadSummaryRow } from './repository.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const kindOrder = (kind: string) => ReactionKind.options.indexOf(kind as ReactionKind);

/** Reaction counts of one thread or reply, in the canonical order of reaction kinds. */
export const reactionCounts = ({ reaction_counts, my_reactions }: ReactionTally): ReactionCount[] =>
  Object.entries(reaction_counts)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => ({
      kind: kind as ReactionKind,
      count,
      reactedByMe: my_reactions?.includes(kind) ?? false,
    }))
    .sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind));

/** A thread summary row with what its statement nested in it (summaries.ts threadSummaryColumns). */
export type ThreadSummaryView = Omit<ThreadSummaryRow, keyof DetailOnly> &
  ReactionTally & {
    author: SummaryRow;
    voted_by_me: boolean;
    praised: SummaryRow[];
    link_preview: PreviewRow | null;
  };

const seconds = (from: Date, to: Date | null) =>
  to ? Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000)) : null;

function answerStateOf(row: ThreadSummaryView): ThreadSummary['answerState'] {
  if (row.kind !== 'question') return null;
  if (row.accepted_reply_id) return 'accepted';
  return row.first_reply_at ? 'answered' : 'unanswered';
}

/** Hidden and held posts are shown, marked, to their author and moderators (`reveal`); removed ones to nobody. */
const revealed = (state: string | null, reveal: boolean) =>
  reveal && (state === 'hidden' || state === 'held');

export function presentThreadSummary(row: ThreadSummaryView, reveal = false): ThreadSummary {
  const removed = row.deleted_at !== null && !revealed(row.moderation_state, reveal);
  return {
    id: row.id,
    kind: row.kind,
    title: removed ? '' : row.title,
    excerpt: removed ? '' : excerptOf(row.body_html),
    bodyHtml: removed ? '' : row.body_html,
    author: presentPerson(row.author),
    community:
      row.community_slug && row.community_name && row.community_visibility
        ? { slug: row.community_slug, name: row.community_name, visibility: row.community_visibility }
        : null,
    companyWide: row.company_wide,
    origin: row.origin,
    status: row.status as ThreadSummary['status'],
    theme: row.theme_id && row.theme_title !== null ? { id: row.theme_id, title: row.theme_title } : null,
    goal: row.goal_id && row.goal_name !== null ? { id: row.goal_id, name: row.goal_name } : null,
    answerState: answerStateOf(row),
    voteCount: row.vote_count,
    votedByMe: row.voted_by_me,
    praised: removed ? [] : [...row.praised].sort((a, b) => a.name.localeCompare(b.name)).map(presentPerson),
    replyCount: row.reply_count,
    reactionCounts: reactionCounts(row),
    linkPreview: !removed && row.link_preview ? presentPreview(row.link_preview) : null,
    removed,
    locked: row.locked_at !== null,
    lastActivityAt: row.last_activity_at.toISOString(),
    createdAt: row.created_at.toISOString(),
  };
}

export function presentThreadDetail(
  row: ThreadSummaryView & DetailOnly,
  viewer: {
    followedByMe: boolean;
    canEdit: boolean;
    canDelete: boolean;
    canAccept: boolean;
    canChangeStatus: boolean;
    canModerate: boolean;
    editHistory: EditHistoryAccess;
    reveal: boolean;
  },
): ThreadDetail {
  const { reveal, ...flags } = viewer;
  const shown = revealed(row.moderation_state, reveal);
  const removed = row.deleted_at !== null && !shown;
  const question = row.kind === 'question';
  return {
    ...presentThreadSummary(row, reveal),
    bodyMarkdown: removed ? '' : row.body_md,
    acceptedReplyId: row.accepted_reply_id,
    acceptedAt: iso(row.accepted_at),
    editedAt: iso(row.edited_at),
    firstAnswerAt: question ? iso(row.first_reply_at) : null,
    secondsToFirstAnswer: question ? seconds(row.created_at, row.first_reply_at) : null,
    secondsToAcceptedAnswer: question ? seconds(row.created_at, row.accepted_at) : null,
    moderation: shown ? row.moderation_state : null,
    ...flags,
  };
}

export function presentReply(
  row: ReplyView,
  viewer: { accepted: boolean; canEdit: boolean; canDelete: boolean; reveal?: boolean },
): Reply {
  const { reveal = false, ...flags } = viewer;
  const shown = row.deleted_at !== null && revealed(row.moderation_state, reveal);
  const removed = row.deleted_at !== null && !shown;
  return {
    id: row.id,
    threadId: row.thread_id,
    parentId: row.parent_id,
    author: presentPerson(row.author),
    bodyHtml: removed ? '' : row.body_html,
    bodyMarkdown: removed ? '' : row.body_md,
    reactionCounts: removed ? [] : reactionCounts(row),
    removed,
    moderation: shown ? row.moderation_state : null,
    createdAt: row.created_at.toISOString(),
    editedAt: iso(row.edited_at),
    ...flags,
    canEdit: !removed && viewer.canEdit,
    canDelete: !removed && viewer.canDelete,
  };
}
