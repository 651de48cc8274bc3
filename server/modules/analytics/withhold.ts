import type {
  Condition,
  Figure,
  FunnelRow,
  Matrix,
  Recommendation,
  Scorecard,
  Trend,
  Withheld,
} from '../../../contract/analytics.js';
import { withheldFor } from './group-size.js';
import { statusOf } from './thresholds.js';

/** The groups of people inside one view whose behaviour a figure describes: its denominator's people. */
export type Groups = { activated: number; monthlyActive: number; praiseBase: number };

/**
 * Which figures describe a group's behaviour, and which group. Counts of people are not here: a count says how many,
 * not who, and its view is already large enough. Figures about posts, questions and interactions count acts.
 */
const FIGURE_GROUP: Record<string, keyof Groups> = {
  activatedShare: 'activated',
  monthlyActiveShare: 'activated',
  engagedShare: 'activated',
  profileCompleteness: 'activated',
  medianDaysToFirstPost: 'activated',
  medianReach: 'activated',
  dunbarShare: 'activated',
  praisePer100: 'praiseBase',
  praiseGiversPer100: 'praiseBase',
  emailPerActive: 'monthlyActive',
};

/** Recommendations that quote a figure: they go when it is withheld. */
const RECOMMENDATION_FIGURE: Record<string, string> = { givePraise: 'praisePer100' };

/** A figure about too few people: no value, the reason instead. */
const withheldFigure = (figure: Figure, reason: Withheld): Figure => ({
  ...figure,
  value: null,
  withheld: reason,
});

/** One card's figures with every figure about a group below the minimum withheld, and statuses judged without them. */
export function withholdFigures<C extends { conditions: Condition[]; benefits: { figures: Figure[] } }>(
  card: C,
  groups: Groups,
  minimum: number,
): C {
  const withhold = (figures: Figure[]) =>
    figures.map((f) => {
      const group = FIGURE_GROUP[f.id];
      const reason = group ? withheldFor(groups[group], minimum) : null;
      return reason ? withheldFigure(f, reason) : f;
    });
  const activatedWithheld = withheldFor(groups.activated, minimum) !== null;
  return {
    ...card,
    conditions: card.conditions.map((condition) => {
      const figures = withhold(condition.figures);
      const gone = new Set(figures.filter((f) => f.withheld).map((f) => f.id));
      const values = Object.fromEntries(figures.map((f) => [f.id, f.value]));
      return {
        ...condition,
        // Judged again only without a withheld figure, so a withheld value never shows through its status.
        status: gone.size > 0 ? statusOf(condition.id, values) : condition.status,
        figures,
        recommendations: condition.recommendations.filter(
          (r: Recommendation) => !gone.has(RECOMMENDATION_FIGURE[r.id] ?? ''),
        ),
        // The daily count of active people is about the activated people of the view.
        trend:
          condition.id === 'low_threshold' && activatedWithheld
            ? blankTrend(condition.trend)
            : condition.trend,
      };
    }),
    benefits: { ...card.benefits, figures: withhold(card.benefits.figures) },
  };
}

const blankTrend = (trend: Trend): Trend => ({
  ...trend,
  series: trend.series.map((s) => ({ ...s, values: s.values.map(() => null) })),
});

/** A breakdown row (a department or location of the funnel) about fewer people than the minimum: counts withheld. */
export function withholdRow(row: FunnelRow, minimum: number): FunnelRow {
  const reason = withheldFor(row.provisioned ?? 0, minimum);
  if (!reason) return row;
  return {
    key: row.key,
    provisioned: null,
    activated: null,
    monthlyActive: null,
    engaged: null,
    withheld: reason,
  };
}

/** A collaboration matrix without the departments or locations whose funnel row is withheld (or absent: nobody). */
export function withholdMatrix(matrix: Matrix, rows: FunnelRow[], minimum: number): Matrix {
  const shown = new Set(rows.filter((r) => !r.withheld).map((r) => r.key));
  const labels = matrix.labels.filter((label) => !shown.has(label));
  if (labels.length === 0) return matrix;
  return {
    labels: matrix.labels.filter((label) => shown.has(label)),
    cells: matrix.cells.filter((c) => shown.has(c.source) && shown.has(c.target)),
    withheld: { withheld: 'group_too_small', minimum, labels },
  };
}

/** A whole filtered view about too few people: the frame of the card, no figure of it. */
export function withheldView(
  frame: Pick<Scorecard, 'period' | 'previous' | 'filters' | 'refreshedAt' | 'options'>,
  reason: Withheld,
): Scorecard {
  const empty: Trend = { step: 'period', labels: [], series: [] };
  const matrix: Matrix = { labels: [], cells: [] };
  return {
    ...frame,
    withheld: reason,
    conditions: [],
    benefits: { figures: [], trend: empty },
    collaboration: { departments: matrix, locations: matrix },
  };
}
