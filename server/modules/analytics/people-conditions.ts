import {
  ANALYTICS_LIMITS,
  type Condition,
  type Figure,
  type FunnelRow,
  type Matrix,
  type Recommendation,
} from '../../../contract/analytics.js';
import { type AnswersView, answersFigures } from './answers.js';
import { byWeek, figure, maybe, pct, round1, trend, weekLabels } from './figures.js';
import type { Period } from './filters.js';
import { communityGroup, withheldFor } from './group-size.js';
import type { CommunityFigures, CommunityRow, FunnelCounts, QuestionTotals } from './repository.js';
import type { ConversationTotals, InteractionTotals } from './rollup-reads.js';
import { statusOf, THRESHOLDS } from './thresholds.js';
import { withholdRow } from './withhold.js';

const WEEKS = ANALYTICS_LIMITS.trendWeeks;
const twoAtMost = (list: (Recommendation | null)[]) =>
  list.filter((r): r is Recommendation => r !== null).slice(0, 2);
const onTrackOf = (condition: string, figureId: string) =>
  THRESHOLDS[condition]!.find((rule) => rule.figure === figureId)!.onTrack;

export type PeopleFigures = {
  counted: number;
  median_reach: number | null;
  above_dunbar: number;
  median_days_to_first: number | null;
};

/** Condition 3: fertile ground — boundaries crossed, answers across departments, reach, sponsors. */
export function fertileGround(
  current: InteractionTotals,
  questions: QuestionTotals,
  people: PeopleFigures,
  communities: CommunityFigures,
  weekly: { week: number; interactions: number; cross_department: number }[],
  period: Period,
): Condition {
  const share = (key: keyof InteractionTotals) => pct(current[key], current.interactions);
  const sponsorsActive = pct(communities.sponsors_active, communities.sponsored);
  const inactive = communities.sponsored - communities.sponsors_active;
  const crossDepartment = share('cross_department');
  const questionsAnsweredAcross = pct(questions.answered_across, questions.answered);
  return {
    id: 'fertile_ground',
    status: statusOf('fertile_ground', { crossDepartment, questionsAnsweredAcross }),
    figures: [
      figure('crossDepartment', 'percent', crossDepartment),
      figure('crossLocation', 'percent', share('cross_location')),
      figure('crossTimeZone', 'percent', share('cross_time_zone')),
      figure('crossHierarchy', 'percent', share('cross_hierarchy')),
      figure('questionsAnsweredAcross', 'percent', questionsAnsweredAcross),
      // Reach is counted over the 90 days up to the last refresh, whatever the period: "now", never compared.
      { ...figure('medianReach', 'people', maybe(people.median_reach)), asOf: 'now' },
      { ...figure('dunbarShare', 'percent', pct(people.above_dunbar, people.counted)), asOf: 'now' },
      figure('sponsorsActive', 'percent', sponsorsActive),
    ],
    trend: trend('week', weekLabels(period.to, WEEKS), [
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

/**
 * The cheapest step that helps a community below its threshold (the community page has the full suggestion): a
 * general community already as lively as a specialist one may become one; below MERGE_BELOW active people there is
 * too little to build on; otherwise, of either kind, invite. (A tenth of the threshold used to decide "merge", so a
 * general community — threshold 250 — never got "invite".)
 */
export function suggestionFor(c: { kind: string; active: number; viability_threshold: number }) {
  if (c.active >= c.viability_threshold) return null;
  if (c.kind === 'general' && c.active >= SPECIALIST_DEFAULT) return 'make_specialist' as const;
  if (c.active < MERGE_BELOW) return 'merge' as const;
  return 'invite' as const;
}
const SPECIALIST_DEFAULT = 25;
const MERGE_BELOW = 5;

/**
 * Condition 5: enough people — communities at or above the viability threshold each had at the period's end; with
 * how many changed kind or threshold in the period, and the share by the thresholds at its start (like with like).
 */
export function enoughPeople(communities: CommunityFigures, period: Period, minimum: number): Condition {
  const { viable, communities: total } = communities;
  // Before any community existed there is nothing to judge: no data, not "0 at risk".
  const now = total > 0 ? viable : null;
  const below = total > 0 ? total - viable : null;
  const shown = communities.below;
  const viableShare = pct(viable, total);
  const worst = shown[0];
  return {
    id: 'enough_people',
    status: statusOf('enough_people', { viableShare }),
    figures: [
      figure('viableCommunities', 'count', now),
      figure('atRiskCommunities', 'count', below),
      figure('viableShare', 'percent', viableShare),
    ],
    // One point per period: the comparison puts the previous period's beside it (service.ts).
    trend: trend(
      'period',
      [period.to],
      [
        { id: 'viableCommunities', unit: 'count', values: [now] },
        { id: 'atRiskCommunities', unit: 'count', values: [below] },
      ],
    ),
    recommendations: twoAtMost([
      worst ? belowRecommendation(worst, minimum) : null,
      communities.hidden_below > 0
        ? { id: 'communitiesBelowHidden', params: { count: communities.hidden_below } }
        : null,
    ]),
    details: {
      belowThreshold: shown.map((c) => {
        const withheld = withheldFor(communityGroup(c.members, c.active), minimum);
        const figure = withheld ? { active: null, withheld } : { active: c.active };
        return {
          slug: c.slug,
          name: c.name,
          kind: c.kind,
          ...figure,
          threshold: c.viability_threshold,
          suggestion: suggestionFor(c),
        };
      }),
      hiddenCommunities: communities.hidden_below,
      thresholdChanges: {
        communities: communities.threshold_changes,
        viableShareAtStart: pct(communities.viable_at_start, total),
      },
    },
  };
}

/** The advice for the community furthest below: its active count only when it has enough members to show it. */
function belowRecommendation(c: CommunityRow, minimum: number): Recommendation {
  const suggestion = suggestionFor(c);
  const params = { name: c.name, threshold: c.viability_threshold };
  return withheldFor(communityGroup(c.members, c.active), minimum)
    ? { id: `communityBelowSmall.${suggestion}`, params: { ...params, minimum } }
    : { id: `communityBelow.${suggestion}`, params: { ...params, active: c.active } };
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
  period: Period,
  minimum: number,
): Condition {
  const all = funnel.find((r) => !r.by_department && !r.by_location);
  const total = all ?? {
    provisioned: 0,
    activated: 0,
    activated_in_week: 0,
    monthly_active: 0,
    engaged: 0,
    completeness: null,
  };
  const monthlyActiveShare = pct(total.monthly_active, total.activated);
  const engagedShare = pct(total.engaged, total.activated);
  const byDepartment = funnel
    .filter((r) => r.by_department)
    .map((r) => withholdRow(toFunnelRow(r.department ?? '', r), minimum))
    .sort((a, b) => a.key.localeCompare(b.key));
  // Only a department large enough to be shown may be named as the least active.
  const weakest = byDepartment
    .filter((r) => !r.withheld && r.activated! > 0 && r.key !== '')
    .map((r) => ({ key: r.key, share: pct(r.monthlyActive!, r.activated!)! }))
    .sort((a, b) => a.share - b.share)[0];
  const completeness = maybe(total.completeness);
  const figures: Figure[] = [
    figure('provisioned', 'people', total.provisioned),
    figure('activated', 'people', total.activated),
    // Workplace's funnel step between invited and monthly active.
    figure('activatedIn7Days', 'people', total.activated_in_week),
    figure('monthlyActive', 'people', total.monthly_active),
    figure('engaged', 'people', total.engaged),
    figure('activatedShare', 'percent', pct(total.activated, total.provisioned)),
    figure('monthlyActiveShare', 'percent', monthlyActiveShare),
    figure('engagedShare', 'percent', engagedShare),
    // Profiles are as they are now: labelled so, never compared.
    { ...figure('profileCompleteness', 'percent', completeness), asOf: 'now' },
    figure('medianDaysToFirstPost', 'days', maybe(people.median_days_to_first)),
  ];
  const dailyByDay = new Map(daily.map((d) => [d.day, d.people]));
  const days: string[] = [];
  for (let day = period.from; day <= period.to; day = nextDay(day)) days.push(day);
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
        .map((r) => withholdRow(toFunnelRow(r.location ?? '', r), minimum))
        .sort((a, b) => a.key.localeCompare(b.key)),
    },
  };
}

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Mails per monthly active person per 7 days of the period; null without a count or without active people. */
export function mailPerActiveWeek(
  mails: number | null,
  monthlyActive: number,
  period: Period,
): number | null {
  if (mails === null || monthlyActive === 0) return null;
  const days = Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1;
  return round1((mails * 7) / (monthlyActive * days));
}

/** The benefits: answer times and rates, Viva Engage's answers view, and "less email". */
export function benefits(
  current: QuestionTotals,
  answers: AnswersView,
  conversation: Pick<ConversationTotals, 'replies' | 'mail_replies'>,
  mails: number | null,
  monthlyActive: number,
  period: Period,
) {
  const answerRate = pct(current.answered, current.questions);
  const bestAnswerRate = pct(current.accepted, current.questions);
  const emailPerActive = mailPerActiveWeek(mails, monthlyActive, period);
  const emailReplyShare = pct(conversation.mail_replies, conversation.replies);
  return {
    figures: [
      // Two "how fast" answers, each labelled: the clock's minutes and office-hours minutes (as goal KPIs measure).
      figure('medianMinutesToFirstAnswer', 'minutes', maybe(current.median_first_minutes)),
      figure('medianBusinessMinutesToFirstAnswer', 'minutes', maybe(current.median_first_business_minutes)),
      figure('medianMinutesToAccepted', 'minutes', maybe(current.median_accepted_minutes)),
      figure('answerRate', 'percent', answerRate),
      figure('bestAnswerRate', 'percent', bestAnswerRate),
      figure('questionsAsked', 'count', current.questions),
      ...answersFigures(answers),
      figure('emailPerActive', 'count', emailPerActive),
      figure('emailReplyShare', 'percent', emailReplyShare),
    ],
    // One point per period: the comparison puts the previous period's beside it (service.ts).
    trend: trend(
      'period',
      [period.to],
      [
        { id: 'answerRate', unit: 'percent', values: [answerRate] },
        { id: 'bestAnswerRate', unit: 'percent', values: [bestAnswerRate] },
      ],
    ),
    details: { topAnswerers: answers.top },
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
