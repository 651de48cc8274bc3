import { RETENTION_CATEGORIES, type RetentionCategory } from '../../../contract/privacy.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import type { Job } from '../../platform/jobs/scheduler.js';
import { writeAudit } from '../audit/repository.js';
import {
  allowAuditChanges,
  countExpired,
  countHeldThreads,
  deleteExpired,
  retentionDays,
} from './retention-repository.js';

const DAY_MS = 86_400_000;

const cutoffs = async (deps: Deps) => {
  const now = deps.clock.now();
  const policies = await retentionDays(deps.db.pool);
  return policies.map((p) => ({ category: p.category, cutoff: new Date(now.getTime() - p.days * DAY_MS) }));
};

const zeroCounts = () =>
  Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, 0])) as Record<RetentionCategory, number>;

/** What the next sweep would delete now, and how many old threads a legal hold keeps. */
export async function previewRetention(deps: Deps) {
  const counts = zeroCounts();
  let heldThreads = 0;
  for (const { category, cutoff } of await cutoffs(deps)) {
    counts[category] = await countExpired(deps.db.pool, category, cutoff);
    if (category === 'content') heldThreads = await countHeldThreads(deps.db.pool, cutoff);
  }
  return { at: deps.clock.now().toISOString(), counts, heldThreads };
}

/** Deletes what each retention period says is too old, except what a legal hold covers; audited when it deletes. */
export async function sweepRetention(deps: Deps) {
  const policies = await cutoffs(deps);
  if (policies.length === 0) return zeroCounts();
  return inTransaction(deps.db.pool, async (db) => {
    const counts = zeroCounts();
    await allowAuditChanges(db);
    for (const { category, cutoff } of policies) counts[category] = await deleteExpired(db, category, cutoff);
    if (Object.values(counts).some((n) => n > 0)) {
      await writeAudit(db, {
        actorId: null,
        action: 'privacy.retention_sweep',
        targetType: 'organisation',
        targetId: '0',
        after: counts,
      });
    }
    return counts;
  });
}

export const retentionJob: Job = {
  name: 'retention-sweep',
  everyMs: 3_600_000,
  run: (deps) => sweepRetention(deps).then(() => {}),
};
