import { attachmentUrl } from '../../../contract/attachments.js';
import type { CommunityHit, FileHit, PersonHit, ReplyHit, ThreadHit } from '../../../contract/search.js';
import type { ThreadKind, ThreadSummary } from '../../../contract/threads.js';
import { presentSummary } from '../people/present.js';
import type { SummaryRow } from '../people/repository.js';
import type { FileHitRow } from './files-repository.js';
import type { CommunityHitRow, PersonHitRow } from './names-repository.js';
import type { ReplyHitRow, ThreadHitRow } from './repository.js';
import { toSegments } from './segments.js';

export const communityRef = (row: {
  community_slug: string | null;
  community_name: string | null;
  community_visibility: 'open' | 'closed' | 'secret' | null;
}) =>
  row.community_slug && row.community_name && row.community_visibility
    ? { slug: row.community_slug, name: row.community_name, visibility: row.community_visibility }
    : null;

export const presentThreadHit = (row: ThreadHitRow, author: SummaryRow, score: number): ThreadHit => ({
  type: 'thread',
  id: row.id,
  kind: row.kind as ThreadKind,
  status: row.status as ThreadSummary['status'],
  title: toSegments(row.title_headline),
  snippet: toSegments(row.body_headline),
  author: presentSummary(author),
  community: communityRef(row),
  answered: row.answered,
  replyCount: row.reply_count,
  reactionCount: row.reactions,
  createdAt: row.created_at.toISOString(),
  score,
});

export const presentReplyHit = (row: ReplyHitRow, author: SummaryRow, score: number): ReplyHit => ({
  type: 'reply',
  id: row.id,
  thread: { id: row.thread_id, title: row.thread_title, kind: row.thread_kind as ThreadKind },
  snippet: toSegments(row.body_headline),
  author: presentSummary(author),
  community: communityRef(row),
  accepted: row.accepted,
  reactionCount: row.reactions,
  createdAt: row.created_at.toISOString(),
  score,
});

export const presentPersonHit = (row: PersonHitRow): PersonHit => ({
  type: 'person',
  person: presentSummary(row),
  skills: row.skills,
  score: row.score,
});

export const presentCommunityHit = (row: CommunityHitRow): CommunityHit => ({
  type: 'community',
  slug: row.slug,
  name: row.name,
  description: row.description,
  visibility: row.visibility,
  kind: row.kind,
  memberCount: row.member_count,
  score: row.score,
});

export const presentFileHit = (row: FileHitRow, owner: SummaryRow): FileHit => ({
  type: 'file',
  id: row.id,
  name: row.name,
  contentType: row.content_type,
  size: Number(row.size_bytes),
  isImage: row.is_image,
  url: attachmentUrl(row.id),
  thumbnailUrl: row.is_image && row.has_variants ? attachmentUrl(row.id, 'thumb') : null,
  thread: { id: row.thread_id, title: row.thread_title, kind: row.thread_kind as ThreadKind },
  replyId: row.reply_id,
  author: presentSummary(owner),
  community: communityRef(row),
  createdAt: row.created_at.toISOString(),
  // Files are listed newest first, not ranked: a name either holds the words or it does not.
  score: 1,
});
