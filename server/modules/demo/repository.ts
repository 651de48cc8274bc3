import type { Queryable } from '../../platform/db/database.js';
import { type SummaryRow, summaryColumns } from '../people/repository.js';

export type DemoPersonRow = SummaryRow & { role: 'member' | 'community_manager' | 'admin' };

const demoPerson = `p.status = 'active' and lower(p.email) like '%@' || lower($1)`;

/** The featured demo people, in the order given (those that exist and are active). */
export async function findDemoPeople(db: Queryable, emailDomain: string, handles: readonly string[]) {
  const { rows } = await db.query<DemoPersonRow>(
    `select ${summaryColumns('p')}, p.role
       from unnest($2::text[]) with ordinality as featured(handle, position)
       join people p on lower(p.handle) = lower(featured.handle)
      where ${demoPerson}
      order by featured.position`,
    [emailDomain, handles],
  );
  return rows;
}

/** Demo people whose name or handle holds the words typed, leaders and roles first. */
export async function searchDemoPeople(db: Queryable, emailDomain: string, q: string, limit: number) {
  const { rows } = await db.query<DemoPersonRow>(
    `select ${summaryColumns('p')}, p.role
       from people p
      where ${demoPerson} and (p.name ilike $2 or p.handle ilike $2)
      order by p.is_leader desc, p.role <> 'member' desc, p.name, p.id
      limit $3`,
    [emailDomain, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit],
  );
  return rows;
}

export async function findDemoPerson(db: Queryable, handle: string, emailDomain: string) {
  const { rows } = await db.query<{ id: string }>(
    `select p.id from people p where lower(p.handle) = lower($2) and ${demoPerson}`,
    [emailDomain, handle],
  );
  return rows[0] ?? null;
}
