import type { Queryable } from '../../platform/db/database.js';

/** Records that each person took part in a community on each given UTC day, as the activity roll-up would. */
export async function activeOn(
  db: Queryable,
  communityId: string,
  days: Record<string, string[]>,
): Promise<void> {
  for (const [personId, personDays] of Object.entries(days)) {
    for (const day of personDays) {
      await db.query(
        `insert into community_active_days (community_id, day, person_id) values ($1, $2, $3) on conflict do nothing`,
        [communityId, day, personId],
      );
    }
  }
}

export async function setThreshold(db: Queryable, communityId: string, threshold: number): Promise<void> {
  await db.query('update communities set viability_threshold = $2 where id = $1', [communityId, threshold]);
}
