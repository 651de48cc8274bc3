import type { Queryable } from '../../platform/db/database.js';
import type { Visibility } from './access.js';

export type CommunityRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  visibility: Visibility;
  kind: 'general' | 'specialist';
  viability_threshold: number;
  sponsor_id: string | null;
  created_by: string | null;
  member_count: number;
  created_at: Date;
  updated_at: Date;
};

/** A community as one viewer sees it: with their role and whether they asked to join. */
export type ViewedCommunityRow = CommunityRow & {
  my_role: 'owner' | 'member' | null;
  my_request: boolean;
};

const columns =
  'c.id, c.slug, c.name, c.description, c.visibility, c.kind, c.viability_threshold, c.sponsor_id, ' +
  'c.created_by, c.member_count, c.created_at, c.updated_at';

// Probed once per returned row, by the partial unique index of pending requests.
const myRequestSql = (alias: string, viewerParam: string) =>
  `exists (select 1 from membership_requests r
            where r.community_id = ${alias}.id and r.person_id = ${viewerParam} and r.status = 'pending')`;

export async function findViewed(
  db: Queryable,
  slug: string,
  viewerId: string,
): Promise<ViewedCommunityRow | null> {
  const { rows } = await db.query<ViewedCommunityRow>(
    `select ${columns}, m.role as my_role, ${myRequestSql('c', '$2')} as my_request
       from communities c
       left join community_members m on m.community_id = c.id and m.person_id = $2
      where lower(c.slug) = lower($1)`,
    [slug, viewerId],
  );
  return rows[0] ?? null;
}

export type DirectoryFilter = { q?: string; kind?: 'general' | 'specialist'; mine: boolean };

/** The directory: what the viewer may know exists, ordered by name; keyset on (lower(name), id). */
export async function listViewed(
  db: Queryable,
  viewerId: string,
  filter: DirectoryFilter,
  after: { name: string; id: string } | null,
  limit: number,
): Promise<(ViewedCommunityRow & { sort_name: string })[]> {
  const params: unknown[] = [viewerId];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  // Secret communities exist only for their members (access.ts).
  const where = ["(c.visibility <> 'secret' or m.person_id is not null)"];
  if (filter.mine) where.push('m.person_id is not null');
  if (filter.kind) where.push(`c.kind = ${param(filter.kind)}`);
  if (filter.q) {
    const pattern = param(`%${escapeLike(filter.q.toLowerCase())}%`);
    where.push(`(lower(c.name) like ${pattern} or lower(c.slug) like ${pattern})`);
  }
  if (after) where.push(`(lower(c.name), c.id) > (${param(after.name)}, ${param(after.id)}::bigint)`);
  const { rows } = await db.query<ViewedCommunityRow & { sort_name: string }>(
    // The page is cut first; only its rows are asked about my pending request (no scan of all requests).
    `select page.*, ${myRequestSql('page', '$1')} as my_request
       from (select ${columns}, m.role as my_role, lower(c.name) as sort_name
               from communities c
               left join community_members m on m.community_id = c.id and m.person_id = $1
              where ${where.join(' and ')}
              order by lower(c.name), c.id
              limit ${param(limit)}) page
      order by page.sort_name, page.id`,
    params,
  );
  return rows;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function slugTaken(db: Queryable, slug: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from communities where lower(slug) = lower($1)', [slug]);
  return rows.length > 0;
}

/** Takes the community's row lock: membership changes of one community run one at a time (last-owner rule). */
export async function lockCommunity(db: Queryable, id: string): Promise<CommunityRow | null> {
  const { rows } = await db.query<CommunityRow>(
    `select ${columns} from communities c where c.id = $1 for update`,
    [id],
  );
  return rows[0] ?? null;
}

export type NewCommunity = {
  slug: string;
  name: string;
  description: string;
  visibility: Visibility;
  kind: 'general' | 'specialist';
  viabilityThreshold: number;
  sponsorId: string | null;
  /** Null when no person made it (a SCIM group's community). */
  createdBy: string | null;
};

export async function insertCommunity(
  db: Queryable,
  community: NewCommunity,
  now: Date,
): Promise<CommunityRow> {
  const { rows } = await db.query<CommunityRow>(
    `insert into communities (slug, name, description, visibility, kind, viability_threshold, sponsor_id,
                              created_by, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
     returning *`,
    [
      community.slug,
      community.name,
      community.description,
      community.visibility,
      community.kind,
      community.viabilityThreshold,
      community.sponsorId,
      community.createdBy,
      now,
    ],
  );
  return rows[0]!;
}

export const updatableColumns = {
  name: 'name',
  description: 'description',
  visibility: 'visibility',
  kind: 'kind',
  viabilityThreshold: 'viability_threshold',
  sponsorId: 'sponsor_id',
} as const;

export type CommunityChanges = Partial<Record<keyof typeof updatableColumns, unknown>>;

export async function updateCommunity(
  db: Queryable,
  id: string,
  changes: CommunityChanges,
  now: Date,
): Promise<CommunityRow> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  const sets = entries.map(
    ([key], i) => `${updatableColumns[key as keyof typeof updatableColumns]} = $${i + 3}`,
  );
  const { rows } = await db.query<CommunityRow>(
    `update communities set ${[...sets, 'updated_at = $2'].join(', ')} where id = $1 returning *`,
    [id, now, ...entries.map(([, value]) => value)],
  );
  return rows[0]!;
}

/** The owners shown on a community's page; a community has a handful, the cap keeps a page bounded. */
export async function ownerIds(db: Queryable, communityId: string, limit = 50): Promise<string[]> {
  const { rows } = await db.query<{ person_id: string }>(
    `select m.person_id from community_members m
      where m.community_id = $1 and m.role = 'owner' order by m.joined_at, m.person_id limit $2`,
    [communityId, limit],
  );
  return rows.map((row) => row.person_id);
}
