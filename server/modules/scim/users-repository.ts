import type { Queryable } from '../../platform/db/database.js';
import { statement } from '../../platform/db/statement.js';
import type { Doc } from './document.js';

/** A person as SCIM sees them: Plein's columns plus what only SCIM keeps. */
export type ScimUserRow = {
  id: string;
  handle: string;
  email: string;
  name: string;
  title: string;
  department: string;
  location: string;
  locale: 'nl' | 'en' | null;
  status: 'active' | 'deactivated';
  role: 'member' | 'community_manager' | 'admin';
  is_leader: boolean;
  manager_id: string | null;
  manager_name: string | null;
  external_id: string | null;
  scim_user_name: string | null;
  scim_data: Doc | null;
  provisioned_via: string | null;
  created_at: Date;
  updated_at: Date;
};

const columns = `p.id, p.handle, p.email, p.name, p.title, p.department, p.location, p.locale, p.status, p.role,
  p.is_leader, p.manager_id, m.name as manager_name, p.external_id, p.scim_user_name, p.scim_data,
  p.provisioned_via, p.created_at, p.updated_at`;

const USER_BY_ID = statement(
  `select ${columns} from people p left join people m on m.id = p.manager_id
    where p.id = $1 and p.scim_deleted_at is null`,
);
const USER_BY_ID_LOCKED = statement(
  `select ${columns} from people p left join people m on m.id = p.manager_id
    where p.id = $1 and p.scim_deleted_at is null for update of p`,
);

/** A living person by id (one the provider deleted is gone); `lock` holds the row for a write. */
export async function findUser(db: Queryable, id: string, lock = false): Promise<ScimUserRow | null> {
  if (!/^[1-9]\d{0,17}$/.test(id)) return null;
  const { rows } = await db.query<ScimUserRow>({ ...(lock ? USER_BY_ID_LOCKED : USER_BY_ID), values: [id] });
  return rows[0] ?? null;
}

/** One page of living people matching a filter's SQL, in id order, and how many match in all. */
export async function listUsers(
  db: Queryable,
  where: { sql: string; values: unknown[] },
  offset: number,
  limit: number,
): Promise<{ rows: ScimUserRow[]; total: number }> {
  const condition = `p.scim_deleted_at is null and ${where.sql}`;
  const { rows: counted } = await db.query<{ n: number }>(
    `select count(*)::int as n from people p where ${condition}`,
    where.values,
  );
  const total = counted[0]!.n;
  if (limit === 0 || offset >= total) return { rows: [], total };
  const n = where.values.length;
  const { rows } = await db.query<ScimUserRow>(
    `select ${columns} from people p left join people m on m.id = p.manager_id
      where ${condition} order by p.id offset $${n + 1} limit $${n + 2}`,
    [...where.values, offset, limit],
  );
  return { rows, total };
}

/** Whether another living person has this userName (their email, when they were made without SCIM). */
export async function userNameTaken(
  db: Queryable,
  userName: string,
  exceptId: string | null,
): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from people
      where lower(coalesce(scim_user_name, email)) = lower($1) and id is distinct from $2::bigint`,
    [userName, exceptId],
  );
  return rows.length > 0;
}

export async function emailOwner(db: Queryable, email: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>('select id from people where lower(email) = lower($1)', [
    email,
  ]);
  return rows[0]?.id ?? null;
}

/** Whether a manager reference names a living person. */
export async function livingPerson(db: Queryable, id: string): Promise<boolean> {
  if (!/^[1-9]\d{0,17}$/.test(id)) return false;
  const { rows } = await db.query('select 1 from people where id = $1 and scim_deleted_at is null', [id]);
  return rows.length > 0;
}

export type ScimPersonFields = {
  userName: string;
  externalId: string | null;
  email: string;
  name: string;
  title: string;
  department: string;
  location: string;
  locale: 'nl' | 'en' | null;
  status: 'active' | 'deactivated';
  managerId: string | null;
  scimData: Doc;
};

export async function insertUser(
  db: Queryable,
  person: ScimPersonFields & { handle: string },
  now: Date,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into people (handle, email, name, title, department, location, locale, status, manager_id,
                         scim_user_name, external_id, scim_data, provisioned_via, provisioned_at, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'scim', $13, $13, $13)
     returning id`,
    [
      person.handle,
      person.email,
      person.name,
      person.title,
      person.department,
      person.location,
      person.locale,
      person.status,
      person.managerId,
      person.userName,
      person.externalId,
      JSON.stringify(person.scimData),
      now,
    ],
  );
  return rows[0]!.id;
}

export async function updateUser(
  db: Queryable,
  id: string,
  person: ScimPersonFields,
  now: Date,
): Promise<void> {
  await db.query(
    `update people set email = $2, name = $3, title = $4, department = $5, location = $6, locale = $7, status = $8,
                       manager_id = $9, scim_user_name = $10, external_id = $11, scim_data = $12, updated_at = $13
      where id = $1`,
    [
      id,
      person.email,
      person.name,
      person.title,
      person.department,
      person.location,
      person.locale,
      person.status,
      person.managerId,
      person.userName,
      person.externalId,
      JSON.stringify(person.scimData),
      now,
    ],
  );
}

/** The provider deleted them: deactivated, their address freed for a newcomer, gone for SCIM; posts stay. */
export async function markDeleted(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query(
    `update people set status = 'deactivated', scim_deleted_at = $2, updated_at = $2, scim_user_name = null,
                       email = 'deleted-' || id || '@scim.invalid'
      where id = $1`,
    [id, now],
  );
  await db.query('delete from scim_group_members where person_id = $1', [id]);
}
