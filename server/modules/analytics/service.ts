import {
  ANALYTICS_LIMITS,
  type Condition,
  type Figure,
  type Scorecard,
  type ScorecardQuery,
  type Trend,
} from '../../../contract/analytics.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Deps } from '../../platform/http/deps.js';
import { forbidden, invalidField } from '../../platform/http/problem.js';
import { requireReadable } from '../communities/access.js';
import { kpiFigures, toKpiGoal } from '../goals/kpi.js';
import { goalsWithIdeas, ideasDoneInPeriod } from '../goals/kpi-repository.js';
import { amaTotals, withAmaFigures } from './ama-figures.js';
import { answersView } from './answers.js';
import { bottomLine, strategic, topDown } from './conversation-conditions.js';
import { addDays, endOfDay } from './figures.js';
import type { Filter, Period, Periods } from './filters.js';
import { isFiltered, minimumGroup, viewGroupSize, withheldFor } from './group-size.js';
import { ladderCounts, ladderFigures } from './ladder.js';
import { mailsDelivered } from './mail-repository.js';
import { withKnowledgeNetwork } from './network-figures.js';
import { loopClosureDays, loopTotals, networkTotals } from './network-repository.js';
import { benefits, enoughPeople, fertileGround, lowThreshold, matrices } from './people-conditions.js';
import { praiseCounts } from './praise.js';
import * as reads from './repository.js';
import * as rollups from './rollup-reads.js';
import { DUNBAR } from './thresholds.js';
import { withheldView, withholdFigures, withholdMatrix } from './withhold.js';

/** Goals shown on the scorecard at most (leaders set a handful; the goals page lists them all). */
const GOALS_SHOWN = 50;

/** Who may see the scorecard: community managers, leaders and admins (DESIGN.md §2). */
export function requireAnalyticsViewer(viewer: Viewer): void {
  if (viewer.role === 'community_manager' || viewer.role === 'admin' || viewer.isLeader) return;
  throw forbidden('Only community managers, leaders and admins see the adoption scorecard.');
}

/**
 * The period asked for (default: the 28 days up to today) and the one of equal length before it. A period that
 * ends after today is refused: its figures would count days that have not happened (0%, −100%, advice on nothing).
 */
export function periodsOf(query: ScorecardQuery, now: Date): Periods {
  const today = now.toISOString().slice(0, 10);
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -(ANALYTICS_LIMITS.defaultDays - 1));
  if (to > today) throw invalidField(query.to ? 'to' : 'from', `must not be after today (${today})`);
  if (from > to) throw invalidField('from', `must not be after to (${to})`);
  const days = Math.round((endOfDay(to).getTime() - endOfDay(from).getTime()) / 86_400_000) + 1;
  if (days > ANALYTICS_LIMITS.maxDays) {
    throw invalidField(
      'from',
      `the period may span at most ${ANALYTICS_LIMITS.maxDays} days (it spans ${days})`,
    );
  }
  return { from, to, previousFrom: addDays(from, -days), previousTo: addDays(from, -1) };
}

type Context = { deps: Deps; viewer: Viewer; filter: Filter; now: Date; minimum: number };

/**
 * Everything the scorecard says about one period, as if that period were the one asked for. The comparison calls
 * it twice, so a previous value is by construction the value of a request for the previous period. `full` adds
 * what only the period asked for shows (daily trend, collaboration matrices).
 */
async function periodCard(context: Context, period: Period, full: boolean) {
  const { deps, viewer, filter, now, minimum } = context;
  const db = deps.db.pool;
  const weeks = ANALYTICS_LIMITS.trendWeeks;
  // KPIs count only threads the viewer may read: closed and secret content never shows, not even as a count.
  // Questions come from the roll-up like the other figures; ideas done are few and read live.
  const goalFigures = async () => {
    const rows = await reads.liveGoals(db, period, GOALS_SHOWN);
    const goals = rows.map(toKpiGoal);
    const span = { from: new Date(`${period.from}T00:00:00Z`), to: endOfDay(period.to) };
    const ids = (ideas: boolean) =>
      goals.filter((g) => (g.kpi === 'idea_throughput') === ideas).map((g) => g.id);
    const [questions, ideas, withIdeas] = await Promise.all([
      reads.goalQuestions(db, ids(false), span.from, span.to, viewer.id),
      ideasDoneInPeriod(db, ids(true), span.from, span.to, viewer.id),
      goalsWithIdeas(db, ids(true), span.to, viewer.id),
    ]);
    return { goalRows: rows, figures: kpiFigures(goals, span, questions, ideas, now, withIdeas) };
  };
  // Praise per 100 active people: with a community filter both sides are that community's.
  const communityActive = () =>
    filter.communityId === null
      ? Promise.resolve(null)
      : reads.communityMonthlyActive(db, filter, filter.communityId, period.to);
  const none = <T>(value: T) => Promise.resolve(value);
  // Every read at once: the pool spreads them over the database's cores, so the answer takes the longest read.
  const [
    conversation,
    weeklyConversation,
    months,
    themes,
    interactions,
    weeklyInteractions,
    questions,
    communities,
    funnel,
    people,
    daily,
    cells,
    activeInCommunity,
    { goalRows, figures },
    mails,
    network,
    loops,
    ladder,
    praise,
    answers,
    amas,
  ] = await Promise.all([
    rollups.conversationTotals(db, filter, period),
    rollups.weeklyConversation(db, filter, period.to, weeks),
    rollups.monthlyOrigin(db, filter, period.to),
    reads.themesUpTo(db, period.to),
    rollups.interactionTotals(db, filter, period),
    rollups.weeklyInteractions(db, filter, period.to, weeks),
    reads.questionTotals(db, filter, period),
    reads.communityFigures(db, viewer.id, filter.communityId, period, ANALYTICS_LIMITS.listRows),
    reads.funnel(db, filter, period),
    reads.peopleFigures(db, filter, period.to, DUNBAR),
    full ? reads.dailyActive(db, filter, period.from, period.to) : none([]),
    full ? rollups.collaboration(db, filter, period.from, period.to) : none([]),
    communityActive(),
    goalFigures(),
    // Mail belongs to a person, not to a community: no count under a community filter.
    filter.communityId === null ? mailsDelivered(db, filter, period) : none(null),
    networkTotals(db, filter, period),
    loopClosureDays(db).then((days) => loopTotals(db, period, now, days)),
    // A person's ladder is theirs, not a community's: like the funnel, not narrowed by a community.
    ladderCounts(db, { ...filter, communityId: null }, period),
    praiseCounts(db, filter, period),
    answersView(db, filter, period, ANALYTICS_LIMITS.topAnswerers),
    amaTotals(db, filter, period),
  ]);
  const goals = goalRows.map((g) => ({ id: g.id, name: g.name, kpi: g.kpi, figure: figures.get(g.id)! }));
  const all = funnel.find((r) => !r.by_department && !r.by_location);
  const monthlyActive = activeInCommunity ?? all?.monthly_active ?? 0;
  const lowThresholdCondition = withFigures(
    lowThreshold(funnel, people, daily, period, minimum),
    ladderFigures(ladder),
  );
  const card = {
    conditions: [
      withAmaFigures(strategic(conversation, themes, loops, weeklyConversation, period), amas),
      bottomLine(conversation, goals, weeklyConversation, period),
      withKnowledgeNetwork(
        fertileGround(interactions, questions, people, communities, weeklyInteractions, period),
        network,
        questions,
      ),
      topDown(conversation, months, monthlyActive, period, praise),
      enoughPeople(communities, period, minimum),
      lowThresholdCondition,
    ],
    benefits: benefits(questions, answers, conversation, mails, all?.monthly_active ?? 0, period),
  };
  // The groups each figure is about (withhold.ts); departments and locations of too few people leave the matrices.
  const groups = {
    activated: all?.activated ?? 0,
    monthlyActive: all?.monthly_active ?? 0,
    praiseBase: monthlyActive,
  };
  const { departments, locations } = matrices(cells);
  return {
    ...withholdFigures(card, groups, minimum),
    collaboration: {
      departments: withholdMatrix(
        departments,
        lowThresholdCondition.details.funnelByDepartment ?? [],
        minimum,
      ),
      locations: withholdMatrix(locations, lowThresholdCondition.details.funnelByLocation ?? [], minimum),
    },
  };
}

/** A condition with more figures after its own (kept in their own files: the ladder). */
const withFigures = (condition: Condition, more: Figure[]): Condition => ({
  ...condition,
  figures: [...condition.figures, ...more],
});

type PeriodCard = Awaited<ReturnType<typeof periodCard>>;

/** Each figure of `current` with the value of the same figure in `previous`; "now" figures are never compared. */
function withPrevious(current: Figure[], previous: Figure[]): Figure[] {
  const before = new Map(previous.map((f) => [f.id, f.value]));
  return current.map((f) => ({ ...f, previous: f.asOf === 'now' ? null : (before.get(f.id) ?? null) }));
}

/** A trend with one point per period gets the previous period's point in front. */
function withPreviousPoint(current: Trend, previous: Trend): Trend {
  if (current.step !== 'period') return current;
  return {
    ...current,
    labels: [...previous.labels, ...current.labels],
    series: current.series.map((s) => ({
      ...s,
      values: [...(previous.series.find((p) => p.id === s.id)?.values ?? [null]), ...s.values],
    })),
  };
}

/** The card of the period asked for, compared with the card of the period before it. */
export function compare(current: PeriodCard, previous: PeriodCard) {
  return {
    conditions: current.conditions.map((condition, i) => {
      const before = previous.conditions[i]!;
      return {
        ...condition,
        figures: withPrevious(condition.figures, before.figures),
        trend: withPreviousPoint(condition.trend, before.trend),
      };
    }),
    benefits: {
      figures: withPrevious(current.benefits.figures, previous.benefits.figures),
      trend: withPreviousPoint(current.benefits.trend, previous.benefits.trend),
      details: current.benefits.details,
    },
  };
}

export async function scorecard(deps: Deps, viewer: Viewer, query: ScorecardQuery): Promise<Scorecard> {
  requireAnalyticsViewer(viewer);
  const db = deps.db.pool;
  const now = deps.clock.now();
  const periods = periodsOf(query, now);
  // A community filter is the viewer's to use only where they may read it (404 secret, 403 closed).
  const [community, minimum] = await Promise.all([
    query.community ? requireReadable(db, viewer, { slug: query.community }) : null,
    minimumGroup(db),
  ]);
  const filter: Filter = {
    communityId: community?.id ?? null,
    department: query.department ?? null,
    location: query.location ?? null,
  };
  const frame = async () => {
    const [refreshedAt, options] = await Promise.all([rollups.refreshedAt(db), reads.filterOptions(db)]);
    return {
      period: { from: periods.from, to: periods.to },
      previous: { from: periods.previousFrom, to: periods.previousTo },
      filters: {
        community: community ? { slug: community.slug, name: community.name } : null,
        department: filter.department,
        location: filter.location,
      },
      refreshedAt: refreshedAt?.toISOString() ?? null,
      options,
    };
  };
  const context = { deps, viewer, filter, now, minimum };
  // The view's people are counted beside the cards, not before them (a community of 10,000 members: 16 ms).
  const [group, current, previous, shell] = await Promise.all([
    isFiltered(filter) ? viewGroupSize(db, filter) : null,
    periodCard(context, { from: periods.from, to: periods.to }, true),
    periodCard(context, { from: periods.previousFrom, to: periods.previousTo }, false),
    frame(),
  ]);
  // A view narrowed to fewer people than the minimum shows none of its figures: each would be about them.
  const tooSmall = group === null ? null : withheldFor(group, minimum);
  if (tooSmall) return withheldView(shell, tooSmall);
  return {
    ...shell,
    withheld: null,
    ...compare(current, previous),
    collaboration: current.collaboration,
  };
}
