import {
  ANALYTICS_LIMITS,
  type Condition,
  type Figure,
  type FunnelRow,
  type Matrix,
  type Recommendation,
} from '../../../contract/analytics.js';
import { byWeek, figure, maybe, pct, trend, weekLabels } from './figures.js';
import type { Periods } from './filters.js';
import type { CommunityFigures, FunnelCounts, QuestionTotals, ReplyChannels } from './repository.js';
import type { InteractionTotals } from './rollup-reads.js';
import { statusOf, THRESHOLDS } from './thresholds.js';

const WEEKS = ANALYTICS_LIMITS.trendWeeks;
const twoAtMost = (list: (Recommendation | null)[]) =>
  list.filter((r): r is Recommendation => r !== null).slice(0, 2);
const onTrackOf = (condition: string, figureId: string) =>
  THRESHOLDS[condition]!.find((rule) => rule.figure === figureId)!.onTrack;

type Pair<T> = { current: T; previous: T };
export type PeopleFigures = {
  counted: number;
  median_reach: number | null;
  above_dunbar: number;
  median_days_to_first: number | null;
};

/** Condition 3: fertile ground — boundaries crossed, answers across departments, reach, sponsors. */
export function fertileGround(
  interactions: Pair<InteractionTotals>,
  questions: Pair<QuestionTotals>,
  people: PeopleFigures,
  communities: CommunityFigures,
  weekly: { week: number; interactions: number; cross_department: number }[],
  periods: Periods,
): Condition {
  const share = (key: keyof InteractionTotals, of: InteractionTotals) => pct(of[key], of.interactions);
  const { current, previous } = interactions;
  const across = (q: QuestionTotals) => pct(q.answered_across, q.answered);
  const sponsorsActive = pct(communities.sponsors_active, communities.sponsored);
  const inactive = communities.sponsored - communities.sponsors_active;
  const crossDepartment = share('cross_department', current);
  const questionsAnsweredAcross = across(questions.current);
  return {
    id: 'fertile_ground',
    status: statusOf('fertile_ground', { crossDepartment, questionsAnsweredAcross }),
    figures: [
      figure('crossDepartment', 'percent', crossDepartment, share('cross_department', previous)),
      figure('crossLocation', 'percent', share('cross_location', current), share('cross_location', previous)),
      figure(
        'crossTimeZone',
        'percent',
        share('cross_time_zone', current),
        share('cross_time_zone', previous),
      ),
      figure(
        'crossHierarchy',
        'percent',
        share('cross_hierarchy', current),
        share('cross_hierarchy', previous),
      ),
      figure('questionsAnsweredAcross', 'percent', questionsAnsweredAcross, across(questions.previous)),
      figure('medianReach', 'people', maybe(people.median_reach)),
      figure('dunbarShare', 'percent', pct(people.above_dunbar, people.counted)),
      figure('sponsorsActive', 'percent', sponsorsActive),
    ],
    trend: trend('week', weekLabels(periods.to, WEEKS), [
      {
        id: 'crossDepartment',
        unit: 'percent',
        values: byWeek(weekly, WEEKS, (w) => pct(w.cross_department, w.interactions)),
      },
    ]),
    recommendations: twoAtMost([
      crossDepartment !== null && crossDepartment < onTrackOf('fertile_ground', 'crossDepartment')
        ? { id: 'crossDepartment', params: { share: crossDepartment } }
        : null,
      inactive > 0 ? { id: 'sponsorsInactive', params: { count: inactive } } : null,
      questionsAnsweredAcross !== null &&
      questionsAnsweredAcross < onTrackOf('fertile_ground', 'questionsAnsweredAcross')
        ? { id: 'askAcross', params: { share: questionsAnsweredAcross } }
        : null,
    ]),
    details: {
      sponsors: communities.sponsors.map((c) => ({
        slug: c.slug,
        name: c.name,
        sponsor: { handle: c.sponsor_handle!, name: c.sponsor_name! },
        activeDays: c.sponsor_days,
      })),
      hiddenCommunities: communities.hidden_sponsors,
    },
  };
}

/** The cheapest step that helps a community below its threshold (the community page has the full suggestion). */
export function suggestionFor(c: { kind: string; active: number; viability_threshold: number }) {
  if (c.active >= c.viability_threshold) return null;
  if (c.kind === 'general' && c.active >= SPECIALIST_DEFAULT) return 'make_specialist' as const;
  if (c.active < Math.max(5, c.viability_threshold / 10)) return 'merge' as const;
  return 'invite' as const;
}
const SPECIALIST_DEFAULT = 25;

/** Condition 5: enough people — communities at or above their viability threshold. */
export function enoughPeople(communities: CommunityFigures, periods: Periods): Condition {
  const { viable: now, previous_viable: before, communities: total } = communities;
  const below = total - now;
  const shown = communities.below;
  const viableShare = pct(now, total);
  const worst = shown[0];
  return {
    id: 'enough_people',
    status: statusOf('enough_people', { viableShare }),
    figures: [
      figure('viableCommunities', 'count', now, before),
      figure('atRiskCommunities', 'count', below, total - before),
      figure('viableShare', 'percent', viableShare, pct(before, total)),
    ],
    trend: trend(
      'period',
      [periods.previousTo, periods.to],
      [
        { id: 'viableCommunities', unit: 'count', values: [before, now] },
        { id: 'atRiskCommunities', unit: 'count', values: [total - before, below] },
      ],
    ),
    recommendations: twoAtMost([
      worst
        ? {
            id: `communityBelow.${suggestionFor(worst)}`,
            params: { name: worst.name, active: worst.active, threshold: worst.viability_threshold },
          }
        : null,
      communities.hidden_below > 0
        ? { id: 'communitiesBelowHidden', params: { count: communities.hidden_below } }
        : null,
    ]),
    details: {
      belowThreshold: shown.map((c) => ({
        slug: c.slug,
        name: c.name,
        kind: c.kind,
        active: c.active,
        threshold: c.viability_threshold,
        suggestion: suggestionFor(c),
      })),
      hiddenCommunities: communities.hidden_below,
    },
  };
}

const toFunnelRow = (key: string, row: FunnelCounts): FunnelRow => ({
  key,
  provisioned: row.provisioned,
  activated: row.activated,
  monthlyActive: row.monthly_active,
  engaged: row.engaged,
});

/** Condition 6: low threshold — the funnel, profile completeness, time to first post. */
export function lowThreshold(
  funnel: FunnelCounts[],
  people: PeopleFigures,
  daily: { day: string; people: number }[],
  periods: Periods,
): Condition {
  const all = funnel.find((r) => !r.by_department && !r.by_location);
  const total = all ?? {
    provisioned: 0,
    activated: 0,
    monthly_active: 0,
    engaged: 0,
    previous_monthly_active: 0,
    completeness: null,
  };
  const monthlyActiveShare = pct(total.monthly_active, total.activated);
  const engagedShare = pct(total.engaged, total.activated);
  const byDepartment = funnel
    .filter((r) => r.by_department)
    .map((r) => toFunnelRow(r.department ?? '', r))
    .sort((a, b) => a.key.localeCompare(b.key));
  const weakest = byDepartment
    .filter((r) => r.activated > 0 && r.key !== '')
    .map((r) => ({ key: r.key, share: pct(r.monthlyActive, r.activated)! }))
    .sort((a, b) => a.share - b.share)[0];
  const completeness = maybe(total.completeness);
  const figures: Figure[] = [
    figure('provisioned', 'people', total.provisioned),
    figure('activated', 'people', total.activated),
    figure('monthlyActive', 'people', total.monthly_active, total.previous_monthly_active),
    figure('engaged', 'people', total.engaged),
    figure('activatedShare', 'percent', pct(total.activated, total.provisioned)),
    figure(
      'monthlyActiveShare',
      'percent',
      monthlyActiveShare,
      pct(total.previous_monthly_active, total.activated),
    ),
    figure('engagedShare', 'percent', engagedShare),
    figure('profileCompleteness', 'percent', completeness),
    figure('medianDaysToFirstPost', 'days', maybe(people.median_days_to_first)),
  ];
  const dailyByDay = new Map(daily.map((d) => [d.day, d.people]));
  const days: string[] = [];
  for (let day = periods.from; day <= periods.to; day = nextDay(day)) days.push(day);
  return {
    id: 'low_threshold',
    status: statusOf('low_threshold', { monthlyActiveShare, engagedShare }),
    figures,
    trend: trend('day', days, [
      { id: 'activePeople', unit: 'people', values: days.map((d) => dailyByDay.get(d) ?? 0) },
    ]),
    recommendations: twoAtMost([
      total.provisioned > total.activated && pct(total.activated, total.provisioned)! < 80
        ? { id: 'activatePeople', params: { count: total.provisioned - total.activated } }
        : null,
      weakest && weakest.share < onTrackOf('low_threshold', 'monthlyActiveShare')
        ? { id: 'departmentLowActive', params: { department: weakest.key, share: weakest.share } }
        : null,
      completeness !== null && completeness < 60
        ? { id: 'completeProfiles', params: { share: completeness } }
        : null,
    ]),
    details: {
      funnelByDepartment: byDepartment,
      funnelByLocation: funnel
        .filter((r) => r.by_location)
        .map((r) => toFunnelRow(r.location ?? '', r))
        .sort((a, b) => a.key.localeCompare(b.key)),
    },
  };
}

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The benefits: answer times and rates (Viva Engage's answers metrics), against the previous period. */
export function benefits(questions: Pair<QuestionTotals>, periods: Periods, channels: Pair<ReplyChannels>) {
  const byMail = (c: ReplyChannels) => pct(c.by_mail, c.replies);
  const { current, previous } = questions;
  const answerRate = (q: QuestionTotals) => pct(q.answered, q.questions);
  const bestAnswerRate = (q: QuestionTotals) => pct(q.accepted, q.questions);
  return {
    figures: [
      figure(
        'medianMinutesToFirstAnswer',
        'minutes',
        maybe(current.median_first_minutes),
        maybe(previous.median_first_minutes),
      ),
      figure(
        'medianMinutesToAccepted',
        'minutes',
        maybe(current.median_accepted_minutes),
        maybe(previous.median_accepted_minutes),
      ),
      figure('answerRate', 'percent', answerRate(current), answerRate(previous)),
      figure('bestAnswerRate', 'percent', bestAnswerRate(current), bestAnswerRate(previous)),
      figure('questionsAsked', 'count', current.questions, previous.questions),
      // Outbound email is not measured yet: the slot stays so the figure keeps its place once it is.
      figure('emailPerActive', 'count', null),
      // Less email: conversations that came back into Plein by mail instead of staying in inboxes.
      figure('repliesByEmailShare', 'percent', byMail(channels.current), byMail(channels.previous)),
    ],
    trend: trend(
      'period',
      [periods.previousTo, periods.to],
      [
        { id: 'answerRate', unit: 'percent', values: [answerRate(previous), answerRate(current)] },
        {
          id: 'bestAnswerRate',
          unit: 'percent',
          values: [bestAnswerRate(previous), bestAnswerRate(current)],
        },
      ],
    ),
  };
}

/** The collaboration matrices from the roll-up's cells. */
export function matrices(
  cells: { axis: 'department' | 'location'; source: string; target: string; interactions: number }[],
): { departments: Matrix; locations: Matrix } {
  const of = (axis: 'department' | 'location'): Matrix => {
    const mine = cells.filter((c) => c.axis === axis);
    const labels = [...new Set(mine.flatMap((c) => [c.source, c.target]))].sort((a, b) => a.localeCompare(b));
    return {
      labels,
      cells: mine.map(({ source, target, interactions }) => ({ source, target, interactions })),
    };
  };
  return { departments: of('department'), locations: of('location') };
}
