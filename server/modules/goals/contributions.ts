import type { GoalHelped } from '../../../contract/goals.js';
import type { Queryable } from '../../platform/db/database.js';
import { currentPeriod, figureOf, judgeQuestion, type KpiGoal, toKpiGoal } from './kpi.js';
import { goalsRepliedIn, type QuestionRow, questionsInPeriod } from './kpi-repository.js';
import { findGoals } from './repository.js';

/** Did this person's reply make the difference on this question: the in-target first response, or the answer? */
function helped(goal: KpiGoal, question: QuestionRow, personId: string, now: Date): boolean {
  if (question.accepted_author_id === personId) return true;
  if (question.first_responder_id !== personId) return false;
  if (goal.kpi === 'answer_rate') return true;
  return goal.kpi === 'first_response_time' && judgeQuestion(goal, question, now).verdict === 'hit';
}

/**
 * The active goals that are met right now (the last 28 days, as `viewerId` sees them) in which `personId` gave an
 * in-target first response or an accepted answer to a question asked in that period. Only questions the viewer may
 * read count, for the figures and for the contributions, so a profile never reveals closed or secret content.
 * A few queries in all, whatever the number of goals.
 */
export async function goalsHelpedBy(
  db: Queryable,
  personId: string,
  viewerId: string,
  now: Date = new Date(),
): Promise<GoalHelped[]> {
  const period = currentPeriod(now);
  const candidateIds = await goalsRepliedIn(db, personId, period.from, viewerId);
  const goals = (await findGoals(db, candidateIds)).filter(
    (row) => row.archived_at === null && row.kpi !== 'idea_throughput',
  );
  if (goals.length === 0) return [];
  const questions = await questionsInPeriod(
    db,
    goals.map((goal) => goal.id),
    period.from,
    period.to,
    viewerId,
    true,
  );
  return goals.flatMap((row) => {
    const goal = toKpiGoal(row);
    const own = questions.filter((question) => question.goal_id === goal.id);
    const figure = figureOf(goal, period, own, 0, now);
    if (figure.met !== true || !own.some((question) => helped(goal, question, personId, now))) return [];
    return [{ id: goal.id, name: row.name, kpi: goal.kpi, actual: figure.actual, target: figure.target }];
  });
}
