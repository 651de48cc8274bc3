import type { Viewer } from '../../platform/auth/viewer.js';
import { forbidden } from '../../platform/http/problem.js';
import type { ThreadContext } from '../threads/policy.js';
import type { GoalRow } from './repository.js';

/** Goals are set by people with a mandate: leaders, and admins on their behalf. */
export const mayCreateGoals = (viewer: Viewer) => viewer.isLeader || viewer.role === 'admin';

export const mayEditGoal = (viewer: Viewer, goal: Pick<GoalRow, 'owner_id'>) =>
  goal.owner_id === viewer.id || viewer.role === 'admin';

export function requireMayCreateGoals(viewer: Viewer): void {
  if (!mayCreateGoals(viewer)) throw forbidden('Only leaders and admins may set business goals.');
}

export function requireMayEditGoal(viewer: Viewer, goal: Pick<GoalRow, 'owner_id'>): void {
  if (!mayEditGoal(viewer, goal)) throw forbidden("Only the goal's owner or an admin may change this goal.");
}

/**
 * Who may (un)link a thread they can read: its author, an owner of its community, an admin, or the owner of the
 * goal involved (the goal linked to for PUT, the goal unlinked from for DELETE).
 */
export const mayLinkThread = (viewer: Viewer, context: ThreadContext, goalOwnerId: string | null) =>
  context.thread.author_id === viewer.id ||
  context.community?.role === 'owner' ||
  viewer.role === 'admin' ||
  goalOwnerId === viewer.id;
