import type { Viewer } from '../../platform/auth/viewer.js';
import type { Queryable } from '../../platform/db/database.js';
import { statement } from '../../platform/db/statement.js';
import { forbidden, notFound } from '../../platform/http/problem.js';

export type Visibility = 'open' | 'closed' | 'secret';

export type CommunityAccess = {
  id: string;
  slug: string;
  name: string;
  visibility: Visibility;
  role: 'owner' | 'member' | null;
  /** May know the community exists (secret ones only for members). */
  canSee: boolean;
  /** May read its threads, replies, members and feed. */
  canRead: boolean;
  /** May post in it (members; anyone in an open one, who then joins). */
  canPost: boolean;
  /**
   * May change its settings: its owners, and admins for communities they can see. Widening it and the membership
   * of a closed or secret one stay with its owners (policy.ts).
   */
  canManage: boolean;
};

/**
 * The one rule for community privacy (ARCHITECTURE.md, "Who sees what"):
 * open → everyone reads; closed → everyone sees it exists, members read; secret → only members know it exists.
 * Admins have no view into closed or secret content; they manage only what they can see.
 */
export function accessFor(
  viewer: Viewer | null,
  community: { id: string; slug: string; name: string; visibility: Visibility },
  role: 'owner' | 'member' | null,
): CommunityAccess {
  const member = role !== null;
  const canSee = viewer !== null && (community.visibility !== 'secret' || member);
  const canRead = canSee && (community.visibility === 'open' || member);
  return {
    ...community,
    role,
    canSee,
    canRead,
    canPost: canRead,
    canManage: canSee && (role === 'owner' || viewer?.role === 'admin'),
  };
}

const accessSql = (where: string) =>
  statement(
    `select c.id, c.slug, c.name, c.visibility, m.role
       from communities c
       left join community_members m on m.community_id = c.id and m.person_id = $2
      where ${where}`,
  );
const ACCESS_BY_ID = accessSql('c.id = $1');
const ACCESS_BY_SLUG = accessSql('lower(c.slug) = lower($1)');

export async function loadAccess(
  db: Queryable,
  viewer: Viewer | null,
  by: { id: string } | { slug: string },
): Promise<CommunityAccess | null> {
  const { rows } = await db.query<{
    id: string;
    slug: string;
    name: string;
    visibility: Visibility;
    role: 'owner' | 'member' | null;
  }>({
    ...('id' in by ? ACCESS_BY_ID : ACCESS_BY_SLUG),
    values: ['id' in by ? by.id : by.slug, viewer?.id ?? null],
  });
  const row = rows[0];
  return row ? accessFor(viewer, row, row.role) : null;
}

/** 404 when the viewer may not know it exists; the access otherwise. */
export async function requireVisible(
  db: Queryable,
  viewer: Viewer | null,
  by: { id: string } | { slug: string },
) {
  const access = await loadAccess(db, viewer, by);
  if (!access?.canSee) throw notFound('community');
  return access;
}

/** 404 for secret, 403 for closed communities the viewer is not in. */
export async function requireReadable(
  db: Queryable,
  viewer: Viewer | null,
  by: { id: string } | { slug: string },
) {
  return requireReadableAccess(await loadAccess(db, viewer, by));
}

/** As requireReadable, for access a statement loaded together with the page it guards (null: no such community). */
export function requireReadableAccess(access: CommunityAccess | null): CommunityAccess {
  if (!access?.canSee) throw notFound('community');
  if (!access.canRead)
    throw forbidden('This community is closed: only its members can read it. Ask to join.');
  return access;
}

/**
 * SQL that is true when the viewer may read content of community `column` (null = outside any community).
 * Every list, feed, count and event query that touches community content uses this.
 */
export const readableCommunitySql = (column: string, viewerParam: string) =>
  // A scalar subquery per row (a primary-key probe): the planner cannot turn it into a scan of every community.
  `(${column} is null
    or (select rc.visibility from communities rc where rc.id = ${column}) = 'open'
    or exists (select 1 from community_members rm where rm.community_id = ${column} and rm.person_id = ${viewerParam}))`;
