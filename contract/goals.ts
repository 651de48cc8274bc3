import { z } from 'zod';
import { Id, PageQuery, Slug, singleLine, Timestamp } from './common.js';
import { PersonSummary } from './people.js';
import { CommunityRef, Tag, ThreadSummary } from './threads.js';

/** Business goals (condition 2): every limit a person can run into, in one place. docs/GOALS.md defines each KPI. */
export const GOAL_LIMITS = {
  nameLength: 200,
  descriptionLength: 5_000,
  /** first_response_time and resolution_time: the per-question target in (business) minutes. */
  maxMinutes: 100_000,
  maxPercent: 100,
  maxIdeasPerWeek: 10_000,
  scopeCommunities: 50,
  scopeHashtags: 50,
  maxWeeks: 52,
  defaultWeeks: 12,
  /** The "current" figure on a goal covers this many days up to now. */
  currentDays: 28,
  /** A new goal (or a widened scope) takes in unlinked questions and ideas of this many weeks back. */
  backfillWeeks: 12,
} as const;

export const GOAL_KPIS = [
  'first_response_time',
  'resolution_time',
  'answer_rate',
  'idea_throughput',
] as const;
export const GoalKpi = z.enum(GOAL_KPIS);
export type GoalKpi = z.infer<typeof GoalKpi>;

/** What a KPI's `target` is measured in. */
export const KPI_UNITS = {
  first_response_time: 'minutes',
  resolution_time: 'minutes',
  answer_rate: 'percent',
  idea_throughput: 'ideas_per_week',
} as const satisfies Record<GoalKpi, string>;
export type KpiUnit = (typeof KPI_UNITS)[GoalKpi];

/** The time KPIs judge each question against `target` minutes and are met at `attainmentTarget` percent. */
export const isTimeKpi = (kpi: GoalKpi) => kpi === 'first_response_time' || kpi === 'resolution_time';

const MAX_TARGET: Record<KpiUnit, number> = {
  minutes: GOAL_LIMITS.maxMinutes,
  percent: GOAL_LIMITS.maxPercent,
  ideas_per_week: GOAL_LIMITS.maxIdeasPerWeek,
};

/** Why a target does not fit a KPI, or null when it does. */
export function targetProblem(kpi: GoalKpi, target: number): string | null {
  const max = MAX_TARGET[KPI_UNITS[kpi]];
  return target > max ? `must be at most ${max} ${KPI_UNITS[kpi].replaceAll('_', ' ')} for ${kpi}` : null;
}

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const HHMM = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a time of day as HH:MM, 00:00–23:59');

/** Working hours read in the asker's time zone; null on a goal means plain clock minutes. */
export const GoalCalendar = z
  .object({
    days: z
      .array(
        z
          .number()
          .int()
          .min(1, 'must be 1 (Monday) to 7 (Sunday)')
          .max(7, 'must be 1 (Monday) to 7 (Sunday)'),
      )
      .min(1, 'must hold at least one working day')
      .max(7)
      .refine((days) => new Set(days).size === days.length, 'must not repeat a day'),
    start: HHMM,
    end: HHMM,
  })
  .strict()
  .refine((calendar) => calendar.start < calendar.end, { message: 'must be after start', path: ['end'] });
export type GoalCalendar = z.infer<typeof GoalCalendar>;

const Target = z.number().positive('must be more than 0');
const AttainmentTarget = z.number().positive('must be more than 0').max(100, 'must be at most 100 percent');
const ScopeCommunities = z
  .array(Slug)
  .max(GOAL_LIMITS.scopeCommunities, `must hold at most ${GOAL_LIMITS.scopeCommunities} communities`);
const ScopeHashtags = z
  .array(Tag)
  .max(GOAL_LIMITS.scopeHashtags, `must hold at most ${GOAL_LIMITS.scopeHashtags} hashtags`);

export const CreateGoal = z
  .object({
    name: singleLine(text(GOAL_LIMITS.nameLength).min(1, 'must not be empty')),
    description: text(GOAL_LIMITS.descriptionLength).default(''),
    kpi: GoalKpi,
    target: Target,
    attainmentTarget: AttainmentTarget.default(80),
    /** Slugs of communities whose questions and ideas count; the creator must be able to read each. */
    communities: ScopeCommunities.default([]),
    hashtags: ScopeHashtags.default([]),
    calendar: GoalCalendar.nullable().default(null),
  })
  .strict()
  .superRefine((input, ctx) => {
    const problem = targetProblem(input.kpi, input.target);
    if (problem) ctx.addIssue({ code: 'custom', path: ['target'], message: problem });
    if (input.communities.length === 0 && input.hashtags.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['communities'],
        message: 'give at least one community or hashtag',
      });
    }
  });
export type CreateGoal = z.infer<typeof CreateGoal>;

/** The KPI itself stays fixed: changing it would rewrite the goal's history. */
export const UpdateGoal = z
  .object({
    name: singleLine(text(GOAL_LIMITS.nameLength).min(1, 'must not be empty')),
    description: text(GOAL_LIMITS.descriptionLength),
    target: Target,
    attainmentTarget: AttainmentTarget,
    communities: ScopeCommunities,
    hashtags: ScopeHashtags,
    calendar: GoalCalendar.nullable(),
    archived: z.boolean(),
  })
  .partial()
  .strict()
  .refine((input) => Object.keys(input).length > 0, { message: 'give something to change', path: ['name'] });
export type UpdateGoal = z.infer<typeof UpdateGoal>;

export const GoalParams = z.object({ id: Id });
export const GoalsQuery = PageQuery;
export const KpiQuery = z.object({
  weeks: z.coerce
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(GOAL_LIMITS.maxWeeks, `must be at most ${GOAL_LIMITS.maxWeeks}`)
    .default(GOAL_LIMITS.defaultWeeks),
});
export const LinkGoal = z.object({ goalId: Id }).strict();

/** A KPI over one period, computed only over linked threads the viewer may read. */
export const KpiFigure = z.object({
  from: Timestamp,
  to: Timestamp,
  /** Attainment percent (time KPIs), answered percent (answer_rate), ideas done per week; null without data. */
  actual: z.number().nullable(),
  /** What `actual` is held against: the attainment target, the target percent, or ideas per week. */
  target: z.number(),
  met: z.boolean().nullable().describe('null when there is nothing to measure yet'),
  /** Questions measured (ideas done for idea_throughput). */
  counted: z.number().int(),
  /** Within target (time KPIs), answered (answer_rate), done (idea_throughput). */
  hits: z.number().int(),
  missed: z.number().int(),
  /** Still waiting but within target: not counted yet (time KPIs only). */
  pending: z.number().int(),
});
export type KpiFigure = z.infer<typeof KpiFigure>;

export const GoalScope = z.object({
  /** Only the scope communities the viewer may know exist. */
  communities: z.array(CommunityRef),
  hashtags: z.array(z.string()),
});

export const Goal = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  kpi: GoalKpi,
  unit: z.enum(['minutes', 'percent', 'ideas_per_week']),
  target: z.number(),
  attainmentTarget: z.number(),
  calendar: GoalCalendar.nullable(),
  owner: PersonSummary,
  scope: GoalScope,
  archived: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  archivedAt: Timestamp.nullable(),
  canEdit: z.boolean(),
  /** The last 28 days up to now. */
  current: KpiFigure,
});
export type Goal = z.infer<typeof Goal>;

export const KpiWeek = KpiFigure.extend({ partial: z.boolean().describe('the current week, still running') });
export const KpiSeries = z.object({
  kpi: GoalKpi,
  unit: z.enum(['minutes', 'percent', 'ideas_per_week']),
  weeks: z.array(KpiWeek),
});
export type KpiSeries = z.infer<typeof KpiSeries>;

export const MissedThread = z.object({
  thread: ThreadSummary,
  /** Business (or clock) minutes it took, or has waited so far when `waiting`. */
  minutes: z.number().nullable(),
  waiting: z.boolean(),
});
export type MissedThread = z.infer<typeof MissedThread>;

/** A goal someone helped meet, as a profile shows it. */
export const GoalHelped = z.object({
  id: Id,
  name: z.string(),
  kpi: GoalKpi,
  actual: z.number().nullable(),
  target: z.number(),
});
export type GoalHelped = z.infer<typeof GoalHelped>;
