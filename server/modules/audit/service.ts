import type { z } from 'zod';
import type { AuditQuery } from '../../../contract/audit.js';
import { decodeCursor, toPage } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { invalidField } from '../../platform/http/problem.js';
import { presentSummary } from '../people/present.js';
import { summariesByIds } from '../people/repository.js';
import { listAudit } from './repository.js';

/** The audit log for admins: who changed what, when, with the state before and after. */
export async function auditLog(deps: Deps, query: z.infer<typeof AuditQuery>) {
  const after = decodeCursor(query.cursor, ['string'] as const);
  if (after && !/^[1-9][0-9]{0,17}$/.test(after[0]))
    throw invalidField('cursor', 'is not a cursor this list gave out');
  const rows = await listAudit(deps.db.pool, query, after?.[0] ?? null, query.limit + 1);
  const actors = await summariesByIds(deps.db.pool, [...new Set(rows.flatMap((row) => row.actor_id ?? []))]);
  return toPage(
    rows,
    query.limit,
    (row) => {
      const actor = row.actor_id ? actors.get(row.actor_id) : undefined;
      return {
        id: row.id,
        actor: actor ? presentSummary(actor) : null,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        before: row.before ?? null,
        after: row.after ?? null,
        createdAt: row.created_at.toISOString(),
      };
    },
    (row) => [row.id],
  );
}
