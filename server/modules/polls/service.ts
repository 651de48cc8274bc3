import type { Poll, PollInput, PollVote } from '../../../contract/polls.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { badRequest, conflict, invalidField, notFound } from '../../platform/http/problem.js';
import { recordParticipation } from '../activity/repository.js';
import { loadLiveThread, loadReadableThread, type ThreadContext } from '../threads/policy.js';
import * as polls from './repository.js';

/** Called by the thread's create, in its transaction: the poll is part of the post. */
export async function createPoll(
  db: Queryable,
  threadId: string,
  input: PollInput,
  now: Date,
): Promise<void> {
  const closesAt = input.closesAt ? new Date(input.closesAt) : null;
  if (closesAt && closesAt <= now) throw invalidField('poll.closesAt', 'must be in the future');
  await polls.insertPoll(db, threadId, { ...input, closesAt });
}

function requirePoll(context: ThreadContext) {
  if (context.thread.kind !== 'poll') throw notFound('poll');
}

const isClosed = (poll: polls.PollRow, now: Date) => poll.closes_at !== null && poll.closes_at <= now;

function present(poll: polls.PollRow, now: Date, live: boolean): Poll {
  const closed = isClosed(poll, now);
  return {
    threadId: poll.thread_id,
    multiple: poll.multiple,
    anonymous: poll.anonymous,
    closesAt: poll.closes_at?.toISOString() ?? null,
    closed,
    voterCount: poll.voter_count,
    votedByMe: poll.voted_by_me,
    canVote: live && !closed && !(poll.anonymous && poll.voted_by_me),
    options: poll.options.map((option) => ({
      id: option.id,
      label: option.label,
      votes: option.votes,
      chosenByMe: option.chosen_by_me,
    })),
  };
}

/** The poll of a thread the viewer may read (the thread's rules: 404 in a secret community, 403 in a closed one). */
export async function getPoll(deps: Deps, viewer: Viewer, threadId: string): Promise<Poll> {
  const context = await loadReadableThread(deps.db.pool, viewer, threadId, 'poll');
  requirePoll(context);
  const poll = await polls.findPoll(deps.db.pool, threadId, viewer.id);
  if (!poll) throw notFound('poll');
  return present(poll, deps.clock.now(), !context.thread.deleted_at);
}

/** Loads the poll for a change, locked, refusing a closed one. */
async function openPoll(db: Queryable, viewer: Viewer, threadId: string, now: Date) {
  const context = await loadLiveThread(db, viewer, threadId, 'poll');
  requirePoll(context);
  await polls.lockPoll(db, threadId);
  const poll = await polls.findPoll(db, threadId, viewer.id);
  if (!poll) throw notFound('poll');
  if (isClosed(poll, now)) throw conflict('This poll is closed: it takes no more votes.');
  return { context, poll };
}

/**
 * Votes, or changes the vote (a named poll). An anonymous vote is final: what it chose is not kept, so it cannot be
 * taken back. Everyone following the thread sees the new counts live.
 */
export async function vote(deps: Deps, viewer: Viewer, threadId: string, input: PollVote): Promise<Poll> {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const { context, poll } = await openPoll(tx, viewer, threadId, now);
    const chosen = [...new Set(input.optionIds)];
    if (chosen.length !== input.optionIds.length)
      throw invalidField('optionIds', 'must not name an option twice');
    const known = new Set(poll.options.map((option) => option.id));
    const unknown = chosen.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw invalidField('optionIds', `${unknown.join(', ')} is not an option of this poll`);
    if (!poll.multiple && chosen.length > 1) {
      throw badRequest('This poll takes one choice.', [
        { field: 'optionIds', message: 'must name one option' },
      ]);
    }
    if (poll.voted_by_me) {
      if (poll.anonymous)
        throw conflict('You already voted in this anonymous poll; an anonymous vote is final.');
      await polls.removeChoices(tx, threadId, viewer.id);
    } else {
      await polls.markVoter(tx, threadId, viewer.id, now);
      await recordParticipation(tx, viewer.id, context.thread.community_id, now, 'react');
    }
    await polls.addChoices(tx, threadId, chosen, poll.anonymous ? null : viewer.id);
    await recordChange(deps, tx, viewer, context);
  });
  return getPoll(deps, viewer, threadId);
}

/** Takes back a vote in a named poll (idempotent); an anonymous vote cannot be found to take back. */
export async function withdrawVote(deps: Deps, viewer: Viewer, threadId: string): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const { context, poll } = await openPoll(tx, viewer, threadId, now);
    if (poll.anonymous)
      throw conflict('A vote in an anonymous poll cannot be taken back: nobody knows what it was.');
    if (!poll.voted_by_me) return;
    await polls.removeChoices(tx, threadId, viewer.id);
    await polls.unmarkVoter(tx, threadId, viewer.id);
    await recordChange(deps, tx, viewer, context);
  });
}

// Delivered like a reply: to the thread's followers who may read it (the counts only, never who voted).
const recordChange = (deps: Deps, tx: Queryable, viewer: Viewer, context: ThreadContext) =>
  deps.bus.record(tx, {
    actorId: viewer.id,
    type: 'poll',
    threadId: context.thread.id,
    communityId: context.thread.community_id,
  });
