import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import { decodeCursor, toPage } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { conflict, forbidden, invalidField, notFound } from '../../platform/http/problem.js';
import { writeAudit } from '../audit/repository.js';
import { notify } from '../notifications/notify.js';
import * as people from '../people/repository.js';
import { type CommunityAccess, requireReadable, requireVisible } from './access.js';
import { requireDigits } from './cursor-keys.js';
import * as members from './membership-repository.js';
import { mayApproveRequest, mayManageMembers } from './policy.js';
import { presentMember, presentMembership, presentRequest } from './present.js';
import { lockCommunity } from './repository.js';

type Page = { cursor?: string; limit: number };

/** Members of a community the viewer may read: owners first, then the newest. */
export async function listMembers(deps: Deps, viewer: Viewer, slug: string, query: Page) {
  const db = deps.db.pool;
  const access = await requireReadable(db, viewer, { slug });
  const after = decodeCursor(query.cursor, ['string', 'string', 'string'] as const);
  if (after) requireDigits(after[1], after[2]);
  const rows = await members.listMembers(
    db,
    access.id,
    after ? { role: after[0], joinedUs: after[1], personId: after[2] } : null,
    query.limit + 1,
  );
  return toPage(
    rows,
    query.limit,
    (row) => presentMember(row, { role: row.member_role, joined_at: row.joined_at }),
    (row) => [row.member_role, row.joined_us, row.id],
  );
}

const mayNotManage = (what: string) =>
  forbidden(`Only the owners of this community (and admins, if it is open) may ${what}.`);

async function personOf(db: Queryable, handle: string) {
  const person = await people.findByHandle(db, handle);
  if (!person) throw notFound('person');
  return person;
}

/**
 * PUT a membership. For yourself: an open community lets you in, a closed one records a request for its
 * owners (state 'pending'). For someone else: managers add them at once.
 */
export async function putMember(
  deps: Deps,
  viewer: Viewer,
  slug: string,
  handle: string,
  input: { message: string } | null | undefined,
) {
  const now = deps.clock.now();
  return inTransaction(deps.db.pool, async (tx) => {
    const access = await requireVisible(tx, viewer, { slug });
    const self = handle.toLowerCase() === viewer.handle.toLowerCase();
    if (!self && !mayManageMembers(access)) throw mayNotManage('add people');
    const person = await personOf(tx, handle);
    await lockCommunity(tx, access.id);
    const existing = await members.findMembership(tx, access.id, person.id);
    if (existing) return presentMembership(person, { membership: existing });
    if (self && access.visibility !== 'open') {
      const request =
        (await members.findPendingRequest(tx, access.id, person.id)) ??
        (await members.insertRequest(
          tx,
          { communityId: access.id, personId: person.id, message: input?.message ?? '' },
          now,
        ));
      return presentMembership(person, { request });
    }
    if (person.status !== 'active') throw invalidField('handle', 'belongs to a deactivated person');
    const membership = (await members.addMember(
      tx,
      { communityId: access.id, personId: person.id, role: 'member' },
      now,
    ))!;
    await members.approvePending(tx, access.id, person.id, viewer.id, now);
    if (!self)
      await auditMembers(tx, viewer, access, 'community.member.add', null, { person, role: 'member' });
    return presentMembership(person, { membership });
  });
}

/** Leave (yourself, which also withdraws a pending request) or remove (managers); never the last owner. */
export async function deleteMember(deps: Deps, viewer: Viewer, slug: string, handle: string): Promise<void> {
  await inTransaction(deps.db.pool, async (tx) => {
    const access = await requireVisible(tx, viewer, { slug });
    const self = handle.toLowerCase() === viewer.handle.toLowerCase();
    if (!self && !mayManageMembers(access)) throw mayNotManage('remove people');
    const person = await personOf(tx, handle);
    await lockCommunity(tx, access.id);
    const membership = await members.findMembership(tx, access.id, person.id);
    if (!membership) {
      if (self) await members.withdrawPending(tx, access.id, person.id);
      return;
    }
    if (membership.role === 'owner' && (await members.countOwners(tx, access.id)) === 1) {
      throw conflict(
        self
          ? 'You are the last owner of this community: make someone else an owner before you leave.'
          : 'This is the last owner of this community: make someone else an owner first.',
      );
    }
    await members.removeMember(tx, access.id, person.id);
    if (!self) {
      await auditMembers(
        tx,
        viewer,
        access,
        'community.member.remove',
        { person, role: membership.role },
        null,
      );
    }
  });
}

export async function changeRole(
  deps: Deps,
  viewer: Viewer,
  slug: string,
  handle: string,
  role: members.CommunityRole,
) {
  return inTransaction(deps.db.pool, async (tx) => {
    const access = await requireVisible(tx, viewer, { slug });
    if (!mayManageMembers(access)) throw mayNotManage('change roles');
    const person = await personOf(tx, handle);
    await lockCommunity(tx, access.id);
    const membership = await members.findMembership(tx, access.id, person.id);
    if (!membership) throw notFound('member');
    if (membership.role === role) return presentMember(person, membership);
    if (membership.role === 'owner' && (await members.countOwners(tx, access.id)) === 1) {
      throw conflict('This is the last owner of this community: make someone else an owner first.');
    }
    const changed = await members.setRole(tx, access.id, person.id, role);
    await auditMembers(
      tx,
      viewer,
      access,
      'community.member.role',
      { person, role: membership.role },
      { person, role },
    );
    return presentMember(person, changed);
  });
}

/** Membership changes are permission changes: who, where, before and after. */
async function auditMembers(
  db: Queryable,
  actor: Viewer,
  access: CommunityAccess,
  action: string,
  before: { person: people.PersonRow; role: string } | null,
  after: { person: people.PersonRow; role: string } | null,
) {
  const shape = (state: typeof before) =>
    state && { personId: state.person.id, handle: state.person.handle, role: state.role };
  await writeAudit(db, {
    actorId: actor.id,
    action,
    targetType: 'community',
    targetId: access.id,
    before: shape(before),
    after: shape(after),
  });
}

export async function listRequests(deps: Deps, viewer: Viewer, slug: string, query: Page) {
  const db = deps.db.pool;
  const access = await requireVisible(db, viewer, { slug });
  if (!mayManageMembers(access)) throw mayNotManage('see join requests');
  const after = decodeCursor(query.cursor, ['string'] as const);
  if (after) requireDigits(after[0]);
  const rows = await members.listPendingRequests(db, access.id, after?.[0] ?? null, query.limit + 1);
  const persons = await people.summariesByIds(db, [...new Set(rows.map((row) => row.person_id))]);
  return toPage(
    rows,
    query.limit,
    (row) => presentRequest(row, persons.get(row.person_id)!),
    (row) => [row.id],
  );
}

/** Approve (the person becomes a member and hears of it) or decline a pending join request. */
export async function decideRequest(
  deps: Deps,
  viewer: Viewer,
  slug: string,
  requestId: string,
  decision: 'approved' | 'declined',
) {
  const now = deps.clock.now();
  return inTransaction(deps.db.pool, async (tx) => {
    const access = await requireVisible(tx, viewer, { slug });
    if (!mayManageMembers(access)) throw mayNotManage('decide join requests');
    await lockCommunity(tx, access.id);
    const request = await members.lockRequest(tx, requestId);
    if (!request || request.community_id !== access.id) throw notFound('join request');
    if (request.status !== 'pending') throw conflict(`This request has been ${request.status} already.`);
    if (decision === 'approved' && !mayApproveRequest(viewer, request.person_id)) {
      throw forbidden('Nobody approves their own join request: another owner of this community decides it.');
    }
    const decided = await members.decideRequest(
      tx,
      request.id,
      { status: decision, decidedBy: viewer.id },
      now,
    );
    if (decision === 'approved') {
      await members.addMember(
        tx,
        { communityId: access.id, personId: request.person_id, role: 'member' },
        now,
      );
      await notify(
        tx,
        deps.bus,
        [
          {
            recipientId: request.person_id,
            kind: 'membership_approved',
            actorId: viewer.id,
            communityId: access.id,
            data: { slug: access.slug, name: access.name },
          },
        ],
        now,
      );
    }
    await writeAudit(tx, {
      actorId: viewer.id,
      action: decision === 'approved' ? 'community.request.approve' : 'community.request.decline',
      targetType: 'community',
      targetId: access.id,
      after: { requestId: request.id, personId: request.person_id },
    });
    const person = (await people.summariesByIds(tx, [request.person_id])).get(request.person_id)!;
    return presentRequest(decided, person);
  });
}
