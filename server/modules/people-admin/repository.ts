import type { Queryable } from '../../platform/db/database.js';

export type AdminPersonRow = {
  id: string;
  handle: string;
  name: string;
  email: string | null;
  title: string;
  department: string;
  role: 'member' | 'community_manager' | 'admin';
  is_leader: boolean;
  status: 'active' | 'pending' | 'deactivated';
  source: string;
  provisioned_at: Date | null;
  scim_managed: boolean;
  invited_at: Date | null;
  activated_at: Date | null;
  last_sign_in_at: Date | null;
  created_at: Date;
  invitation_id: string | null;
  invitation_status: 'open' | 'expired' | 'accepted' | 'revoked' | null;
};

// Imports mark their people with import_source (modules/import) rather than provisioned_via.
const sourceSql = `coalesce(p.provisioned_via, case when p.import_source is not null then 'import' end, 'unknown')`;
const statusSql = `case when p.status = 'deactivated' then 'deactivated'
  when p.activated_at is null then 'pending' else 'active' end`;

export type AdminPeopleFilter = { q?: string; status?: string; source?: string };

/** Everyone, deactivated people included, by name; keyset on (lower(name), id) over people_name_idx. */
export async function listPeople(
  db: Queryable,
  filter: AdminPeopleFilter,
  after: { name: string; id: string } | null,
  limit: number,
  now: Date,
): Promise<AdminPersonRow[]> {
  const params: unknown[] = [now];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ['true'];
  if (filter.q) {
    const like = param(`%${escapeLike(filter.q.toLowerCase())}%`);
    where.push(`(lower(p.name || ' ' || p.handle || ' ' || p.title) like ${like}
                 or lower(coalesce(p.email, '')) like ${like})`);
  }
  if (filter.status) where.push(`${statusSql} = ${param(filter.status)}`);
  if (filter.source) where.push(`${sourceSql} = ${param(filter.source)}`);
  if (after) where.push(`(lower(p.name), p.id) > (${param(after.name)}, ${param(after.id)}::bigint)`);
  const { rows } = await db.query<AdminPersonRow>(
    `select p.id, p.handle, p.name, p.email, p.title, p.department, p.role, p.is_leader, ${statusSql} as status,
            ${sourceSql} as source, p.provisioned_at,
            coalesce(p.provisioned_via = 'scim' and p.scim_deleted_at is null, false) as scim_managed,
            p.invited_at, p.activated_at, p.last_sign_in_at, p.created_at,
            i.id as invitation_id,
            case when i.id is null then null when i.accepted_at is not null then 'accepted'
                 when i.revoked_at is not null then 'revoked' when i.expires_at <= $1 then 'expired'
                 else 'open' end as invitation_status
       from people p
       left join lateral (select id, accepted_at, revoked_at, expires_at from invitations
                           where person_id = p.id order by created_at desc, id desc limit 1) i on true
      where ${where.join(' and ')}
      order by lower(p.name), p.id limit ${param(limit)}`,
    params,
  );
  return rows;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
