import type { Condition } from '../../../contract/analytics.js';
import type { Queryable } from '../../platform/db/database.js';
import { figure, pct } from './figures.js';
import { type Filter, type Period, personWhere } from './filters.js';
import { statusOf } from './thresholds.js';

const startOf = (param: string) => `(${param}::date::timestamp at time zone 'UTC')`;
const endOf = (param: string) => `((${param}::date + 1)::timestamp at time zone 'UTC')`;

export type AmaTotals = {
  asked: number;
  /** Questions of AMAs that ended in the period, how many of them the host answered, and how many a leader did. */
  closed: number;
  closed_answered: number;
  closed_leader_answered: number;
  leader_answers: number;
};

/**
 * A period's AMA figures from `analytics_ama_questions` (three index ranges): questions by the asker's department
 * and location, answers by the answerer's; with a community filter, that community's AMAs only.
 */
export async function amaTotals(db: Queryable, filter: Filter, period: Period): Promise<AmaTotals> {
  const params: unknown[] = [period.from, period.to];
  const asker = personWhere('qp', filter, params);
  const answerer = personWhere('ap', filter, params);
  let community = '';
  if (filter.communityId !== null) {
    params.push(filter.communityId);
    community = ` and k.community_id = $${params.length}`;
  }
  const within = (column: string) => `k.${column} >= ${startOf('$1')} and k.${column} < ${endOf('$2')}`;
  const { rows } = await db.query<AmaTotals>(
    `select count(*) filter (where ${within('asked_at')} ${asker})::int as asked,
            count(*) filter (where ${within('ama_ends_at')} ${asker})::int as closed,
            count(*) filter (where ${within('ama_ends_at')} and k.answered_at is not null ${asker})::int
              as closed_answered,
            count(*) filter (where ${within('ama_ends_at')} and ap.is_leader ${asker})::int as closed_leader_answered,
            count(*) filter (where ${within('answered_at')} and ap.is_leader ${answerer})::int as leader_answers
       from (select * from analytics_ama_questions k where ${within('asked_at')}
             union select * from analytics_ama_questions k where ${within('ama_ends_at')}
             union select * from analytics_ama_questions k where ${within('answered_at')}) k
       join people qp on qp.id = k.asker_id
       left join people ap on ap.id = k.answered_by
      where true ${community}`,
    params,
  );
  return rows[0]!;
}

/**
 * Condition 1 with the AMA figures after its own: a leader's answers and the share of questions answered. Its
 * status is judged again, by the AMA rules as well as its own (thresholds.ts).
 */
export function withAmaFigures(strategic: Condition, amas: AmaTotals): Condition {
  const figures = [
    ...strategic.figures,
    figure('amaQuestions', 'count', amas.asked),
    figure('amaAnsweredShare', 'percent', pct(amas.closed_answered, amas.closed)),
    figure('amaLeaderAnsweredShare', 'percent', pct(amas.closed_leader_answered, amas.closed)),
    figure('leaderAmaAnswers', 'count', amas.leader_answers),
  ];
  return {
    ...strategic,
    status: statusOf('strategic', Object.fromEntries(figures.map((f) => [f.id, f.value]))),
    figures,
  };
}
