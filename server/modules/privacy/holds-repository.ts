import type { Queryable } from '../../platform/db/database.js';

export type HoldRow = {
  id: string;
  target_type: 'person' | 'community';
  person_handle: string | null;
  person_name: string | null;
  community_slug: string | null;
  community_name: string | null;
  reason: string;
  placed_by_handle: string | null;
  placed_at: Date;
  community_id: string | null;
  person_id: string | null;
};

export async function activeHolds(db: Queryable): Promise<HoldRow[]> {
  const { rows } = await db.query<HoldRow>(
    `select h.id, h.target_type, p.handle as person_handle, p.name as person_name, c.slug as community_slug,
            c.name as community_name, h.reason, pb.handle as placed_by_handle, h.placed_at, h.community_id,
            h.person_id
       from legal_holds h
       left join people p on p.id = h.person_id
       left join communities c on c.id = h.community_id
       left join people pb on pb.id = h.placed_by
      where h.released_at is null
      order by h.id desc`,
  );
  return rows;
}

export async function findActiveHold(db: Queryable, id: string): Promise<HoldRow | null> {
  const rows = await activeHolds(db);
  return rows.find((row) => row.id === id) ?? null;
}

export async function personIsHeld(db: Queryable, personId: string): Promise<boolean> {
  const { rows } = await db.query(
    'select 1 from legal_holds where person_id = $1 and released_at is null for share',
    [personId],
  );
  return rows.length > 0;
}

/** Inserts a hold; null when one is already active for the target (the partial unique index). */
export async function insertHold(
  db: Queryable,
  hold: { personId: string | null; communityId: string | null; reason: string; placedBy: string },
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `insert into legal_holds (target_type, person_id, community_id, reason, placed_by)
     values ($1, $2, $3, $4, $5) on conflict do nothing returning id`,
    [hold.personId ? 'person' : 'community', hold.personId, hold.communityId, hold.reason, hold.placedBy],
  );
  return rows[0]?.id ?? null;
}

export async function releaseHold(db: Queryable, id: string, by: string): Promise<boolean> {
  const result = await db.query(
    'update legal_holds set released_at = now(), released_by = $2 where id = $1 and released_at is null',
    [id, by],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function setComplianceOfficer(db: Queryable, personId: string, on: boolean): Promise<void> {
  await db.query('update people set compliance_officer = $2 where id = $1', [personId, on]);
}

export async function isComplianceOfficer(db: Queryable, personId: string): Promise<boolean> {
  const { rows } = await db.query<{ compliance_officer: boolean }>(
    'select compliance_officer from people where id = $1',
    [personId],
  );
  return rows[0]?.compliance_officer ?? false;
}
