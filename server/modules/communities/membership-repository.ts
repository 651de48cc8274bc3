import type { Queryable } from '../../platform/db/database.js';
import { type SummaryRow, summaryColumns } from '../people/repository.js';

export type CommunityRole = 'owner' | 'member';

export type MembershipRow = { community_id: string; person_id: string; role: CommunityRole; joined_at: Date };

export async function findMembership(
  db: Queryable,
  communityId: string,
  personId: string,
): Promise<MembershipRow | null> {
  const { rows } = await db.query<MembershipRow>(
    'select * from community_members where community_id = $1 and person_id = $2',
    [communityId, personId],
  );
  return rows[0] ?? null;
}

/** Adds a member and keeps communities.member_count in step; returns null when they were one already. */
export async function addMember(
  db: Queryable,
  membership: { communityId: string; personId: string; role: CommunityRole },
  now: Date,
): Promise<MembershipRow | null> {
  const { rows } = await db.query<MembershipRow>(
    `insert into community_members (community_id, person_id, role, joined_at) values ($1, $2, $3, $4)
     on conflict do nothing returning *`,
    [membership.communityId, membership.personId, membership.role, now],
  );
  if (rows[0]) {
    await db.query('update communities set member_count = member_count + 1 where id = $1', [
      membership.communityId,
    ]);
  }
  return rows[0] ?? null;
}

/** Removes a member and keeps communities.member_count in step; returns whether they were one. */
export async function removeMember(db: Queryable, communityId: string, personId: string): Promise<boolean> {
  const result = await db.query('delete from community_members where community_id = $1 and person_id = $2', [
    communityId,
    personId,
  ]);
  const removed = (result.rowCount ?? 0) > 0;
  if (removed) {
    await db.query('update communities set member_count = greatest(member_count - 1, 0) where id = $1', [
      communityId,
    ]);
  }
  return removed;
}

export async function setRole(
  db: Queryable,
  communityId: string,
  personId: string,
  role: CommunityRole,
): Promise<MembershipRow> {
  const { rows } = await db.query<MembershipRow>(
    'update community_members set role = $3 where community_id = $1 and person_id = $2 returning *',
    [communityId, personId, role],
  );
  return rows[0]!;
}

export async function countOwners(db: Queryable, communityId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from community_members where community_id = $1 and role = 'owner'`,
    [communityId],
  );
  return rows[0]!.n;
}

export type MemberRow = SummaryRow & { member_role: CommunityRole; joined_at: Date; joined_us: string };

/**
 * Owners first, then the newest members; keyset on (role, joined_at, person_id), all descending, which
 * community_members_listing_idx serves without sorting the membership of a large community.
 */
export async function listMembers(
  db: Queryable,
  communityId: string,
  after: { role: string; joinedUs: string; personId: string } | null,
  limit: number,
): Promise<MemberRow[]> {
  const keyset = after
    ? `and (m.role, m.joined_at, m.person_id)
           < ($3, timestamptz 'epoch' + $4::bigint * interval '1 microsecond', $5::bigint)`
    : '';
  const { rows } = await db.query<MemberRow>(
    `select ${summaryColumns()}, m.role as member_role, m.joined_at,
            ((extract(epoch from m.joined_at) * 1000000)::numeric(20, 0))::text as joined_us
       from community_members m join people p on p.id = m.person_id
      where m.community_id = $1 ${keyset}
      order by m.role desc, m.joined_at desc, m.person_id desc
      limit $2`,
    after ? [communityId, limit, after.role, after.joinedUs, after.personId] : [communityId, limit],
  );
  return rows;
}

export type RequestRow = {
  id: string;
  community_id: string;
  person_id: string;
  message: string;
  status: 'pending' | 'approved' | 'declined';
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
};

export async function findPendingRequest(
  db: Queryable,
  communityId: string,
  personId: string,
): Promise<RequestRow | null> {
  const { rows } = await db.query<RequestRow>(
    `select * from membership_requests where community_id = $1 and person_id = $2 and status = 'pending'`,
    [communityId, personId],
  );
  return rows[0] ?? null;
}

export async function findRequest(db: Queryable, id: string): Promise<RequestRow | null> {
  const { rows } = await db.query<RequestRow>('select * from membership_requests where id = $1', [id]);
  return rows[0] ?? null;
}

/** Lock the request too: two owners deciding at once must not both win. */
export async function lockRequest(db: Queryable, id: string): Promise<RequestRow | null> {
  const { rows } = await db.query<RequestRow>('select * from membership_requests where id = $1 for update', [
    id,
  ]);
  return rows[0] ?? null;
}

export async function insertRequest(
  db: Queryable,
  request: { communityId: string; personId: string; message: string },
  now: Date,
): Promise<RequestRow> {
  const { rows } = await db.query<RequestRow>(
    `insert into membership_requests (community_id, person_id, message, created_at) values ($1, $2, $3, $4)
     returning *`,
    [request.communityId, request.personId, request.message, now],
  );
  return rows[0]!;
}

export async function decideRequest(
  db: Queryable,
  id: string,
  decision: { status: 'approved' | 'declined'; decidedBy: string },
  now: Date,
): Promise<RequestRow> {
  const { rows } = await db.query<RequestRow>(
    `update membership_requests set status = $2, decided_by = $3, decided_at = $4 where id = $1 returning *`,
    [id, decision.status, decision.decidedBy, now],
  );
  return rows[0]!;
}

/** A person who becomes a member by another way has their pending request settled with it. */
export async function approvePending(
  db: Queryable,
  communityId: string,
  personId: string,
  decidedBy: string,
  now: Date,
): Promise<void> {
  await db.query(
    `update membership_requests set status = 'approved', decided_by = $3, decided_at = $4
      where community_id = $1 and person_id = $2 and status = 'pending'`,
    [communityId, personId, decidedBy, now],
  );
}

/** Withdrawn by the person who asked: nothing was decided, so nothing is kept. */
export async function withdrawPending(
  db: Queryable,
  communityId: string,
  personId: string,
): Promise<boolean> {
  const result = await db.query(
    `delete from membership_requests where community_id = $1 and person_id = $2 and status = 'pending'`,
    [communityId, personId],
  );
  return (result.rowCount ?? 0) > 0;
}

/** Pending requests of one community, oldest first; keyset on id (membership_requests_pending_idx). */
export async function listPendingRequests(
  db: Queryable,
  communityId: string,
  afterId: string | null,
  limit: number,
): Promise<RequestRow[]> {
  const { rows } = await db.query<RequestRow>(
    `select * from membership_requests
      where community_id = $1 and status = 'pending' and ($2::bigint is null or id > $2::bigint)
      order by id limit $3`,
    [communityId, afterId, limit],
  );
  return rows;
}

/** Owners who can still act: when none is left, an admin may appoint one (appointment.ts). */
export async function countActiveOwners(db: Queryable, communityId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n
       from community_members m join people p on p.id = m.person_id
      where m.community_id = $1 and m.role = 'owner' and p.status = 'active'`,
    [communityId],
  );
  return rows[0]!.n;
}

/** The active members (owners included), to tell them of a change to their community. */
export async function activeMemberIds(db: Queryable, communityId: string): Promise<string[]> {
  const { rows } = await db.query<{ person_id: string }>(
    `select m.person_id
       from community_members m join people p on p.id = m.person_id
      where m.community_id = $1 and p.status = 'active'
      order by m.person_id`,
    [communityId],
  );
  return rows.map((row) => row.person_id);
}
