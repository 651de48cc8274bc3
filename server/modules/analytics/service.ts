import { ANALYTICS_LIMITS, type Scorecard, type ScorecardQuery } from '../../../contract/analytics.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Deps } from '../../platform/http/deps.js';
import { forbidden, invalidField } from '../../platform/http/problem.js';
import { requireReadable } from '../communities/access.js';
import { kpiFigures, toKpiGoal } from '../goals/kpi.js';
import { ideasDoneInPeriod } from '../goals/kpi-repository.js';
import { bottomLine, strategic, topDown } from './conversation-conditions.js';
import { addDays, endOfDay } from './figures.js';
import type { Filter, Periods } from './filters.js';
import { benefits, enoughPeople, fertileGround, lowThreshold, matrices } from './people-conditions.js';
import * as reads from './repository.js';
import * as rollups from './rollup-reads.js';
import { DUNBAR } from './thresholds.js';

/** Goals shown on the scorecard at most (leaders set a handful; the goals page lists them all). */
const GOALS_SHOWN = 50;

/** Who may see the scorecard: community managers, leaders and admins (DESIGN.md §2). */
export function requireAnalyticsViewer(viewer: Viewer): void {
  if (viewer.role === 'community_manager' || viewer.role === 'admin' || viewer.isLeader) return;
  throw forbidden('Only community managers, leaders and admins see the adoption scorecard.');
}

/** The period asked for (default: the 28 days up to today) and the one of equal length before it. */
export function periodsOf(query: ScorecardQuery, now: Date): Periods {
  const today = now.toISOString().slice(0, 10);
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -(ANALYTICS_LIMITS.defaultDays - 1));
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

export async function scorecard(deps: Deps, viewer: Viewer, query: ScorecardQuery): Promise<Scorecard> {
  requireAnalyticsViewer(viewer);
  const db = deps.db.pool;
  const now = deps.clock.now();
  const periods = periodsOf(query, now);
  // A community filter is the viewer's to use only where they may read it (404 secret, 403 closed).
  const community = query.community ? await requireReadable(db, viewer, { slug: query.community }) : null;
  const filter: Filter = {
    communityId: community?.id ?? null,
    department: query.department ?? null,
    location: query.location ?? null,
  };
  const weeks = ANALYTICS_LIMITS.trendWeeks;
  // KPIs count only threads the viewer may read: closed and secret content never shows, not even as a count.
  // Questions come from the roll-up like the other figures; ideas done are few and read live.
  const goalFigures = async () => {
    const rows = await reads.liveGoals(db, periods.to, GOALS_SHOWN);
    const goals = rows.map(toKpiGoal);
    const period = { from: new Date(`${periods.from}T00:00:00Z`), to: endOfDay(periods.to) };
    const ids = (ideas: boolean) =>
      goals.filter((g) => (g.kpi === 'idea_throughput') === ideas).map((g) => g.id);
    const [questions, ideas] = await Promise.all([
      reads.goalQuestions(db, ids(false), period.from, period.to, viewer.id),
      ideasDoneInPeriod(db, ids(true), period.from, period.to, viewer.id),
    ]);
    return { goalRows: rows, figures: kpiFigures(goals, period, questions, ideas, now) };
  };
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
    options,
    refreshedAt,
    { goalRows, figures },
    channels,
  ] = await Promise.all([
    rollups.conversationTotals(db, filter, periods),
    rollups.weeklyConversation(db, filter, periods.to, weeks),
    rollups.monthlyOrigin(db, filter, periods.to),
    reads.themesUpTo(db, periods.to),
    rollups.interactionTotals(db, filter, periods),
    rollups.weeklyInteractions(db, filter, periods.to, weeks),
    reads.questionTotals(db, filter, periods),
    reads.communityFigures(db, viewer.id, filter.communityId, periods, ANALYTICS_LIMITS.listRows),
    reads.funnel(db, filter, periods),
    reads.peopleFigures(db, filter, periods.to, DUNBAR),
    reads.dailyActive(db, filter, periods.from, periods.to),
    rollups.collaboration(db, filter, periods.from, periods.to),
    reads.filterOptions(db),
    rollups.refreshedAt(db),
    goalFigures(),
    reads.replyChannels(db, filter, periods),
  ]);
  const goals = goalRows.map((g) => ({ id: g.id, name: g.name, kpi: g.kpi, figure: figures.get(g.id)! }));
  const all = funnel.find((r) => !r.by_department && !r.by_location);
  const monthlyActive = { current: all?.monthly_active ?? 0, previous: all?.previous_monthly_active ?? 0 };
  return {
    period: { from: periods.from, to: periods.to },
    previous: { from: periods.previousFrom, to: periods.previousTo },
    filters: {
      community: community ? { slug: community.slug, name: community.name } : null,
      department: filter.department,
      location: filter.location,
    },
    refreshedAt: refreshedAt?.toISOString() ?? null,
    conditions: [
      strategic(conversation, themes, weeklyConversation, periods),
      bottomLine(conversation, goals, weeklyConversation, periods),
      fertileGround(interactions, questions, people, communities, weeklyInteractions, periods),
      topDown(conversation, months, monthlyActive),
      enoughPeople(communities, periods),
      lowThreshold(funnel, people, daily, periods),
    ],
    benefits: benefits(questions, periods, channels),
    collaboration: matrices(cells),
    options,
  };
}
