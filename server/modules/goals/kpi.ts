import { GOAL_LIMITS, type GoalKpi, type KpiFigure } from '../../../contract/goals.js';
import type { Queryable } from '../../platform/db/database.js';
import { type BusinessCalendar, businessMinutesBetween } from '../../platform/time/business-hours.js';
import { goalsWithIdeas, ideasDoneInPeriod, type QuestionRow, questionsInPeriod } from './kpi-repository.js';
import type { GoalRow } from './repository.js';

/** What a KPI needs of a goal; `toKpiGoal` makes it from a goals row. */
export type KpiGoal = {
  id: string;
  kpi: GoalKpi;
  /** Minutes per question (time KPIs), percent (answer_rate) or ideas per week (idea_throughput). */
  target: number;
  /** Percent of questions within target at which a time KPI is met. */
  attainmentTarget: number;
  /** Working hours in the asker's time zone; null counts plain clock minutes. */
  calendar: BusinessCalendar | null;
};

export const toKpiGoal = (row: GoalRow): KpiGoal => ({
  id: row.id,
  kpi: row.kpi,
  target: row.target,
  attainmentTarget: row.attainment_target,
  calendar: row.calendar,
});

export type Period = { from: Date; to: Date };
/**
 * Whose figures: `viewerId` counts only threads that person may read, so closed and secret content never shows,
 * not even as a count. `null` counts everything — for system work only, never for a figure a person sees.
 * `now` decides how long unanswered questions have waited.
 */
export type KpiOptions = { viewerId: string | null; now: Date };

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** A question judged against a time KPI: how long it took (or has waited), and the verdict. */
export type QuestionVerdict = { minutes: number; waiting: boolean; verdict: 'hit' | 'missed' | 'pending' };

/** The verdict on one question for a time KPI; answer_rate only asks whether a first response exists. */
export function judgeQuestion(goal: KpiGoal, row: QuestionRow, now: Date): QuestionVerdict {
  const answeredAt = goal.kpi === 'resolution_time' ? row.accepted_at : row.first_response_at;
  const end = answeredAt ?? now;
  const minutes = businessMinutesBetween(row.created_at, end, goal.calendar, row.time_zone);
  if (answeredAt) return { minutes, waiting: false, verdict: minutes <= goal.target ? 'hit' : 'missed' };
  return { minutes, waiting: true, verdict: minutes > goal.target ? 'missed' : 'pending' };
}

/**
 * The figure for one goal from its measured rows (questions, or ideas done for idea_throughput). An idea goal
 * with no idea in scope (`hasIdeas` false) has nothing to measure: no data, never met.
 */
export function figureOf(
  goal: KpiGoal,
  period: Period,
  questions: QuestionRow[],
  ideasDone: number,
  now: Date,
  hasIdeas = true,
): KpiFigure {
  const base = { from: period.from.toISOString(), to: period.to.toISOString() };
  if (goal.kpi === 'idea_throughput' && !hasIdeas) {
    return {
      ...base,
      actual: null,
      target: goal.target,
      met: null,
      counted: 0,
      hits: 0,
      missed: 0,
      pending: 0,
    };
  }
  if (goal.kpi === 'idea_throughput') {
    const weeks = (period.to.getTime() - period.from.getTime()) / WEEK;
    const actual = weeks > 0 ? ideasDone / weeks : 0;
    return {
      ...base,
      actual,
      target: goal.target,
      met: actual >= goal.target,
      counted: ideasDone,
      hits: ideasDone,
      missed: 0,
      pending: 0,
    };
  }
  if (goal.kpi === 'answer_rate') {
    const hits = questions.filter((q) => q.first_response_at !== null).length;
    const actual = questions.length > 0 ? (hits / questions.length) * 100 : null;
    return {
      ...base,
      actual,
      target: goal.target,
      met: actual === null ? null : actual >= goal.target,
      counted: questions.length,
      hits,
      missed: questions.length - hits,
      pending: 0,
    };
  }
  let hits = 0;
  let missed = 0;
  let pending = 0;
  for (const question of questions) {
    const { verdict } = judgeQuestion(goal, question, now);
    if (verdict === 'hit') hits++;
    else if (verdict === 'missed') missed++;
    else pending++;
  }
  const counted = hits + missed;
  const actual = counted > 0 ? (hits / counted) * 100 : null;
  return {
    ...base,
    actual,
    target: goal.attainmentTarget,
    met: actual === null ? null : actual >= goal.attainmentTarget,
    counted,
    hits,
    missed,
    pending,
  };
}

/** Rows of every goal at once: one query for the questions, one for the ideas — never one per goal. */
async function measuredRows(db: Queryable, goals: KpiGoal[], period: Period, options: KpiOptions) {
  const questionGoals = goals.filter((goal) => goal.kpi !== 'idea_throughput').map((goal) => goal.id);
  const ideaGoals = goals.filter((goal) => goal.kpi === 'idea_throughput').map((goal) => goal.id);
  const [questions, ideas, withIdeas] = await Promise.all([
    questionsInPeriod(db, questionGoals, period.from, period.to, options.viewerId),
    ideasDoneInPeriod(db, ideaGoals, period.from, period.to, options.viewerId),
    goalsWithIdeas(db, ideaGoals, period.to, options.viewerId),
  ]);
  return { questions, ideas, withIdeas };
}

/**
 * The KPI figures of several goals over one period [from, to), keyed by goal id: two queries in all.
 * Definitions: docs/GOALS.md. Questions count in the period they were asked in; ideas in the period they first
 * reached `done`.
 */
export async function goalKpis(
  db: Queryable,
  goals: KpiGoal[],
  period: Period,
  options: KpiOptions,
): Promise<Map<string, KpiFigure>> {
  const { questions, ideas, withIdeas } = await measuredRows(db, goals, period, options);
  return kpiFigures(goals, period, questions, ideas, options.now, withIdeas);
}

/** The figures of several goals from their measured rows, keyed by goal id. */
export function kpiFigures(
  goals: KpiGoal[],
  period: Period,
  questions: QuestionRow[],
  ideas: { goal_id: string }[],
  now: Date,
  /** Idea goals with an idea in scope; left out, every idea goal is taken to have some. */
  withIdeas?: Set<string>,
): Map<string, KpiFigure> {
  const questionsOf = groupBy(questions, (q) => q.goal_id);
  const ideasOf = groupBy(ideas, (idea) => idea.goal_id);
  return new Map(
    goals.map((goal) => [
      goal.id,
      figureOf(
        goal,
        period,
        questionsOf.get(goal.id) ?? [],
        ideasOf.get(goal.id)?.length ?? 0,
        now,
        withIdeas?.has(goal.id) ?? true,
      ),
    ]),
  );
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** One goal's KPI over [from, to): the function other modules (analytics) use. */
export async function goalKpi(
  db: Queryable,
  goal: KpiGoal,
  period: Period,
  options: KpiOptions,
): Promise<KpiFigure> {
  return (await goalKpis(db, [goal], period, options)).get(goal.id)!;
}

/** The period the "current" figure covers: the last 28 days up to now. */
export const currentPeriod = (now: Date): Period => ({
  from: new Date(now.getTime() - GOAL_LIMITS.currentDays * DAY),
  to: now,
});

/** Monday 00:00 UTC of the week `at` falls in. */
export function weekStart(at: Date): Date {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - weekday * DAY);
}

/**
 * The goal's KPI per ISO week (Monday 00:00 UTC), oldest first, the last being the running week (up to now):
 * one pair of queries for the whole range, bucketed here.
 */
export async function goalKpiWeeks(
  db: Queryable,
  goal: KpiGoal,
  weeks: number,
  options: KpiOptions,
): Promise<(KpiFigure & { partial: boolean })[]> {
  const thisWeek = weekStart(options.now).getTime();
  const first = thisWeek - (weeks - 1) * WEEK;
  const { questions, ideas } = await measuredRows(
    db,
    [goal],
    { from: new Date(first), to: new Date(thisWeek + WEEK) },
    options,
  );
  return Array.from({ length: weeks }, (_, i) => {
    const from = first + i * WEEK;
    const to = from + WEEK;
    const inWeek = (at: Date) => at.getTime() >= from && at.getTime() < to;
    // Throughput is per week, so a full week is the divisor even for the running one: it shows "so far".
    const figure = figureOf(
      goal,
      { from: new Date(from), to: new Date(to) },
      questions.filter((q) => inWeek(q.created_at)),
      ideas.filter((idea) => inWeek(idea.done_at)).length,
      options.now,
    );
    return { ...figure, partial: to > options.now.getTime() };
  });
}
