import type { Queryable } from '../../platform/db/database.js';
import { type SummaryRow, summaryColumns } from '../people/repository.js';

export type DemoPersonRow = SummaryRow & { role: 'member' | 'community_manager' | 'admin' };

/** The active people of the demo organisation (by their email domain), leaders and roles first. */
export async function listDemoPeople(db: Queryable, emailDomain: string): Promise<DemoPersonRow[]> {
  const { rows } = await db.query<DemoPersonRow>(
    `select ${summaryColumns('p')}, p.role
       from people p
      where p.status = 'active' and lower(p.email) like '%@' || lower($1)
      order by p.is_leader desc, p.role <> 'member' desc, p.name, p.id
      limit 100`,
    [emailDomain],
  );
  return rows;
}

export async function findDemoPerson(db: Queryable, handle: string, emailDomain: string) {
  const { rows } = await db.query<{ id: string }>(
    `select id from people
      where lower(handle) = lower($1) and status = 'active' and lower(email) like '%@' || lower($2)`,
    [handle, emailDomain],
  );
  return rows[0] ?? null;
}
