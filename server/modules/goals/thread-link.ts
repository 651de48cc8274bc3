import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { badRequest, conflict, forbidden, invalidField } from '../../platform/http/problem.js';
import { loadLiveThread } from '../threads/policy.js';
import { mayLinkThread } from './policy.js';
import { findGoal, setThreadGoal } from './repository.js';

const NOT_ALLOWED =
  "Only the thread's author, an owner of its community, the goal's owner or an admin may link it to a goal.";

/** Links a readable, live question or idea to an active goal by hand; it then counts towards that goal only. */
export async function linkThread(
  deps: Deps,
  viewer: Viewer,
  threadId: string,
  goalId: string,
): Promise<void> {
  await inTransaction(deps.db.pool, async (tx) => {
    const context = await loadLiveThread(tx, viewer, threadId);
    const goal = await findGoal(tx, goalId);
    if (!goal) throw invalidField('goalId', 'is not an existing goal');
    if (!mayLinkThread(viewer, context, goal.owner_id)) throw forbidden(NOT_ALLOWED);
    if (goal.archived_at) throw conflict('This goal is archived: nothing new counts towards it.');
    const { kind } = context.thread;
    if (kind !== 'question' && kind !== 'idea') {
      throw badRequest('Only questions and ideas count towards a goal.', [
        { field: 'id', message: `is a ${kind}; only questions and ideas count towards a goal` },
      ]);
    }
    if (context.thread.goal_id !== goal.id) await setThreadGoal(tx, threadId, goal.id);
  });
}

/** Takes a thread out of its goal; unlinking an unlinked thread changes nothing. */
export async function unlinkThread(deps: Deps, viewer: Viewer, threadId: string): Promise<void> {
  await inTransaction(deps.db.pool, async (tx) => {
    const context = await loadLiveThread(tx, viewer, threadId);
    const current = context.thread.goal_id ? await findGoal(tx, context.thread.goal_id) : null;
    if (!mayLinkThread(viewer, context, current?.owner_id ?? null))
      throw forbidden(NOT_ALLOWED.replace('link it to', 'unlink it from'));
    if (context.thread.goal_id) await setThreadGoal(tx, threadId, null);
  });
}
