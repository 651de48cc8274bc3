import { type Goal, KPI_UNITS, type KpiFigure } from '../../../contract/goals.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Queryable } from '../../platform/db/database.js';
import { presentSummary } from '../people/present.js';
import { summariesByIds } from '../people/repository.js';
import { currentPeriod, goalKpis, toKpiGoal } from './kpi.js';
import { mayEditGoal } from './policy.js';
import { type GoalRow, type ScopeCommunityRow, scopeCommunities, scopeHashtags } from './repository.js';

/** A secret community in a goal's scope shows only to its members: others may not know it exists. */
export const visibleInScope = (row: ScopeCommunityRow) => row.visibility !== 'secret' || row.member;

/**
 * Goals as the contract shows them, with their current (28-day) KPI as this viewer may see it:
 * a handful of queries for the whole list, never one per goal.
 */
export async function presentGoals(
  db: Queryable,
  viewer: Viewer,
  rows: GoalRow[],
  now: Date,
): Promise<Goal[]> {
  const ids = rows.map((row) => row.id);
  const [owners, communities, hashtags, figures] = await Promise.all([
    summariesByIds(db, [...new Set(rows.map((row) => row.owner_id))]),
    scopeCommunities(db, ids, viewer.id),
    scopeHashtags(db, ids),
    goalKpis(db, rows.map(toKpiGoal), currentPeriod(now), { viewerId: viewer.id, now }),
  ]);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    kpi: row.kpi,
    unit: KPI_UNITS[row.kpi],
    target: row.target,
    attainmentTarget: row.attainment_target,
    calendar: row.calendar,
    owner: presentSummary(owners.get(row.owner_id)!),
    scope: {
      communities: communities
        .filter((c) => c.goal_id === row.id && visibleInScope(c))
        .map((c) => ({ slug: c.slug, name: c.name, visibility: c.visibility })),
      hashtags: hashtags.filter((h) => h.goal_id === row.id).map((h) => h.tag),
    },
    archived: row.archived_at !== null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    archivedAt: row.archived_at?.toISOString() ?? null,
    canEdit: mayEditGoal(viewer, row),
    current: figures.get(row.id) as KpiFigure,
  }));
}
