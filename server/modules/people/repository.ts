import type { Queryable } from '../../platform/db/database.js';
import { statement } from '../../platform/db/statement.js';

export type PersonRow = {
  id: string;
  handle: string;
  /** Null for people without an address (frontline workers brought in by an import). */
  email: string | null;
  name: string;
  title: string;
  department: string;
  location: string;
  time_zone: string;
  manager_id: string | null;
  is_leader: boolean;
  role: 'member' | 'community_manager' | 'admin';
  skills: string[];
  bio: string;
  avatar_url: string | null;
  locale: 'nl' | 'en' | null;
  status: 'active' | 'deactivated';
  password_hash: string | null;
  created_at: Date;
};

export type SummaryRow = Pick<
  PersonRow,
  'id' | 'handle' | 'name' | 'title' | 'department' | 'location' | 'avatar_url' | 'is_leader' | 'status'
>;

export const summaryColumns = (alias = 'p') =>
  ['id', 'handle', 'name', 'title', 'department', 'location', 'avatar_url', 'is_leader', 'status']
    .map((column) => `${alias}.${column}`)
    .join(', ');

/** A person's summary as a JSON object with SummaryRow's keys (ids as text), for statements that nest people. */
export const personJsonSql = (alias: string) =>
  `json_build_object('id', ${alias}.id::text, 'handle', ${alias}.handle, 'name', ${alias}.name, 'title', ${alias}.title,
     'department', ${alias}.department, 'location', ${alias}.location, 'avatar_url', ${alias}.avatar_url,
     'is_leader', ${alias}.is_leader, 'status', ${alias}.status)`;

/** A profile: the person (never the password hash), manager, direct reports and follow counts. */
export type ProfileRow = Omit<PersonRow, 'password_hash'> & {
  manager: SummaryRow | null;
  reports: SummaryRow[];
  followers: number;
  following: number;
  followed_by_me: boolean;
};

// One statement for the whole profile; direct reports are capped so a page stays bounded.
const profileSql = (where: string) =>
  statement(
    `select p.id, p.handle, p.email, p.name, p.title, p.department, p.location, p.time_zone, p.manager_id,
            p.is_leader, p.role, p.skills, p.bio, p.avatar_url, p.locale, p.status, p.created_at,
            (select ${personJsonSql('m')} from people m where m.id = p.manager_id) as manager,
            (select coalesce(json_agg(${personJsonSql('r')} order by lower(r.name), r.id), '[]')
               from (select ${summaryColumns('d')} from people d where d.manager_id = p.id and d.status = 'active'
                      order by lower(d.name), d.id limit 100) r) as reports,
            (select count(*)::int from person_follows where followee_id = p.id) as followers,
            (select count(*)::int from person_follows where follower_id = p.id) as following,
            exists (select 1 from person_follows where follower_id = $2 and followee_id = p.id) as followed_by_me
       from people p where ${where}`,
  );
const PROFILE_BY_HANDLE = profileSql('lower(p.handle) = lower($1)');
const PROFILE_BY_ID = profileSql('p.id = $1');

export async function findProfile(
  db: Queryable,
  by: { handle: string } | { id: string },
  viewerId: string | null,
): Promise<ProfileRow | null> {
  const { rows } = await db.query<ProfileRow>({
    ...('handle' in by ? PROFILE_BY_HANDLE : PROFILE_BY_ID),
    values: ['handle' in by ? by.handle : by.id, viewerId],
  });
  return rows[0] ?? null;
}

export async function findByHandle(db: Queryable, handle: string): Promise<PersonRow | null> {
  const { rows } = await db.query<PersonRow>('select * from people where lower(handle) = lower($1)', [
    handle,
  ]);
  return rows[0] ?? null;
}

export async function findById(db: Queryable, id: string): Promise<PersonRow | null> {
  const { rows } = await db.query<PersonRow>('select * from people where id = $1', [id]);
  return rows[0] ?? null;
}

export async function findByEmail(db: Queryable, email: string): Promise<PersonRow | null> {
  const { rows } = await db.query<PersonRow>('select * from people where lower(email) = lower($1)', [email]);
  return rows[0] ?? null;
}

export async function handleTaken(db: Queryable, handle: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from people where lower(handle) = lower($1)', [handle]);
  return rows.length > 0;
}

export type NewPerson = {
  handle: string;
  email: string;
  name: string;
  title: string;
  department: string;
  location: string;
  timeZone: string;
  managerId: string | null;
  isLeader: boolean;
  role: PersonRow['role'];
  skills: string[];
  bio: string;
  locale: 'nl' | 'en' | null;
  passwordHash: string | null;
  /** How they came in ('admin', 'sso', 'bootstrap'…); invitations and SCIM record their own. */
  provisionedVia?: string;
};

export async function insertPerson(db: Queryable, person: NewPerson, now: Date): Promise<PersonRow> {
  const { rows } = await db.query<PersonRow>(
    `insert into people (handle, email, name, title, department, location, time_zone, manager_id, is_leader, role,
                         skills, bio, locale, password_hash, created_at, updated_at, provisioned_via, provisioned_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17)
     returning *`,
    [
      person.handle,
      person.email,
      person.name,
      person.title,
      person.department,
      person.location,
      person.timeZone,
      person.managerId,
      person.isLeader,
      person.role,
      person.skills,
      person.bio,
      person.locale,
      person.passwordHash,
      now,
      person.provisionedVia ?? null,
      person.provisionedVia ? now : null,
    ],
  );
  return rows[0]!;
}

const updatableColumns = {
  handle: 'handle',
  email: 'email',
  name: 'name',
  title: 'title',
  department: 'department',
  location: 'location',
  timeZone: 'time_zone',
  managerId: 'manager_id',
  isLeader: 'is_leader',
  role: 'role',
  skills: 'skills',
  bio: 'bio',
  avatarUrl: 'avatar_url',
  locale: 'locale',
  status: 'status',
  passwordHash: 'password_hash',
} as const;

export type PersonChanges = Partial<Record<keyof typeof updatableColumns, unknown>>;

export async function updatePerson(
  db: Queryable,
  id: string,
  changes: PersonChanges,
  now: Date,
): Promise<PersonRow> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  const sets = entries.map(
    ([key], i) => `${updatableColumns[key as keyof typeof updatableColumns]} = $${i + 3}`,
  );
  const { rows } = await db.query<PersonRow>(
    `update people set ${[...sets, 'updated_at = $2'].join(', ')} where id = $1 returning *`,
    [id, now, ...entries.map(([, value]) => value)],
  );
  return rows[0]!;
}

/** True when candidate is person or one of person's (indirect) reports: making them the manager would loop. */
export async function wouldCreateCycle(
  db: Queryable,
  personId: string,
  candidateManagerId: string,
): Promise<boolean> {
  const { rows } = await db.query(
    `with recursive chain(id, depth) as (
       select $2::bigint, 0
       union all
       select p.manager_id, c.depth + 1 from people p join chain c on p.id = c.id
        where p.manager_id is not null and c.depth < 100)
     select 1 from chain where id = $1 limit 1`,
    [personId, candidateManagerId],
  );
  return rows.length > 0;
}

export type PeopleFilter = { q?: string; skill?: string; department?: string; location?: string };

/** The active directory, ordered by name; keyset on (lower(name), id). */
export async function listPeople(
  db: Queryable,
  filter: PeopleFilter,
  after: { name: string; id: string } | null,
  limit: number,
): Promise<SummaryRow[]> {
  const where = ["p.status = 'active'"];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.q) {
    where.push(
      `lower(p.name || ' ' || p.handle || ' ' || p.title) like ${param(`%${escapeLike(filter.q.toLowerCase())}%`)}`,
    );
  }
  if (filter.skill) where.push(`plein_lower_array(p.skills) @> array[lower(${param(filter.skill)})]`);
  if (filter.department) where.push(`lower(p.department) = lower(${param(filter.department)})`);
  if (filter.location) where.push(`lower(p.location) = lower(${param(filter.location)})`);
  if (after) where.push(`(lower(p.name), p.id) > (${param(after.name)}, ${param(after.id)}::bigint)`);
  const { rows } = await db.query<SummaryRow>(
    `select ${summaryColumns()} from people p where ${where.join(' and ')}
      order by lower(p.name), p.id limit ${param(limit)}`,
    params,
  );
  return rows;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function summariesByIds(db: Queryable, ids: string[]): Promise<Map<string, SummaryRow>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<SummaryRow>(
    `select ${summaryColumns()} from people p where p.id = any($1::bigint[])`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

export async function follow(
  db: Queryable,
  followerId: string,
  followeeId: string,
  now: Date,
): Promise<void> {
  await db.query(
    `insert into person_follows (follower_id, followee_id, created_at) values ($1, $2, $3)
     on conflict do nothing`,
    [followerId, followeeId, now],
  );
}

export async function unfollow(db: Queryable, followerId: string, followeeId: string): Promise<void> {
  await db.query('delete from person_follows where follower_id = $1 and followee_id = $2', [
    followerId,
    followeeId,
  ]);
}
