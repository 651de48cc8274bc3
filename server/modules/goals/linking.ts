import { GOAL_LIMITS, type GoalKpi } from '../../../contract/goals.js';
import type { Queryable } from '../../platform/db/database.js';

const WEEK = 7 * 86_400_000;

/** The goals' KPI condition (SQL, on goals alias `g`) that measures threads of kind `kind` (SQL on alias `t`). */
const MEASURES = `(g.kpi = 'idea_throughput') = (t.kind = 'idea')`;

/**
 * Links a new question or idea without a goal to the newest active goal whose scope holds its community or one of
 * its hashtags and whose KPI measures its kind: questions to the question KPIs, ideas to idea throughput. Call it
 * after the thread's hashtags are stored. Candidates come from the scope indexes (goal_communities_community_idx,
 * goal_hashtags_hashtag_idx), never from a scan of all goals.
 */
export async function linkThreadToGoalByScope(db: Queryable, threadId: string): Promise<void> {
  await db.query(
    `update threads t set goal_id = (
        select g.id from goals g
         where g.archived_at is null and ${MEASURES}
           and g.id in (select gc.goal_id from goal_communities gc where gc.community_id = t.community_id
                        union
                        select gh.goal_id from thread_hashtags th
                          join goal_hashtags gh on gh.hashtag_id = th.hashtag_id
                         where th.thread_id = t.id)
         order by g.created_at desc, g.id desc limit 1)
      where t.id = $1 and t.goal_id is null and t.kind in ('question', 'idea') and t.deleted_at is null`,
    [threadId],
  );
}

/**
 * A new goal (or a widened scope) takes in the unlinked threads its KPI measures (questions, or ideas for idea
 * throughput) of its scope from the last 12 weeks. Each source is one index range: a community's threads by
 * activity (never older than their creation), a hashtag's threads by activity.
 */
export async function linkRecentThreadsInScope(
  db: Queryable,
  goal: { id: string; kpi: GoalKpi },
  scope: { communityIds: string[]; hashtagIds: string[] },
  now: Date,
): Promise<void> {
  const since = new Date(now.getTime() - GOAL_LIMITS.backfillWeeks * WEEK);
  const kind = goal.kpi === 'idea_throughput' ? 'idea' : 'question';
  if (scope.communityIds.length > 0) {
    await db.query(
      `update threads t set goal_id = $1
        where t.community_id = any($2::bigint[]) and t.kind = $3 and t.deleted_at is null
          and t.last_activity_at >= $4 and t.created_at >= $4 and t.goal_id is null`,
      [goal.id, scope.communityIds, kind, since],
    );
  }
  if (scope.hashtagIds.length > 0) {
    await db.query(
      `update threads t set goal_id = $1
        where t.id in (select th.thread_id from thread_hashtags th
                        where th.hashtag_id = any($2::bigint[]) and th.last_activity_at >= $3)
          and t.kind = $4 and t.deleted_at is null and t.created_at >= $3 and t.goal_id is null`,
      [goal.id, scope.hashtagIds, since, kind],
    );
  }
}
