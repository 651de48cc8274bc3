import {
  type CreateGoal,
  GOAL_LIMITS,
  type Goal,
  KPI_UNITS,
  type KpiSeries,
  targetProblem,
  type UpdateGoal,
} from '../../../contract/goals.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import { badCursor, decodeCursor, isBigintText, isInstantText, toPage } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { invalidField, notFound } from '../../platform/http/problem.js';
import { writeAudit } from '../audit/repository.js';
import { accessFor } from '../communities/access.js';
import { goalKpiWeeks, toKpiGoal } from './kpi.js';
import { linkRecentThreadsInScope } from './linking.js';
import { requireMayCreateGoals, requireMayEditGoal } from './policy.js';
import { presentGoals, visibleInScope } from './present.js';
import * as goals from './repository.js';

export async function requireGoal(db: Queryable, id: string): Promise<goals.GoalRow> {
  const goal = await goals.findGoal(db, id);
  if (!goal) throw notFound('goal');
  return goal;
}

export async function listGoals(deps: Deps, viewer: Viewer, query: { cursor?: string; limit: number }) {
  const db = deps.db.pool;
  const after = decodeCursor(query.cursor, ['number', 'string', 'string'] as const);
  if (after && ((after[0] !== 0 && after[0] !== 1) || !isInstantText(after[1]) || !isBigintText(after[2])))
    throw badCursor();
  const rows = await goals.listGoals(
    db,
    after ? { archived: after[0], createdAt: after[1], id: after[2] } : null,
    query.limit,
  );
  const page = toPage(
    rows,
    query.limit,
    (row) => row,
    (row) => [row.archived_at ? 1 : 0, row.created_at.toISOString(), row.id],
  );
  return { items: await presentGoals(db, viewer, page.items, deps.clock.now()), nextCursor: page.nextCursor };
}

export async function getGoal(deps: Deps, viewer: Viewer, id: string): Promise<Goal> {
  const goal = await requireGoal(deps.db.pool, id);
  return (await presentGoals(deps.db.pool, viewer, [goal], deps.clock.now()))[0]!;
}

/**
 * The scope communities as ids. Each named one must be readable by the editor (one message whether it does not
 * exist, is secret or is closed to them, so nothing is revealed) unless it is already in the scope; communities of
 * the scope the editor may not know exist stay.
 */
async function resolveCommunities(
  db: Queryable,
  viewer: Viewer,
  slugs: string[],
  current: goals.ScopeCommunityRow[],
): Promise<string[]> {
  const found = await goals.communitiesBySlugs(db, slugs, viewer.id);
  const bySlug = new Map(found.map((row) => [row.slug.toLowerCase(), row]));
  const ids = new Set<string>();
  slugs.forEach((slug, index) => {
    const row = bySlug.get(slug.toLowerCase());
    const inScope = row && current.some((c) => c.id === row.id && visibleInScope(c));
    if (!row || (!accessFor(viewer, row, row.role).canRead && !inScope)) {
      throw invalidField(`communities.${index}`, `"${slug}" is not a community you can read`);
    }
    ids.add(row.id);
  });
  for (const hidden of current.filter((c) => !visibleInScope(c))) ids.add(hidden.id);
  if (ids.size > GOAL_LIMITS.scopeCommunities) {
    throw invalidField('communities', `must hold at most ${GOAL_LIMITS.scopeCommunities} communities`);
  }
  return [...ids];
}

export async function createGoal(deps: Deps, viewer: Viewer, input: CreateGoal): Promise<Goal> {
  requireMayCreateGoals(viewer);
  const now = deps.clock.now();
  const id = await inTransaction(deps.db.pool, async (tx) => {
    const communityIds = await resolveCommunities(tx, viewer, input.communities, []);
    const goal = await goals.insertGoal(
      tx,
      {
        name: input.name,
        description: input.description,
        ownerId: viewer.id,
        kpi: input.kpi,
        target: input.target,
        attainmentTarget: input.attainmentTarget,
        calendar: input.calendar,
      },
      now,
    );
    const { hashtagIds } = await goals.replaceScope(tx, goal.id, communityIds, input.hashtags, now);
    await linkRecentThreadsInScope(tx, { id: goal.id, kpi: input.kpi }, { communityIds, hashtagIds }, now);
    return goal.id;
  });
  return getGoal(deps, viewer, id);
}

/** Owner or admin; a widened scope takes in recent unlinked threads, links made earlier stay. */
export async function updateGoal(deps: Deps, viewer: Viewer, id: string, input: UpdateGoal): Promise<Goal> {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const goal = await requireGoal(tx, id);
    requireMayEditGoal(viewer, goal);
    if (input.target !== undefined) {
      const problem = targetProblem(goal.kpi, input.target);
      if (problem) throw invalidField('target', problem);
    }
    const archivedAt =
      input.archived === undefined ? goal.archived_at : input.archived ? (goal.archived_at ?? now) : null;
    await goals.updateGoal(
      tx,
      id,
      {
        name: input.name ?? goal.name,
        description: input.description ?? goal.description,
        target: input.target ?? goal.target,
        attainmentTarget: input.attainmentTarget ?? goal.attainment_target,
        calendar: input.calendar === undefined ? goal.calendar : input.calendar,
        archivedAt,
      },
      now,
    );
    if (input.communities !== undefined || input.hashtags !== undefined) {
      const current = await goals.scopeCommunities(tx, [id], viewer.id);
      const communityIds =
        input.communities === undefined
          ? current.map((c) => c.id)
          : await resolveCommunities(tx, viewer, input.communities, current);
      const tags = input.hashtags ?? (await goals.scopeHashtags(tx, [id])).map((h) => h.tag);
      if (communityIds.length === 0 && tags.length === 0) {
        throw invalidField('communities', 'give at least one community or hashtag');
      }
      const { hashtagIds } = await goals.replaceScope(tx, id, communityIds, tags, now);
      if (!archivedAt) await linkRecentThreadsInScope(tx, goal, { communityIds, hashtagIds }, now);
    }
    if (goal.owner_id !== viewer.id) {
      await writeAudit(tx, {
        actorId: viewer.id,
        action: 'goal.update',
        targetType: 'goal',
        targetId: id,
        before: { name: goal.name, target: goal.target, archived: goal.archived_at !== null },
        after: input,
      });
    }
  });
  return getGoal(deps, viewer, id);
}

export async function goalKpiSeries(
  deps: Deps,
  viewer: Viewer,
  id: string,
  weeks: number,
): Promise<KpiSeries> {
  const goal = await requireGoal(deps.db.pool, id);
  const series = await goalKpiWeeks(deps.db.pool, toKpiGoal(goal), weeks, {
    viewerId: viewer.id,
    now: deps.clock.now(),
  });
  return { kpi: goal.kpi, unit: KPI_UNITS[goal.kpi], weeks: series };
}
