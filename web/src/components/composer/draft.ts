import type { ThreadKind } from '../../../../contract/threads.js';
import { LIMITS, UNTITLED_KINDS } from '../../api/contract-values.js';

/** What someone is writing in the composer. */
export type Draft = { kind: ThreadKind; communitySlug: string; title: string; body: string };

export const emptyDraft = (communitySlug = ''): Draft => ({
  kind: 'question',
  communitySlug,
  title: '',
  body: '',
});

/** Updates and praise may go without a title; every other kind needs one. */
export const needsTitle = (kind: ThreadKind): boolean => !UNTITLED_KINDS.includes(kind);

/** A reason a draft cannot be posted yet, as a catalogue key and its values. */
export type Problem =
  | { key: 'composer.titleRequired' }
  | { key: 'composer.bodyRequired' }
  | { key: 'composer.tooLong'; max: number };

/** What is wrong with the draft, per field; empty when it may be posted. Limits are the contract's. */
export function draftProblems(draft: Draft): Partial<Record<'title' | 'body', Problem>> {
  const found: Partial<Record<'title' | 'body', Problem>> = {};
  if (needsTitle(draft.kind) && !draft.title.trim()) found.title = { key: 'composer.titleRequired' };
  if (draft.title.length > LIMITS.titleLength)
    found.title = { key: 'composer.tooLong', max: LIMITS.titleLength };
  if (!draft.body.trim()) found.body = { key: 'composer.bodyRequired' };
  if (draft.body.length > LIMITS.bodyLength) found.body = { key: 'composer.tooLong', max: LIMITS.bodyLength };
  return found;
}

/** What is sent: trimmed, and no community (company-wide) when none is chosen. */
export const draftPayload = (draft: Draft) => ({
  communitySlug: draft.communitySlug || null,
  kind: draft.kind,
  title: draft.title.trim(),
  body: draft.body.trim(),
});

/**
 * The draft once the post is done: a post that went through empties the title and body (kind and community stay,
 * for the next one); a failed post keeps every word typed.
 */
export const draftAfterPost = (draft: Draft, outcome: 'posted' | 'failed'): Draft =>
  outcome === 'posted' ? { ...draft, title: '', body: '' } : draft;
