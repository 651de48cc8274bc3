import type { Condition } from '../../../contract/analytics.js';
import { figure, pct } from './figures.js';
import type { NetworkTotals } from './network-repository.js';
import type { QuestionTotals } from './repository.js';

/**
 * Knowledge networks beyond 150 (docs/ANALYTICS.md): reach counts every reaction to a broadcast, so fertile ground
 * also shows the ties a period made across departments and the answers that came from people the asker did not
 * know yet. Placed right after reach.
 */
export function withKnowledgeNetwork(
  condition: Condition,
  network: NetworkTotals,
  questions: Pick<QuestionTotals, 'answered' | 'answered_by_newcomer'>,
): Condition {
  const figures = [
    figure('newCrossDepartmentTies', 'count', network.cross_department_ties),
    figure('answeredByNewcomers', 'percent', pct(questions.answered_by_newcomer, questions.answered)),
  ];
  const after = condition.figures.findIndex((f) => f.id === 'dunbarShare') + 1;
  return {
    ...condition,
    figures: [...condition.figures.slice(0, after), ...figures, ...condition.figures.slice(after)],
  };
}
