import type { z } from 'zod';
import type { LIMITS as ContractLimits } from '../../../contract/common.js';
import type { CommunityKind, Visibility } from '../../../contract/communities.js';
import type { ReportReason } from '../../../contract/moderation.js';
import type { SearchType } from '../../../contract/search.js';
import type { SsoRefusal } from '../../../contract/sso.js';
import type { ReactionKind, ThreadKind } from '../../../contract/threads.js';

/**
 * The contract's enumerations and limits, for the browser without shipping zod (the contract builds its schemas
 * at load time). The types pin each list to the contract; contract-values.test.ts compares the values too.
 */
type Exactly<T extends string, List extends readonly T[]> = [T] extends [List[number]] ? List : never;
const list =
  <T extends string>() =>
  <const List extends readonly T[]>(values: Exactly<T, List>) =>
    values;

export const THREAD_KINDS = list<ThreadKind>()([
  'discussion',
  'question',
  'announcement',
  'idea',
  'update',
  'article',
  'praise',
  'poll',
  'event',
  'ama',
]);
export const UNTITLED_KINDS: readonly ThreadKind[] = ['update', 'praise'];
export const REACTION_KINDS = list<ReactionKind>()([
  'like',
  'love',
  'celebrate',
  'insightful',
  'thanks',
  'laugh',
]);
export const VISIBILITIES = list<z.infer<typeof Visibility>>()(['open', 'closed', 'secret']);
export const COMMUNITY_KINDS = list<z.infer<typeof CommunityKind>>()(['general', 'specialist']);

export const LIMITS = {
  titleLength: 200,
  bodyLength: 50_000,
} as const satisfies Pick<typeof ContractLimits, 'titleLength' | 'bodyLength'>;

export const SEARCH_TYPES = list<SearchType>()([
  'all',
  'threads',
  'replies',
  'people',
  'communities',
  'files',
]);

export const SSO_REFUSALS = list<SsoRefusal>()([
  'sso_unavailable',
  'sso_denied',
  'sso_expired',
  'sso_failed',
  'email_missing',
  'email_unverified',
  'domain_not_allowed',
  'link_not_allowed',
  'not_provisioned',
  'deactivated',
]);

export const REPORT_REASONS = list<ReportReason>()([
  'spam',
  'harassment',
  'hate',
  'misinformation',
  'privacy',
  'off_topic',
  'other',
]);

/** An uploaded file's address, exactly as the contract's attachmentUrl writes it (the id is the first group). */
export const ATTACHMENT_URL =
  /^\/api\/v1\/attachments\/([1-9][0-9]{0,17})\/content(?:\?size=(?:web|thumb))?$/;
