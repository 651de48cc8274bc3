import type { MissedThread } from '../../../contract/goals.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import {
  badCursor,
  decodeCursor,
  encodeCursor,
  isBigintText,
  isInstantText,
} from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { threadSummaries } from '../threads/summaries.js';
import { judgeQuestion, toKpiGoal } from './kpi.js';
import { missCandidates, type QuestionRow } from './kpi-repository.js';
import { requireGoal } from './service.js';

/** Candidates are read in batches; one request reads at most this many before handing back a cursor. */
const BATCH = 200;
const MAX_SCANNED = 2_000;

type Missed = { row: QuestionRow; minutes: number | null; waiting: boolean };

/**
 * The goal's questions that missed its target, newest first, among those the viewer may read. SQL narrows to
 * questions that can have missed (clock time ≥ target); business hours decide here. A page that hits the scan
 * limit comes back short with a cursor to go on from, so no request reads more than MAX_SCANNED rows.
 * idea_throughput counts ideas per week: no single thread misses it, so its list is empty.
 */
export async function listMissed(
  deps: Deps,
  viewer: Viewer,
  id: string,
  query: { cursor?: string; limit: number },
): Promise<{ items: MissedThread[]; nextCursor: string | null }> {
  const db = deps.db.pool;
  const goal = toKpiGoal(await requireGoal(db, id));
  const start = decodeCursor(query.cursor, ['string', 'string'] as const);
  if (start && (!isInstantText(start[0]) || !isBigintText(start[1]))) throw badCursor();
  if (goal.kpi === 'idea_throughput') return { items: [], nextCursor: null };
  const now = deps.clock.now();
  const found: Missed[] = [];
  let after = start ? { createdAt: start[0], id: start[1] } : null;
  let scanned = 0;
  let exhausted = false;
  while (found.length <= query.limit && scanned < MAX_SCANNED) {
    const batch = await missCandidates(db, goal.id, {
      answeredBy:
        goal.kpi === 'answer_rate'
          ? 'unanswered'
          : goal.kpi === 'resolution_time'
            ? 'accepted'
            : 'first_response',
      minMinutes: goal.kpi === 'answer_rate' ? 0 : goal.target,
      now,
      viewerId: viewer.id,
      after,
      limit: BATCH,
    });
    scanned += batch.length;
    for (const row of batch) {
      if (goal.kpi === 'answer_rate') {
        found.push({ row, minutes: null, waiting: true });
        continue;
      }
      const verdict = judgeQuestion(goal, row, now);
      if (verdict.verdict === 'missed')
        found.push({ row, minutes: verdict.minutes, waiting: verdict.waiting });
    }
    const last = batch[batch.length - 1];
    if (batch.length < BATCH || !last) {
      exhausted = true;
      break;
    }
    after = { createdAt: last.created_at.toISOString(), id: last.id };
  }
  const kept = found.slice(0, query.limit);
  const lastKept = kept[kept.length - 1];
  let nextCursor: string | null = null;
  if (found.length > query.limit && lastKept) {
    nextCursor = encodeCursor([lastKept.row.created_at.toISOString(), lastKept.row.id]);
  } else if (!exhausted && after) {
    nextCursor = encodeCursor([after.createdAt, after.id]);
  }
  const summaries = await threadSummaries(
    db,
    kept.map((missed) => missed.row.id),
    viewer.id,
  );
  const byId = new Map(summaries.map((summary) => [summary.id, summary]));
  return {
    items: kept.flatMap((missed) => {
      const thread = byId.get(missed.row.id);
      return thread ? [{ thread, minutes: missed.minutes, waiting: missed.waiting }] : [];
    }),
    nextCursor,
  };
}
