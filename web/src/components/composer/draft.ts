import type { ThreadKind } from '../../../../contract/threads.js';
import { LIMITS, UNTITLED_KINDS } from '../../api/contract-values.js';
import { MAX_PRAISED } from '../../api/ideas.js';
import { POLL_LIMITS } from '../../api/polls.js';

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
  /** A poll's options, choice and closing time ('' for none; a datetime-local value in the writer's zone). */
  poll: { options: string[]; multiple: boolean; anonymous: boolean; closesAt: string };
  /** An event's times (datetime-local values in the writer's zone, which is sent along), place or link. */
  event: { startsAt: string; endsAt: string; place: string; onlineUrl: string };
  /** An AMA's period, as datetime-local values in the writer's zone. */
  ama: { startsAt: string; endsAt: string };
};

const emptyPoll = () => ({ options: ['', ''], multiple: false, anonymous: false, closesAt: '' });
const emptyAma = () => ({ startsAt: '', endsAt: '' });
const emptyEvent = () => ({ startsAt: '', endsAt: '', place: '', onlineUrl: '' });

/** The writer's own time zone, which an event is planned in. */
const ownZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export const emptyDraft = (communitySlug = ''): Draft => ({
  kind: 'question',
  communitySlug,
  title: '',
  body: '',
  praised: [],
  themeId: '',
  goalId: '',
  poll: emptyPoll(),
  event: emptyEvent(),
  ama: emptyAma(),
});

/** Updates and praise may go without a title; every other kind needs one. */
export const needsTitle = (kind: ThreadKind): boolean => !UNTITLED_KINDS.includes(kind);

/** A reason a draft cannot be posted yet, as a catalogue key and its values. */
export type Problem =
  | { key: 'composer.titleRequired' }
  | { key: 'composer.bodyRequired' }
  | { key: 'composer.tooLong'; max: number }
  | { key: 'praise.recipientsRequired' }
  | { key: 'praise.tooMany'; max: number }
  | { key: 'polls.optionsRequired'; min: number }
  | { key: 'polls.tooManyOptions'; max: number }
  | { key: 'amas.periodRequired' }
  | { key: 'events.timesRequired' }
  | { key: 'events.placeRequired' };

type Checked = 'title' | 'body' | 'praised' | 'poll' | 'event' | 'ama';

const filledOptions = (draft: Draft) => draft.poll.options.map((option) => option.trim()).filter(Boolean);

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
  if (draft.kind === 'poll' && filledOptions(draft).length < POLL_LIMITS.minOptions)
    found.poll = { key: 'polls.optionsRequired', min: POLL_LIMITS.minOptions };
  if (draft.kind === 'poll' && filledOptions(draft).length > POLL_LIMITS.maxOptions)
    found.poll = { key: 'polls.tooManyOptions', max: POLL_LIMITS.maxOptions };
  if (draft.kind === 'ama' && (!draft.ama.startsAt || !draft.ama.endsAt))
    found.ama = { key: 'amas.periodRequired' };
  if (draft.kind === 'event' && !draft.event.place.trim() && !draft.event.onlineUrl.trim())
    found.event = { key: 'events.placeRequired' };
  if (draft.kind === 'event' && (!draft.event.startsAt || !draft.event.endsAt))
    found.event = { key: 'events.timesRequired' };
  return found;
}

/** A datetime-local value (the writer's own zone) as an instant in UTC. */
const instant = (local: string) => new Date(local).toISOString();

/** What is sent: trimmed, no community (company-wide) when none is chosen, links and praise only when given. */
export const draftPayload = (draft: Draft) => ({
  communitySlug: draft.communitySlug || null,
  kind: draft.kind,
  title: draft.title.trim(),
  body: draft.body.trim(),
  ...(draft.kind === 'praise' ? { praised: draft.praised } : {}),
  ...(draft.themeId ? { themeId: draft.themeId } : {}),
  ...(draft.goalId ? { goalId: draft.goalId } : {}),
  ...(draft.kind === 'poll'
    ? {
        poll: {
          options: filledOptions(draft),
          multiple: draft.poll.multiple,
          anonymous: draft.poll.anonymous,
          closesAt: draft.poll.closesAt ? instant(draft.poll.closesAt) : null,
        },
      }
    : {}),
  ...(draft.kind === 'event'
    ? {
        event: {
          startsAt: instant(draft.event.startsAt),
          endsAt: instant(draft.event.endsAt),
          timeZone: ownZone(),
          place: draft.event.place.trim(),
          onlineUrl: draft.event.onlineUrl.trim() || null,
        },
      }
    : {}),
  ...(draft.kind === 'ama'
    ? { ama: { startsAt: instant(draft.ama.startsAt), endsAt: instant(draft.ama.endsAt) } }
    : {}),
});

/**
 * The draft once the post is done: a post that went through empties what was written, the people praised and the
 * links (kind and community stay, for the next one); a failed post keeps everything.
 */
export const draftAfterPost = (draft: Draft, outcome: 'posted' | 'failed'): Draft =>
  outcome === 'posted'
    ? {
        ...draft,
        title: '',
        body: '',
        praised: [],
        themeId: '',
        goalId: '',
        poll: emptyPoll(),
        ama: emptyAma(),
      }
    : draft;
