import type pg from 'pg';
import { inTransaction } from '../../../platform/db/database.js';
import { utcDay } from '../../../platform/time/days.js';
import { rebuildParticipation } from '../../activity/repository.js';
import { rebuildAnalytics, refreshAnalytics } from '../../analytics/refresh.js';
import { rebuildExpertise } from '../../experts/rebuild.js';
import type { RunState } from './batch.js';
import { settleCommunities, settleManagers, settleThreads } from './finish-repository.js';
import type { LoadOptions } from './load.js';
import { addPending, clearPending, readPending } from './pending-repository.js';
import type { Plan } from './plan.js';
import { untouched } from './touched.js';

/**
 * After the batches: the columns live writes keep (counters, managers) and the roll-ups (participation,
 * expertise, the scorecard's), for what this run and any run killed before it touched (the pending span): its
 * days from the first on, not the whole database. Nothing touched, nothing done: a second run costs no rebuild.
 * Settling and participation read different rows and run side by side; the scorecard's roll-ups read both.
 */
export async function finishRun(
  pool: pg.Pool,
  plan: Plan,
  run: RunState,
  options: LoadOptions,
): Promise<void> {
  const stage = async (name: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    options.onStage?.(name, 0, performance.now() - started);
  };
  const pending = await readPending(pool);
  if (!pending) return;
  const span = pending.from && pending.to ? { from: pending.from, to: pending.to } : null;
  await Promise.all([
    stage('settle', () =>
      inTransaction(pool, async (tx) => {
        const moved = await settleManagers(tx, run.managerLinks, run.now);
        // A manager changed for someone an earlier run brought: their reports' earlier days move too.
        if (moved > 0) await addPending(tx, { ...untouched(), changed: true, everything: true });
        await settleThreads(tx, plan.sources);
        await settleCommunities(tx, plan.sources);
      }),
    ).then(() => stage('expertise', () => rebuildExpertise(pool, options.clock.now()))),
    span &&
      stage('participation', () =>
        inTransaction(pool, async (tx) => {
          await tx.query(`set local work_mem = '256MB'`);
          await rebuildParticipation(tx, span);
        }),
      ),
  ]);
  const settled = (await readPending(pool)) ?? pending;
  const now = options.clock.now();
  await stage('analytics', () =>
    settled.everything
      ? rebuildAnalytics(pool, now)
      : refreshAnalytics(pool, now, settled.from ? utcDay(new Date(settled.from)) : undefined),
  );
  await clearPending(pool, settled);
}
