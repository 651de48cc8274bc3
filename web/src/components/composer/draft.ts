import type { ThreadKind } from '../../../../contract/threads.js';
import { LIMITS, UNTITLED_KINDS } from '../../api/contract-values.js';
import { MAX_PRAISED } from '../../api/ideas.js';

/** What someone is writing in the composer. */
export type Draft = {
  kind: ThreadKind;
  communitySlug: string;
  title: string;
  body: string;
  /** Handles of the people a praise post recognises. */
  praised: string[];
  /** An open theme or a goal to link the thread to; '' for none. */
  themeId: string;
  goalId: string;
};

export const emptyDraft = (communitySlug = ''): Draft => ({
  kind: 'question',
  communitySlug,
  title: '',
  body: '',
  praised: [],
  themeId: '',
  goalId: '',
});

/** Updates and praise may go without a title; every other kind needs one. */
export const needsTitle = (kind: ThreadKind): boolean => !UNTITLED_KINDS.includes(kind);

/** A reason a draft cannot be posted yet, as a catalogue key and its values. */
export type Problem =
  | { key: 'composer.titleRequired' }
  | { key: 'composer.bodyRequired' }
  | { key: 'composer.tooLong'; max: number }
  | { key: 'praise.recipientsRequired' }
  | { key: 'praise.tooMany'; max: number };

type Checked = 'title' | 'body' | 'praised';

/** What is wrong with the draft, per field; empty when it may be posted. Limits are the contract's. */
export function draftProblems(draft: Draft): Partial<Record<Checked, Problem>> {
  const found: Partial<Record<Checked, Problem>> = {};
  if (needsTitle(draft.kind) && !draft.title.trim()) found.title = { key: 'composer.titleRequired' };
  if (draft.title.length > LIMITS.titleLength)
    found.title = { key: 'composer.tooLong', max: LIMITS.titleLength };
  if (!draft.body.trim()) found.body = { key: 'composer.bodyRequired' };
  if (draft.body.length > LIMITS.bodyLength) found.body = { key: 'composer.tooLong', max: LIMITS.bodyLength };
  if (draft.kind === 'praise' && draft.praised.length === 0)
    found.praised = { key: 'praise.recipientsRequired' };
  if (draft.kind === 'praise' && draft.praised.length > MAX_PRAISED)
    found.praised = { key: 'praise.tooMany', max: MAX_PRAISED };
  return found;
}

/** What is sent: trimmed, no community (company-wide) when none is chosen, links and praise only when given. */
export const draftPayload = (draft: Draft) => ({
  communitySlug: draft.communitySlug || null,
  kind: draft.kind,
  title: draft.title.trim(),
  body: draft.body.trim(),
  ...(draft.kind === 'praise' ? { praised: draft.praised } : {}),
  ...(draft.themeId ? { themeId: draft.themeId } : {}),
  ...(draft.goalId ? { goalId: draft.goalId } : {}),
});

/**
 * The draft once the post is done: a post that went through empties what was written, the people praised and the
 * links (kind and community stay, for the next one); a failed post keeps everything.
 */
export const draftAfterPost = (draft: Draft, outcome: 'posted' | 'failed'): Draft =>
  outcome === 'posted' ? { ...draft, title: '', body: '', praised: [], themeId: '', goalId: '' } : draft;
