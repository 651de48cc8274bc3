import { z } from 'zod';
import { GoalKpi } from './goals.js';

/** The adoption scorecard (issue 6). Every figure is defined in docs/ANALYTICS.md. */
export const ANALYTICS_LIMITS = {
  /** Default period: the last 28 days, compared with the 28 before. */
  defaultDays: 28,
  /** A longer period would make the comparison meaningless and the read large. */
  maxDays: 366,
  filterLength: 120,
  /** Weekly trend charts cover this many weeks ending at the period's end. */
  trendWeeks: 12,
  /** Lists (communities below threshold, themes without outcome, sponsors) show at most this many rows. */
  listRows: 20,
  /** The answers view names this many top answerers. */
  topAnswerers: 5,
} as const;

const Day = z.iso.date({ message: 'must be a date, YYYY-MM-DD' });
const FilterText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(ANALYTICS_LIMITS.filterLength, `must be at most ${ANALYTICS_LIMITS.filterLength} characters`);

export const ScorecardQuery = z.object({
  from: Day.optional().describe('first day of the period (UTC), inclusive; default: 27 days before `to`'),
  to: Day.optional().describe('last day of the period (UTC), inclusive; default: today'),
  community: FilterText.optional().describe('a community slug'),
  department: FilterText.optional(),
  location: FilterText.optional(),
});
export type ScorecardQuery = z.infer<typeof ScorecardQuery>;

export const CONDITIONS = [
  'strategic',
  'bottom_line',
  'fertile_ground',
  'top_down_bottom_up',
  'enough_people',
  'low_threshold',
] as const;
export const ConditionId = z.enum(CONDITIONS);
export type ConditionId = z.infer<typeof ConditionId>;

export const Status = z.enum(['on_track', 'at_risk', 'off_track', 'no_data']);
export type Status = z.infer<typeof Status>;

/** Why a figure, a row or a whole view is not shown: it is about fewer people than the minimum (docs/PRIVACY.md). */
export const Withheld = z.object({
  withheld: z.literal('group_too_small'),
  minimum: z.number().int().describe("the organisation's minimum group size"),
});
export type Withheld = z.infer<typeof Withheld>;

export const Unit = z.enum(['percent', 'count', 'days', 'minutes', 'per100', 'people', 'points']);

/** One figure: `id` names its definition (docs/ANALYTICS.md, catalogue key analytics.figures.<id>). */
export const Figure = z.object({
  id: z.string(),
  unit: Unit,
  value: z.number().nullable(),
  previous: z
    .number()
    .nullable()
    .describe(
      'the same figure over the previous period, exactly as asked for directly; null when not compared',
    ),
  asOf: z
    .literal('now')
    .optional()
    .describe('the figure is as of the last refresh, not of the period, so it is never compared'),
  withheld: Withheld.optional().describe('set when the figure is about too few people: its value is null'),
});
export type Figure = z.infer<typeof Figure>;

export const Trend = z.object({
  /** What a point stands for: a week or month ending/starting at the label day, or a period. */
  step: z.enum(['week', 'month', 'day', 'period']),
  labels: z.array(z.string()),
  series: z.array(z.object({ id: z.string(), unit: Unit, values: z.array(z.number().nullable()) })),
});
export type Trend = z.infer<typeof Trend>;

export const Recommendation = z.object({
  id: z.string().describe('catalogue key analytics.recommendations.<id>'),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const CommunityFigure = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.enum(['general', 'specialist']),
  active: z.number().int().nullable(),
  /** A community of fewer members than the minimum: its active count is not shown. */
  withheld: Withheld.optional(),
  threshold: z.number().int(),
  suggestion: z.enum(['invite', 'merge', 'make_specialist']).nullable(),
});

export const SponsorFigure = z.object({
  slug: z.string(),
  name: z.string(),
  sponsor: z.object({ handle: z.string(), name: z.string() }),
  activeDays: z.number().int(),
});

export const GoalFigure = z.object({
  id: z.string(),
  name: z.string(),
  kpi: GoalKpi,
  actual: z.number().nullable(),
  target: z.number(),
  met: z.boolean().nullable(),
});

export const ThemeFigure = z.object({
  id: z.string(),
  title: z.string(),
  daysWithoutOutcome: z.number().int(),
  hasOutcome: z.boolean(),
});

export const FunnelRow = z.object({
  key: z.string(),
  provisioned: z.number().int().nullable(),
  activated: z.number().int().nullable(),
  monthlyActive: z.number().int().nullable(),
  engaged: z.number().int().nullable(),
  withheld: Withheld.optional().describe('a department or location of too few people: its counts are null'),
});
export type FunnelRow = z.infer<typeof FunnelRow>;

export const Details = z.object({
  themesWithoutOutcome: z.array(ThemeFigure).optional(),
  goals: z.array(GoalFigure).optional(),
  sponsors: z.array(SponsorFigure).optional(),
  belowThreshold: z.array(CommunityFigure).optional(),
  /** Communities counted in the figures that the viewer may not read: never named. */
  hiddenCommunities: z.number().int().optional(),
  /** Communities whose kind or threshold changed during the period, and the viable share judged by the
   * thresholds that held at its start: the like-with-like figure to compare with the previous period. */
  thresholdChanges: z
    .object({ communities: z.number().int(), viableShareAtStart: z.number().nullable() })
    .optional(),
  funnelByDepartment: z.array(FunnelRow).optional(),
  funnelByLocation: z.array(FunnelRow).optional(),
  /** The answers view: who gave most answers in the period. */
  topAnswerers: z
    .array(z.object({ handle: z.string(), name: z.string(), answers: z.number().int() }))
    .optional(),
});

export const Condition = z.object({
  id: ConditionId,
  status: Status,
  figures: z.array(Figure),
  trend: Trend,
  recommendations: z.array(Recommendation),
  details: Details,
});
export type Condition = z.infer<typeof Condition>;

export const Matrix = z.object({
  labels: z.array(z.string()),
  cells: z.array(z.object({ source: z.string(), target: z.string(), interactions: z.number().int() })),
  /** Departments or locations of too few people: left out of the labels and of every cell. */
  withheld: Withheld.extend({ labels: z.array(z.string()) }).optional(),
});
export type Matrix = z.infer<typeof Matrix>;

export const Scorecard = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  previous: z.object({ from: z.string(), to: z.string() }),
  filters: z.object({
    community: z.object({ slug: z.string(), name: z.string() }).nullable(),
    department: z.string().nullable(),
    location: z.string().nullable(),
  }),
  /** When the roll-ups were last refreshed; figures from roll-ups are as of then. */
  refreshedAt: z.string().nullable(),
  /** The filtered view is about too few people: no figure of it is shown (conditions and benefits empty). */
  withheld: Withheld.nullable(),
  conditions: z.array(Condition),
  benefits: z.object({ figures: z.array(Figure), trend: Trend, details: Details.optional() }),
  collaboration: z.object({ departments: Matrix, locations: Matrix }),
  options: z.object({ departments: z.array(z.string()), locations: z.array(z.string()) }),
});
export type Scorecard = z.infer<typeof Scorecard>;
