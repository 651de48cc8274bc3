import type { RoutingPreference } from '../../../contract/experts.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { businessMinutesBetween, OFFICE_HOURS } from '../../platform/time/business-hours.js';
import { notify } from '../notifications/notify.js';
import * as routing from './repository.js';

/** Routing rules of docs/SEARCH.md, "Routing". */
export const ROUTING = {
  /** Experts asked per question. */
  expertsPerQuestion: 3,
  /** No one is asked more than this many questions in 24 hours. */
  dailyLimit: 3,
  /** Older questions are left alone: by then someone is better asked in person. */
  maxAgeDays: 14,
  /** Questions looked at per tick; the rest wait for the next minute. */
  perTick: 200,
  /** How long after routing a reply still counts as the routed person's answer. */
  answerWindowDays: 30,
} as const;

const DAY = 86_400_000;

/** Words of a title worth matching against skills: letters and digits, three or more. */
const titleWords = (title: string) =>
  [...new Set(title.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}+#.-]{2,}/gu) ?? [])].slice(0, 30);

/**
 * The routing sweep: each question unanswered for the configured business minutes (office hours in the asker's
 * time zone) goes to up to three likely experts who can read it, once. Also marks routings answered.
 */
export async function routeWaitingQuestions(deps: Deps): Promise<{ considered: number; routed: number }> {
  const now = deps.clock.now();
  const after = deps.config.routingAfterMinutes;
  const pool = deps.db.pool;
  await routing.markAnswered(pool, new Date(now.getTime() - ROUTING.answerWindowDays * DAY));
  const waiting = await routing.waitingQuestions(
    pool,
    new Date(now.getTime() - after * 60_000),
    new Date(now.getTime() - ROUTING.maxAgeDays * DAY),
    ROUTING.perTick,
  );
  let considered = 0;
  let routed = 0;
  // One question at a time, each in its own transaction: the load each expert already has must include the
  // routings just made, so a busy expert is not picked by every question of the same tick.
  for (const question of waiting) {
    if (businessMinutesBetween(question.created_at, now, OFFICE_HOURS, question.time_zone) < after) continue;
    considered++;
    routed += await inTransaction(pool, async (tx) => {
      const words = [...new Set([...question.topics, ...titleWords(question.title)])];
      const experts = await routing.likelyExperts(
        tx,
        question,
        words,
        now,
        ROUTING.dailyLimit,
        ROUTING.expertsPerQuestion,
      );
      await routing.recordRouting(tx, question.id, experts, question.topics, now);
      await notify(
        tx,
        deps.bus,
        experts.map((expert) => ({
          recipientId: expert.id,
          kind: 'routed_question',
          actorId: question.author_id,
          threadId: question.id,
          communityId: question.community_id,
          data: { title: question.title },
        })),
        now,
      );
      return experts.length;
    });
  }
  return { considered, routed };
}

export async function getRoutingPreference(deps: Deps, viewer: Viewer): Promise<RoutingPreference> {
  const since = new Date(deps.clock.now().getTime() - ROUTING.answerWindowDays * DAY);
  const row = await routing.routingPreference(deps.db.pool, viewer.id, since);
  return {
    optOut: row.opt_out,
    dailyLimit: ROUTING.dailyLimit,
    recent: row.recent.map((r) => ({
      thread: { id: r.thread_id, title: r.title },
      routedAt: new Date(r.routed_at).toISOString(),
      answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
    })),
  };
}

export async function setRoutingPreference(deps: Deps, viewer: Viewer, optOut: boolean) {
  await routing.setRoutingOptOut(deps.db.pool, viewer.id, optOut, deps.clock.now());
  return getRoutingPreference(deps, viewer);
}
