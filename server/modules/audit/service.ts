import type { AuditQuery } from '../../../contract/audit.js';
import type { Queryable } from '../../platform/db/database.js';
import { decodeCursor, toPage } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { invalidField } from '../../platform/http/problem.js';
import { csvField } from '../analytics/csv.js';
import { presentSummary } from '../people/present.js';
import { findByHandle, summariesByIds } from '../people/repository.js';
import { type AuditFilter, type AuditRow, listAudit } from './repository.js';

// An export is a compliance document, not a backup: past this many entries, narrow the filters.
const CSV_MAX_ROWS = 100_000;
const CSV_PAGE = 1000;

/** The query's filters in the repository's terms; null when they can match nothing (an unknown actor). */
async function filterOf(db: Queryable, query: AuditQuery): Promise<AuditFilter | null> {
  let actorId: string | undefined;
  if (query.actor) {
    const actor = await findByHandle(db, query.actor);
    if (!actor) return null;
    actorId = actor.id;
  }
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from >= to) throw invalidField('to', 'must be after from');
  return { targetType: query.targetType, targetId: query.targetId, action: query.action, actorId, from, to };
}

function cursorOf(query: AuditQuery): string | null {
  const after = decodeCursor(query.cursor, ['string'] as const);
  if (after && !/^[1-9][0-9]{0,17}$/.test(after[0]))
    throw invalidField('cursor', 'is not a cursor this list gave out');
  return after?.[0] ?? null;
}

async function present(db: Queryable, rows: AuditRow[]) {
  const actors = await summariesByIds(db, [...new Set(rows.flatMap((row) => row.actor_id ?? []))]);
  return (row: AuditRow) => {
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
  };
}

/** The audit log for admins: who changed what, when, with the state before and after; filtered and paged. */
export async function auditLog(deps: Deps, query: AuditQuery) {
  const db = deps.db.pool;
  const beforeId = cursorOf(query);
  const filter = await filterOf(db, query);
  if (!filter) return { items: [], nextCursor: null };
  const rows = await listAudit(db, filter, beforeId, query.limit + 1);
  return toPage(rows, query.limit, await present(db, rows), (row) => [row.id]);
}

const CSV_COLUMNS = [
  'id',
  'time',
  'actor',
  'actor_name',
  'action',
  'target_type',
  'target_id',
  'before',
  'after',
];

/** The same filtered log as CSV, newest first, read page by page over the keyset. */
export async function auditCsv(deps: Deps, query: AuditQuery): Promise<string> {
  const db = deps.db.pool;
  const lines = [CSV_COLUMNS.join(',')];
  const filter = await filterOf(db, query);
  let beforeId = cursorOf(query);
  while (filter && lines.length <= CSV_MAX_ROWS) {
    const rows = await listAudit(db, filter, beforeId, CSV_PAGE);
    const entry = await present(db, rows);
    for (const row of rows.map(entry)) {
      lines.push(
        [
          row.id,
          row.createdAt,
          row.actor?.handle ?? '',
          row.actor?.name ?? '',
          row.action,
          row.targetType,
          row.targetId,
          row.before === null ? '' : JSON.stringify(row.before),
          row.after === null ? '' : JSON.stringify(row.after),
        ]
          .map((value) => csvField(value))
          .join(','),
      );
    }
    if (rows.length < CSV_PAGE) break;
    beforeId = rows[rows.length - 1]!.id;
  }
  return `${lines.join('\r\n')}\r\n`;
}
