import type { ScimGroupRole } from '../../config.js';
import type { Queryable } from '../../platform/db/database.js';

export type GroupRow = {
  id: string;
  display_name: string;
  external_id: string | null;
  role: ScimGroupRole | null;
  community_id: string | null;
  created_at: Date;
  updated_at: Date;
};

export type MemberRow = { person_id: string; display: string | null; name: string };

const columns = 'g.id, g.display_name, g.external_id, g.role, g.community_id, g.created_at, g.updated_at';

export async function findGroup(db: Queryable, id: string, lock = false): Promise<GroupRow | null> {
  if (!/^[1-9]\d{0,17}$/.test(id)) return null;
  const { rows } = await db.query<GroupRow>(
    `select ${columns} from scim_groups g where g.id = $1 ${lock ? 'for update' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function listGroups(
  db: Queryable,
  where: { sql: string; values: unknown[] },
  offset: number,
  limit: number,
): Promise<{ rows: GroupRow[]; total: number }> {
  const { rows: counted } = await db.query<{ n: number }>(
    `select count(*)::int as n from scim_groups g where ${where.sql}`,
    where.values,
  );
  const total = counted[0]!.n;
  if (limit === 0 || offset >= total) return { rows: [], total };
  const n = where.values.length;
  const { rows } = await db.query<GroupRow>(
    `select ${columns} from scim_groups g where ${where.sql} order by g.id offset $${n + 1} limit $${n + 2}`,
    [...where.values, offset, limit],
  );
  return { rows, total };
}

/** The members of some groups, each group's in id order. */
export async function membersOf(db: Queryable, groupIds: string[]): Promise<Map<string, MemberRow[]>> {
  const { rows } = await db.query<MemberRow & { group_id: string }>(
    `select m.group_id, m.person_id, m.display, p.name
       from scim_group_members m join people p on p.id = m.person_id
      where m.group_id = any($1::bigint[]) order by m.group_id, m.person_id`,
    [groupIds],
  );
  const byGroup = new Map<string, MemberRow[]>(groupIds.map((id) => [id, []]));
  for (const { group_id, ...member } of rows) byGroup.get(group_id)!.push(member);
  return byGroup;
}

export async function memberIds(db: Queryable, groupId: string): Promise<string[]> {
  const { rows } = await db.query<{ person_id: string }>(
    'select person_id from scim_group_members where group_id = $1',
    [groupId],
  );
  return rows.map((row) => row.person_id);
}

/** Which of these ids are living people (the provider may name one it never sent, or one it deleted). */
export async function livingPeople(db: Queryable, ids: string[]): Promise<Set<string>> {
  const digits = ids.filter((id) => /^[1-9]\d{0,17}$/.test(id));
  if (digits.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    'select id from people where id = any($1::bigint[]) and scim_deleted_at is null',
    [digits],
  );
  return new Set(rows.map((row) => row.id));
}

export async function insertGroup(
  db: Queryable,
  group: {
    displayName: string;
    externalId: string | null;
    role: ScimGroupRole | null;
    communityId: string | null;
  },
  now: Date,
): Promise<GroupRow> {
  const { rows } = await db.query<GroupRow>(
    `insert into scim_groups (display_name, external_id, role, community_id, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $5) returning *`,
    [group.displayName, group.externalId, group.role, group.communityId, now],
  );
  return rows[0]!;
}

export async function updateGroup(
  db: Queryable,
  id: string,
  changes: { displayName: string; externalId: string | null },
  now: Date,
): Promise<void> {
  await db.query(
    'update scim_groups set display_name = $2, external_id = $3, updated_at = $4 where id = $1',
    [id, changes.displayName, changes.externalId, now],
  );
}

export async function touchGroup(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query('update scim_groups set updated_at = $2 where id = $1', [id, now]);
}

export async function deleteGroup(db: Queryable, id: string): Promise<void> {
  await db.query('delete from scim_groups where id = $1', [id]);
}

/** Adds members (or updates the display text the provider sent); returns who was not a member before. */
export async function addMembers(
  db: Queryable,
  groupId: string,
  members: { personId: string; display: string | null }[],
): Promise<string[]> {
  if (members.length === 0) return [];
  const { rows } = await db.query<{ person_id: string; added: boolean }>(
    `insert into scim_group_members (group_id, person_id, display)
     select $1, person_id, display from unnest($2::bigint[], $3::text[]) as m(person_id, display)
     on conflict (group_id, person_id) do update set display = excluded.display
     returning person_id, (xmax = 0) as added`,
    [groupId, members.map((m) => m.personId), members.map((m) => m.display)],
  );
  return rows.filter((row) => row.added).map((row) => row.person_id);
}

/** Removes the members a SQL condition over `m` picks (or all); returns who was removed. */
export async function removeMembers(
  db: Queryable,
  groupId: string,
  where: { sql: string; values: unknown[] } | null,
): Promise<string[]> {
  const n = where?.values.length ?? 0;
  const { rows } = await db.query<{ person_id: string }>(
    `delete from scim_group_members m where m.group_id = $${n + 1} ${where ? `and ${where.sql}` : ''}
     returning m.person_id`,
    [...(where?.values ?? []), groupId],
  );
  return rows.map((row) => row.person_id);
}

/** A community of this name that no provider group stands for yet: a new group takes it over. */
export async function unlinkedCommunityNamed(db: Queryable, name: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `select c.id from communities c
      where lower(c.name) = lower($1) and not exists (select 1 from scim_groups g where g.community_id = c.id)
      order by c.id limit 1`,
    [name],
  );
  return rows[0]?.id ?? null;
}

/** The roles the person's other role groups still grant, after leaving one. */
export async function rolesGranted(db: Queryable, personId: string): Promise<ScimGroupRole[]> {
  const { rows } = await db.query<{ role: ScimGroupRole }>(
    `select distinct g.role from scim_group_members m join scim_groups g on g.id = m.group_id
      where m.person_id = $1 and g.role is not null`,
    [personId],
  );
  return rows.map((row) => row.role);
}

export async function rolesOf(
  db: Queryable,
  personId: string,
): Promise<{ role: 'member' | 'community_manager' | 'admin'; is_leader: boolean } | null> {
  const { rows } = await db.query<{ role: 'member' | 'community_manager' | 'admin'; is_leader: boolean }>(
    'select role, is_leader from people where id = $1',
    [personId],
  );
  return rows[0] ?? null;
}

export async function setRoles(
  db: Queryable,
  personId: string,
  roles: { role: 'member' | 'community_manager' | 'admin'; isLeader: boolean },
  now: Date,
): Promise<void> {
  await db.query('update people set role = $2, is_leader = $3, updated_at = $4 where id = $1', [
    personId,
    roles.role,
    roles.isLeader,
    now,
  ]);
}

/** A community's members as they stand (owners included), to keep them in step with the group. */
export async function communityMembership(
  db: Queryable,
  communityId: string,
  personIds: string[],
): Promise<Map<string, 'owner' | 'member'>> {
  const { rows } = await db.query<{ person_id: string; role: 'owner' | 'member' }>(
    'select person_id, role from community_members where community_id = $1 and person_id = any($2::bigint[])',
    [communityId, personIds],
  );
  return new Map(rows.map((row) => [row.person_id, row.role]));
}
