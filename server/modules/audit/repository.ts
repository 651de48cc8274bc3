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

export type AuditFilter = {
  targetType?: string;
  targetId?: string;
  actorId?: string;
  /** An exact action, or every action under a prefix that ends in a dot. */
  action?: string;
  from?: Date;
  to?: Date;
};

/**
 * Newest first, filtered; keyset on id over the target, actor, action or id index (ids grow with time, so a time
 * range cuts one range of them).
 */
export async function listAudit(
  db: Queryable,
  filter: AuditFilter,
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
  if (filter.actorId) where.push(`actor_id = ${param(filter.actorId)}::bigint`);
  if (filter.action?.endsWith('.')) {
    where.push(`action like ${param(`${filter.action.replaceAll('_', '\\_')}%`)}`);
  } else if (filter.action) where.push(`action = ${param(filter.action)}`);
  if (filter.from) where.push(`created_at >= ${param(filter.from)}`);
  if (filter.to) where.push(`created_at < ${param(filter.to)}`);
  if (beforeId) where.push(`id < ${param(beforeId)}::bigint`);
  const { rows } = await db.query<AuditRow>(
    `select * from audit_entries ${where.length ? `where ${where.join(' and ')}` : ''}
      order by id desc limit ${param(limit)}`,
    params,
  );
  return rows;
}
