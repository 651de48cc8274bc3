import type { Withheld } from '../../../contract/analytics.js';
import type { Queryable } from '../../platform/db/database.js';
import { loadSettings } from '../settings/service.js';
import type { Filter } from './filters.js';

/**
 * The one rule of docs/PRIVACY.md ("What the scorecard computes about individuals"): a figure about fewer people
 * than the organisation's minimum is not shown, so no one is singled out. Every analytics read asks it here.
 */
export const minimumGroup = async (db: Queryable): Promise<number> =>
  (await loadSettings(db)).analyticsMinimumGroup;

/** The reason a figure is withheld, or null when its group of `people` may be shown (an empty group is nobody). */
export const withheldFor = (people: number, minimum: number): Withheld | null =>
  people > 0 && people < minimum ? { withheld: 'group_too_small', minimum } : null;

/**
 * The people a community's activity figure is about: its members, or the people who took part when more did (an
 * open community's readers may react without joining), so a large crowd in a community of few members still shows.
 */
export const communityGroup = (members: number, active: number) => Math.max(members, active);

/**
 * The people a filtered view is about, as they are now (department, location and membership keep no history):
 * active people with an account in the department and location, members of the community when one is chosen.
 */
export async function viewGroupSize(db: Queryable, filter: Filter): Promise<number> {
  const params: unknown[] = [];
  const where = ["p.status = 'active'"];
  for (const [column, value] of [
    ['department', filter.department],
    ['location', filter.location],
  ] as const) {
    if (value === null) continue;
    params.push(value);
    where.push(`p.${column} = $${params.length}`);
  }
  // A community's members are read from its own key range, not by probing every person.
  let from = 'people p';
  if (filter.communityId !== null) {
    params.push(filter.communityId);
    from = `community_members m join people p on p.id = m.person_id and m.community_id = $${params.length}`;
  }
  const { rows } = await db.query<{ people: number }>(
    `select count(*)::int as people from ${from} where ${where.join(' and ')}`,
    params,
  );
  return rows[0]!.people;
}

/** Whether a view is narrowed at all: the whole organisation is one view, never withheld as a filter. */
export const isFiltered = (filter: Filter) =>
  filter.communityId !== null || filter.department !== null || filter.location !== null;
