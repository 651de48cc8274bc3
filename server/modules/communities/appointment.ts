import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { conflict, forbidden, invalidField, notFound } from '../../platform/http/problem.js';
import { writeAudit } from '../audit/repository.js';
import { notify } from '../notifications/notify.js';
import * as people from '../people/repository.js';
import { loadAccess } from './access.js';
import * as members from './membership-repository.js';
import { mayAppointOwner } from './policy.js';
import { presentMember } from './present.js';
import { lockCommunity } from './repository.js';

/**
 * An admin names an owner for a community none of whose owners is active any more (deactivated or gone), so it is
 * not left without anyone to decide who joins. The admin gets no seat themselves; the step is audited and every
 * active member hears of it (kind `owner_appointed`).
 */
export async function appointOwner(deps: Deps, viewer: Viewer, slug: string, handle: string) {
  const now = deps.clock.now();
  return inTransaction(deps.db.pool, async (tx) => {
    const person = await people.findByHandle(tx, handle);
    if (!person) throw notFound('person');
    if (!mayAppointOwner(viewer, person.id)) {
      throw forbidden('You cannot appoint yourself: appoint a member of the community, who then decides.');
    }
    const access = await loadAccess(tx, viewer, { slug });
    if (!access) throw notFound('community');
    await lockCommunity(tx, access.id);
    if ((await members.countActiveOwners(tx, access.id)) > 0) {
      // A secret community stays unknown to an admin outside it, unless it has no owner left to keep it.
      if (!access.canSee) throw notFound('community');
      throw conflict('This community has an active owner: its owners decide who else becomes one.');
    }
    if (person.status !== 'active') throw invalidField('handle', 'belongs to a deactivated person');
    const existing = await members.findMembership(tx, access.id, person.id);
    const membership = existing
      ? await members.setRole(tx, access.id, person.id, 'owner')
      : await members.addMember(tx, { communityId: access.id, personId: person.id, role: 'owner' }, now);
    await members.approvePending(tx, access.id, person.id, viewer.id, now);
    await writeAudit(tx, {
      actorId: viewer.id,
      action: 'community.owner.appoint',
      targetType: 'community',
      targetId: access.id,
      before: { personId: person.id, handle: person.handle, role: existing?.role ?? null },
      after: { personId: person.id, handle: person.handle, role: 'owner' },
    });
    const told = await members.activeMemberIds(tx, access.id);
    await notify(
      tx,
      deps.bus,
      told.map((recipientId) => ({
        recipientId,
        kind: 'owner_appointed',
        actorId: viewer.id,
        communityId: access.id,
        data: { slug: access.slug, name: access.name, ownerHandle: person.handle, ownerName: person.name },
      })),
      now,
    );
    return presentMember(person, membership!);
  });
}
