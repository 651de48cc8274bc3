/** What the scorecard is narrowed to; a community is resolved (and its access checked) before it gets here. */
export type Filter = { communityId: string | null; department: string | null; location: string | null };

/** A period as inclusive UTC days. */
export type Period = { from: string; to: string };

/** The period and the one before it, as inclusive UTC days. */
export type Periods = { from: string; to: string; previousFrom: string; previousTo: string };

/**
 * The WHERE clause on a grained roll-up for a filter: the one stored grain that matches exactly (0, 1, 2, 4), or
 * the finest (7) for combinations, where the unset dimensions are summed over.
 */
export function grainWhere(filter: Filter, params: unknown[]): string {
  const dims = [
    ['community_id', filter.communityId, 1],
    ['department', filter.department, 2],
    ['location', filter.location, 4],
  ] as const;
  const mask = dims.reduce((sum, [, value, bit]) => sum + (value === null ? 0 : bit), 0);
  const grain = [0, 1, 2, 4].includes(mask) ? mask : 7;
  params.push(grain);
  const clauses = [`grain = $${params.length}`];
  for (const [column, value] of dims) {
    if (value !== null) {
      params.push(value);
      clauses.push(`${column} = $${params.length}`);
    } else if (grain !== 7) {
      clauses.push(`${column} is null`);
    }
  }
  return clauses.join(' and ');
}

/** Conditions on a person row `alias` for the department and location filters (people figures). */
export function personWhere(alias: string, filter: Filter, params: unknown[]): string {
  const clauses: string[] = [];
  if (filter.department !== null) {
    params.push(filter.department);
    clauses.push(`${alias}.department = $${params.length}`);
  }
  if (filter.location !== null) {
    params.push(filter.location);
    clauses.push(`${alias}.location = $${params.length}`);
  }
  return clauses.length ? ` and ${clauses.join(' and ')}` : '';
}
