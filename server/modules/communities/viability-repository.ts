import type { Queryable } from '../../platform/db/database.js';

type Viability = { kind: 'general' | 'specialist'; viability_threshold: number };

/** Records a change of kind or threshold (docs/ANALYTICS.md, "Viable communities"); nothing when neither changed. */
export async function recordViabilityChange(
  db: Queryable,
  change: { communityId: string; at: Date; by: string; before: Viability; after: Viability },
): Promise<void> {
  const { before, after } = change;
  if (before.kind === after.kind && before.viability_threshold === after.viability_threshold) return;
  await db.query(
    `insert into community_viability_changes
       (community_id, changed_at, changed_by, kind_before, kind_after, threshold_before, threshold_after)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      change.communityId,
      change.at,
      change.by,
      before.kind,
      after.kind,
      before.viability_threshold,
      after.viability_threshold,
    ],
  );
}

/**
 * The kind and threshold each community with a recorded change had at `moment` (an SQL timestamptz): the value
 * after its last change before then, else the value before its first change since. Communities never changed are
 * not listed: theirs is the current value. The history is small (edits by hand), so this reads all of it.
 */
export const heldAtSql = (moment: string) => `
  select distinct on (h.community_id) h.community_id,
         case when h.changed_at < ${moment} then h.kind_after else h.kind_before end as kind,
         case when h.changed_at < ${moment} then h.threshold_after else h.threshold_before end as threshold
    from community_viability_changes h
   order by h.community_id, (h.changed_at < ${moment}) desc,
            case when h.changed_at < ${moment} then h.changed_at end desc,
            case when h.changed_at < ${moment} then h.id end desc, h.changed_at, h.id`;

export type ViabilityChangeRow = {
  changed_at: Date;
  changed_by: string | null;
  kind_before: 'general' | 'specialist';
  kind_after: 'general' | 'specialist';
  threshold_before: number;
  threshold_after: number;
};

/** One community's changes from `from` (inclusive) to `to` (exclusive), oldest first. */
export async function changesBetween(
  db: Queryable,
  communityId: string,
  from: Date,
  to: Date,
): Promise<ViabilityChangeRow[]> {
  const { rows } = await db.query<ViabilityChangeRow>(
    `select changed_at, changed_by, kind_before, kind_after, threshold_before, threshold_after
       from community_viability_changes
      where community_id = $1 and changed_at >= $2 and changed_at < $3
      order by changed_at, id`,
    [communityId, from, to],
  );
  return rows;
}

/** The same for one community (`community`, an SQL id) at `moment`, its current threshold when never changed. */
export const thresholdAtSql = (community: string, moment: string) => `coalesce(
  (select h.threshold_after from community_viability_changes h
    where h.community_id = ${community} and h.changed_at < ${moment} order by h.changed_at desc, h.id desc limit 1),
  (select h.threshold_before from community_viability_changes h
    where h.community_id = ${community} and h.changed_at >= ${moment} order by h.changed_at, h.id limit 1),
  (select c.viability_threshold from communities c where c.id = ${community}))`;
