import { AMA_LIMITS, type Ama, type AmaAnswerInput, type AmaInput } from '../../../contract/amas.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { conflict, forbidden, invalidField, notFound } from '../../platform/http/problem.js';
import { renderMarkdown } from '../../platform/markdown/render.js';
import { recordParticipation } from '../activity/repository.js';
import { followThread } from '../follows/repository.js';
import { presentSummary } from '../people/present.js';
import { loadLiveThread, loadReadableThread, type ThreadContext } from '../threads/policy.js';
import * as amas from './repository.js';

const DAY_MS = 86_400_000;

/** Like a strategic theme, an AMA is opened by someone with a mandate to answer: a leader (or an admin). */
export function requireMayHostAma(viewer: Viewer): void {
  if (!viewer.isLeader && viewer.role !== 'admin') throw forbidden('Only leaders may open an AMA.');
}

/** Called by the thread's create, in its transaction. */
export async function createAma(db: Queryable, threadId: string, input: AmaInput, now: Date): Promise<void> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw invalidField('ama.endsAt', 'must be after startsAt');
  if (endsAt <= now) throw invalidField('ama.endsAt', 'must be in the future');
  if (endsAt.getTime() - Math.max(startsAt.getTime(), now.getTime()) > AMA_LIMITS.maxDays * DAY_MS) {
    throw invalidField('ama.endsAt', `must be at most ${AMA_LIMITS.maxDays} days away from startsAt`);
  }
  await amas.insertAma(db, threadId, startsAt, endsAt);
}

type State = Ama['state'];
const stateOf = (ama: amas.AmaRow, now: Date): State =>
  now < ama.starts_at ? 'collecting' : now < ama.ends_at ? 'live' : 'ended';

async function loadAma(db: Queryable, context: ThreadContext) {
  if (context.thread.kind !== 'ama') throw notFound('AMA');
  const ama = await amas.findAma(db, context.thread.id);
  if (!ama) throw notFound('AMA');
  return ama;
}

/** The AMA of a thread the viewer may read, questions in answering order, unanswered ones marked as such. */
export async function getAma(deps: Deps, viewer: Viewer, threadId: string): Promise<Ama> {
  const db = deps.db.pool;
  const context = await loadReadableThread(db, viewer, threadId, 'AMA');
  const ama = await loadAma(db, context);
  const state = stateOf(ama, deps.clock.now());
  const live = !context.thread.deleted_at;
  const questions = await amas.listQuestions(db, threadId, viewer.id);
  return {
    threadId,
    startsAt: ama.starts_at.toISOString(),
    endsAt: ama.ends_at.toISOString(),
    state,
    host: presentSummary(ama.host),
    canAsk: live && state !== 'ended',
    canAnswer: live && state === 'live' && ama.host.id === viewer.id,
    questions: questions.map((q) => ({
      id: q.id,
      author: presentSummary(q.author),
      body: q.body,
      votes: q.vote_count,
      votedByMe: q.voted_by_me,
      answered: q.answered_at !== null,
      answerHtml: q.answer_html,
      answeredAt: q.answered_at?.toISOString() ?? null,
      createdAt: q.created_at.toISOString(),
    })),
  };
}

/** Questions come in while it collects and while it is live; not after it ended. */
export async function askQuestion(deps: Deps, viewer: Viewer, threadId: string, body: string): Promise<Ama> {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const context = await loadLiveThread(tx, viewer, threadId, 'AMA');
    const ama = await loadAma(tx, context);
    if (stateOf(ama, now) === 'ended') throw conflict('This AMA has ended: it takes no more questions.');
    await amas.lockAma(tx, threadId);
    if ((await amas.countQuestions(tx, threadId)) >= AMA_LIMITS.maxQuestions) {
      throw conflict(
        `This AMA has its maximum of ${AMA_LIMITS.maxQuestions} questions: vote for one instead.`,
      );
    }
    await amas.insertQuestion(tx, { threadId, authorId: viewer.id, body }, now);
    // Asking is joining in: the asker follows the thread, so the answer reaches them live.
    await followThread(tx, threadId, viewer.id, now);
    await recordParticipation(tx, viewer.id, context.thread.community_id, now, 'reply');
    await recordChange(deps, tx, viewer, context);
  });
  return getAma(deps, viewer, threadId);
}

/** A question's thread, as the viewer may change it (the thread's rules; 404 for one they cannot see). */
async function questionContext(db: Queryable, viewer: Viewer, questionId: string) {
  const question = await amas.findQuestion(db, questionId);
  if (!question) throw notFound('question');
  const context = await loadLiveThread(db, viewer, question.thread_id, 'question');
  const ama = await loadAma(db, context);
  return { question, context, ama };
}

/** PUT votes for a question, DELETE takes the vote back; both idempotent, until the AMA ends. */
export async function voteForQuestion(deps: Deps, viewer: Viewer, questionId: string, on: boolean) {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const { context, ama } = await questionContext(tx, viewer, questionId);
    if (stateOf(ama, now) === 'ended') throw conflict('This AMA has ended: its votes are final.');
    await amas.setVote(tx, questionId, viewer.id, on, now);
    await recordChange(deps, tx, viewer, context);
  });
}

/** Only the host answers, and only while the AMA is live; answering again replaces the answer. */
export async function answerQuestion(deps: Deps, viewer: Viewer, questionId: string, input: AmaAnswerInput) {
  const now = deps.clock.now();
  const threadId = await inTransaction(deps.db.pool, async (tx) => {
    const { context, ama } = await questionContext(tx, viewer, questionId);
    if (context.thread.author_id !== viewer.id)
      throw forbidden('Only the host of this AMA answers its questions.');
    const state = stateOf(ama, now);
    if (state === 'collecting') {
      throw conflict(`This AMA is not live yet: answers start at ${ama.starts_at.toISOString()}.`);
    }
    if (state === 'ended') throw conflict('This AMA has ended: its answers are final.');
    const html = renderMarkdown(input.body).html;
    await amas.answerQuestion(tx, questionId, { md: input.body, html, by: viewer.id }, now);
    await recordChange(deps, tx, viewer, context);
    return context.thread.id;
  });
  return getAma(deps, viewer, threadId);
}

// Delivered like a reply: to the thread's followers who may read it.
const recordChange = (deps: Deps, tx: Queryable, viewer: Viewer, context: ThreadContext) =>
  deps.bus.record(tx, {
    actorId: viewer.id,
    type: 'ama',
    threadId: context.thread.id,
    communityId: context.thread.community_id,
  });
