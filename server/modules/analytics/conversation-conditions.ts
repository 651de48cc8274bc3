import { ANALYTICS_LIMITS, type Condition, type Recommendation } from '../../../contract/analytics.js';
import type { GoalKpi, KpiFigure } from '../../../contract/goals.js';
import { expectedLine } from './expected-line.js';
import {
  byWeek,
  daysBetween,
  endOfDay,
  figure,
  fourWeekChange,
  median,
  pct,
  round1,
  trend,
  weekLabels,
} from './figures.js';
import type { Period } from './filters.js';
import type { LoopTotals } from './network-repository.js';
import type { Praise } from './praise.js';
import type { ThemeRow } from './repository.js';
import type { ConversationTotals } from './rollup-reads.js';
import { DRYING_UP_PERCENT, statusOf, THEME_SILENCE_DAYS, THRESHOLDS } from './thresholds.js';

type Weekly = { week: number; on_goal: number; other: number; on_theme: number }[];
const WEEKS = ANALYTICS_LIMITS.trendWeeks;
const twoAtMost = (list: (Recommendation | null)[]) =>
  list.filter((r): r is Recommendation => r !== null).slice(0, 2);
const onTrackOf = (condition: string, figureId: string) =>
  THRESHOLDS[condition]!.find((rule) => rule.figure === figureId)!.onTrack;

/** Condition 1: strategic discussion — theme share, themes opened, loop closure, leaders in themes. */
export function strategic(
  current: ConversationTotals,
  themes: ThemeRow[],
  loops: LoopTotals,
  weekly: Weekly,
  period: Period,
): Condition {
  const end = endOfDay(period.to);
  const opened = (from: string, to: string) =>
    themes.filter(
      (t) => t.by_leader && t.created_at >= new Date(`${from}T00:00:00Z`) && t.created_at < endOfDay(to),
    ).length;
  const daysToOutcome = median(
    themes
      .filter((t) => t.first_outcome_at !== null)
      .map((t) => daysBetween(t.created_at, t.first_outcome_at!)),
  );
  const silent = themes
    .filter((t) => t.state === 'open')
    .map((t) => ({
      id: t.id,
      title: t.title,
      hasOutcome: t.last_outcome_at !== null,
      daysWithoutOutcome: Math.floor(daysBetween(t.last_outcome_at ?? t.created_at, end)),
    }))
    .filter((t) => t.daysWithoutOutcome >= THEME_SILENCE_DAYS)
    .sort((a, b) => b.daysWithoutOutcome - a.daysWithoutOutcome)
    .slice(0, ANALYTICS_LIMITS.listRows);
  const themeShare = pct(current.on_theme, current.items);
  // Loops whose window still runs are neither closed nor open yet: left out, and shown as pending.
  const loopClosure = pct(loops.closed, loops.discussed - loops.pending);
  const quiet = silent[0];
  return {
    id: 'strategic',
    status: statusOf('strategic', { themeShare, loopClosure }),
    figures: [
      figure('themeShare', 'percent', themeShare),
      figure('themesOpened', 'count', opened(period.from, period.to)),
      figure('loopClosure', 'percent', loopClosure),
      figure('loopsPending', 'count', loops.discussed > 0 ? loops.pending : null),
      figure('medianDaysToOutcome', 'days', daysToOutcome === null ? null : round1(daysToOutcome)),
      figure('leaderThemeReplies', 'count', current.leader_theme_replies),
    ],
    trend: trend('week', weekLabels(period.to, WEEKS), [
      {
        id: 'themeShare',
        unit: 'percent',
        values: byWeek(weekly, WEEKS, (w) => pct(w.on_theme, w.on_goal + w.other)),
      },
    ]),
    recommendations: twoAtMost([
      quiet
        ? { id: 'themeWithoutOutcome', params: { title: quiet.title, days: quiet.daysWithoutOutcome } }
        : null,
      themes.length === 0 || opened(period.from, period.to) === 0 ? { id: 'openTheme', params: {} } : null,
      themeShare !== null && themeShare < onTrackOf('strategic', 'themeShare')
        ? { id: 'linkToThemes', params: { share: themeShare } }
        : null,
    ]),
    details: { themesWithoutOutcome: silent },
  };
}

/** A live goal with its KPI over the period. */
export type MeasuredGoal = { id: string; name: string; kpi: GoalKpi; figure: KpiFigure };

/** Condition 2: the bottom line — goal share, goals met, and the drying-up view. */
export function bottomLine(
  current: ConversationTotals,
  goals: MeasuredGoal[],
  weekly: Weekly,
  period: Period,
): Condition {
  const goalShare = pct(current.on_goal, current.items);
  const measured = goals.filter((g) => g.figure.met !== null);
  const goalsMetShare = pct(measured.filter((g) => g.figure.met).length, measured.length);
  const goalSeries = byWeek(weekly, WEEKS, (w) => w.on_goal).map((v) => v ?? 0);
  const otherSeries = byWeek(weekly, WEEKS, (w) => w.other).map((v) => v ?? 0);
  const goalChange = fourWeekChange(goalSeries);
  const otherChange = fourWeekChange(otherSeries);
  const missed = goals.find((g) => g.figure.met === false);
  const dryingOther = otherChange !== null && otherChange <= -DRYING_UP_PERCENT;
  const dryingGoal = goalChange !== null && goalChange <= -DRYING_UP_PERCENT;
  return {
    id: 'bottom_line',
    status: statusOf('bottom_line', { goalShare, goalsMetShare }),
    figures: [
      figure('goalShare', 'percent', goalShare),
      figure('goalsMetShare', 'percent', goalsMetShare),
      figure('goalLinkedChange', 'percent', goalChange),
      figure('otherChange', 'percent', otherChange),
    ],
    trend: trend('week', weekLabels(period.to, WEEKS), [
      { id: 'goalLinked', unit: 'count', values: goalSeries },
      { id: 'other', unit: 'count', values: otherSeries },
    ]),
    recommendations: twoAtMost([
      goals.length === 0 ? { id: 'setGoal', params: {} } : null,
      missed ? { id: 'goalMissed', params: { name: missed.name } } : null,
      dryingGoal ? { id: 'goalConversationDrying', params: { change: Math.abs(goalChange!) } } : null,
      dryingOther && !dryingGoal ? { id: 'otherDrying', params: { change: Math.abs(otherChange!) } } : null,
      goalShare !== null && goalShare < onTrackOf('bottom_line', 'goalShare')
        ? { id: 'linkToGoals', params: { share: goalShare } }
        : null,
    ]),
    details: {
      goals: goals.map((g) => ({
        id: g.id,
        name: g.name,
        kpi: g.kpi,
        actual: g.figure.actual === null ? null : round1(g.figure.actual),
        target: g.figure.target,
        met: g.figure.met,
      })),
    },
  };
}

/** Condition 4: top-down and bottom-up — who starts threads, month by month, and praise. */
export function topDown(
  current: ConversationTotals,
  months: { month: string; threads: number; top_down: number }[],
  monthlyActive: number,
  period: Period,
  praise: Praise,
): Condition {
  const leaderThreadShare = pct(current.top_down, current.threads);
  const per100 = (people: number) => (monthlyActive > 0 ? round1((people * 100) / monthlyActive) : null);
  const praisePer100 = per100(praise.praised);
  const shares = months.map((m) => pct(m.top_down, m.threads));
  const { line: expected, forPeriod } = expectedLine(
    shares,
    months.map((m) => m.month),
    period.to,
  );
  // The share is judged against the expected line the chart draws, not against fixed bounds.
  const aboveExpected =
    leaderThreadShare === null || forPeriod === null ? null : round1(leaderThreadShare - forPeriod);
  const step = THRESHOLDS.top_down_bottom_up!;
  const rule = (figureId: string) => step.find((r) => r.figure === figureId)!;
  return {
    id: 'top_down_bottom_up',
    status: statusOf('top_down_bottom_up', {
      leaderThreadShare,
      leaderShareAboveExpected: aboveExpected,
      praisePer100,
    }),
    figures: [
      figure('leaderThreadShare', 'percent', leaderThreadShare),
      figure('leaderShareAboveExpected', 'points', aboveExpected),
      figure('praisePer100', 'per100', praisePer100),
      figure('praiseGiversPer100', 'per100', per100(praise.givers)),
    ],
    trend: trend(
      'month',
      months.map((m) => m.month),
      [
        { id: 'leaderThreadShare', unit: 'percent', values: shares },
        { id: 'expectedShare', unit: 'percent', values: expected },
      ],
    ),
    recommendations: twoAtMost([
      aboveExpected !== null && aboveExpected > rule('leaderShareAboveExpected').onTrack
        ? {
            id: 'inviteBottomUp',
            params: { share: leaderThreadShare!, expected: forPeriod!, above: aboveExpected },
          }
        : null,
      leaderThreadShare !== null && leaderThreadShare < rule('leaderThreadShare').onTrack
        ? { id: 'leadersOpenTopics', params: { share: leaderThreadShare } }
        : null,
      praisePer100 !== null && praisePer100 < rule('praisePer100').onTrack
        ? { id: 'givePraise', params: { per100: praisePer100 } }
        : null,
    ]),
    details: {},
  };
}
