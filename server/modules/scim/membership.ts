import type { ScimGroupRole } from '../../config.js';
import type { Queryable } from '../../platform/db/database.js';
import { writeAudit } from '../audit/repository.js';
import { addMember, removeMember } from '../communities/membership-repository.js';
import * as groups from './groups-repository.js';

type Role = 'member' | 'community_manager' | 'admin';
const RANK: Record<Role, number> = { member: 0, community_manager: 1, admin: 2 };

/** People joined a provider group: they join its community, or gain its role. */
export async function joined(
  db: Queryable,
  group: groups.GroupRow,
  personIds: string[],
  now: Date,
  changed: Set<string>,
): Promise<void> {
  for (const personId of personIds) {
    if (group.community_id) {
      await addMember(db, { communityId: group.community_id, personId, role: 'member' }, now);
    } else if (group.role) {
      await grant(db, personId, group.role, now, changed);
    }
  }
}

/**
 * People left a provider group: they leave its community (an owner stays: owners are Plein's to choose), or lose
 * its role unless another of their role groups grants it too.
 */
export async function left(
  db: Queryable,
  group: groups.GroupRow,
  personIds: string[],
  now: Date,
  changed: Set<string>,
): Promise<void> {
  if (personIds.length === 0) return;
  if (group.community_id) {
    const standing = await groups.communityMembership(db, group.community_id, personIds);
    for (const personId of personIds) {
      if (standing.get(personId) === 'member') await removeMember(db, group.community_id, personId);
    }
    return;
  }
  if (!group.role) return;
  for (const personId of personIds) await revoke(db, personId, group.role, now, changed);
}

async function grant(db: Queryable, personId: string, role: ScimGroupRole, now: Date, changed: Set<string>) {
  const current = await groups.rolesOf(db, personId);
  if (!current) return;
  const next =
    role === 'leader'
      ? { role: current.role, isLeader: true }
      : { role: RANK[role] > RANK[current.role] ? role : current.role, isLeader: current.is_leader };
  if (next.role === current.role && next.isLeader === current.is_leader) return;
  await setRoles(db, personId, current, next, now, changed);
}

async function revoke(db: Queryable, personId: string, role: ScimGroupRole, now: Date, changed: Set<string>) {
  const current = await groups.rolesOf(db, personId);
  if (!current) return;
  const still = await groups.rolesGranted(db, personId);
  if (still.includes(role)) return;
  const next = { role: current.role, isLeader: current.is_leader };
  if (role === 'leader') next.isLeader = false;
  else if (current.role === role) {
    next.role = still.includes('admin')
      ? 'admin'
      : still.includes('community_manager')
        ? 'community_manager'
        : 'member';
  }
  if (next.role === current.role && next.isLeader === current.is_leader) return;
  await setRoles(db, personId, current, next, now, changed);
}

/** A permission change: written, audited, and the person's cached sign-in forgotten after the commit. */
async function setRoles(
  db: Queryable,
  personId: string,
  before: { role: Role; is_leader: boolean },
  next: { role: Role; isLeader: boolean },
  now: Date,
  changed: Set<string>,
) {
  await groups.setRoles(db, personId, next, now);
  await writeAudit(db, {
    actorId: null,
    action: 'scim.person.roles',
    targetType: 'person',
    targetId: personId,
    before: { role: before.role, leader: before.is_leader },
    after: { role: next.role, leader: next.isLeader },
  });
  changed.add(personId);
}
