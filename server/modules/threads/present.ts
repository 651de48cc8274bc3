import {
  type ReactionCount,
  ReactionKind,
  type Reply,
  type ThreadDetail,
  type ThreadSummary,
} from '../../../contract/threads.js';
import { presentSummary as presentPerson } from '../people/present.js';
import type { SummaryRow } from '../people/repository.js';
import { excerptOf } from './content.js';
import type { ReplyRow } from './reply-repository.js';
import type { ReactionCountRow, ThreadSummaryRow } from './repository.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const kindOrder = (kind: string) => ReactionKind.options.indexOf(kind as ReactionKind);

/** Reaction count rows → per target, in the canonical order of reaction kinds. */
export function groupReactions(rows: ReactionCountRow[]): Map<string, ReactionCount[]> {
  const byTarget = new Map<string, ReactionCount[]>();
  for (const row of rows) {
    const list = byTarget.get(row.target_id) ?? [];
    list.push({ kind: row.kind as ReactionKind, count: row.count, reactedByMe: row.reacted_by_me });
    byTarget.set(row.target_id, list);
  }
  for (const list of byTarget.values()) list.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind));
  return byTarget;
}

/** What a summary needs beyond its row, loaded once per page (summaries.ts). */
export type SummaryExtras = { reactions: ReactionCount[]; votedByMe: boolean; praised: SummaryRow[] };

const seconds = (from: Date, to: Date | null) =>
  to ? Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000)) : null;

function answerStateOf(row: ThreadSummaryRow): ThreadSummary['answerState'] {
  if (row.kind !== 'question') return null;
  if (row.accepted_reply_id) return 'accepted';
  return row.first_reply_at ? 'answered' : 'unanswered';
}

export function presentThreadSummary(
  row: ThreadSummaryRow,
  author: SummaryRow,
  extras: SummaryExtras,
): ThreadSummary {
  const removed = row.deleted_at !== null;
  return {
    id: row.id,
    kind: row.kind,
    title: removed ? '' : row.title,
    excerpt: removed ? '' : excerptOf(row.body_html),
    bodyHtml: removed ? '' : row.body_html,
    author: presentPerson(author),
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
    votedByMe: extras.votedByMe,
    praised: removed ? [] : extras.praised.map(presentPerson),
    replyCount: row.reply_count,
    reactionCounts: extras.reactions,
    removed,
    lastActivityAt: row.last_activity_at.toISOString(),
    createdAt: row.created_at.toISOString(),
  };
}

export function presentThreadDetail(
  row: ThreadSummaryRow,
  author: SummaryRow,
  extras: SummaryExtras,
  viewer: {
    followedByMe: boolean;
    canEdit: boolean;
    canDelete: boolean;
    canAccept: boolean;
    canChangeStatus: boolean;
  },
): ThreadDetail {
  const removed = row.deleted_at !== null;
  const question = row.kind === 'question';
  return {
    ...presentThreadSummary(row, author, extras),
    bodyMarkdown: removed ? '' : row.body_md,
    acceptedReplyId: row.accepted_reply_id,
    acceptedAt: iso(row.accepted_at),
    editedAt: iso(row.edited_at),
    firstAnswerAt: question ? iso(row.first_reply_at) : null,
    secondsToFirstAnswer: question ? seconds(row.created_at, row.first_reply_at) : null,
    secondsToAcceptedAnswer: question ? seconds(row.created_at, row.accepted_at) : null,
    ...viewer,
  };
}

export function presentReply(
  row: ReplyRow,
  author: SummaryRow,
  reactions: ReactionCount[],
  viewer: { accepted: boolean; canEdit: boolean; canDelete: boolean },
): Reply {
  const removed = row.deleted_at !== null;
  return {
    id: row.id,
    threadId: row.thread_id,
    parentId: row.parent_id,
    author: presentPerson(author),
    bodyHtml: removed ? '' : row.body_html,
    bodyMarkdown: removed ? '' : row.body_md,
    reactionCounts: removed ? [] : reactions,
    removed,
    createdAt: row.created_at.toISOString(),
    editedAt: iso(row.edited_at),
    ...viewer,
    canEdit: !removed && viewer.canEdit,
    canDelete: !removed && viewer.canDelete,
  };
}
