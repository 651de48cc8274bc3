import type { Queryable } from '../../platform/db/database.js';

export type AuditEntry = {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
};

/** Admin actions and permission changes: who, what, when, before and after. */
export async function writeAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `insert into audit_entries (actor_id, action, target_type, target_id, before, after)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      entry.actorId,
      entry.action,
      entry.targetType,
      entry.targetId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    ],
  );
}

export type AuditRow = {
  id: string;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  before: unknown;
  after: unknown;
  created_at: Date;
};

/** Newest first, optionally for one target; keyset on id over audit_entries_target_idx or the id index. */
export async function listAudit(
  db: Queryable,
  filter: { targetType?: string; targetId?: string },
  beforeId: string | null,
  limit: number,
): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.targetType) where.push(`target_type = ${param(filter.targetType)}`);
  if (filter.targetId) where.push(`target_id = ${param(filter.targetId)}`);
  if (beforeId) where.push(`id < ${param(beforeId)}::bigint`);
  const { rows } = await db.query<AuditRow>(
    `select * from audit_entries ${where.length ? `where ${where.join(' and ')}` : ''}
      order by id desc limit ${param(limit)}`,
    params,
  );
  return rows;
}
