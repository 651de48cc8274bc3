import type { z } from 'zod';
import type { SuspendPerson, WarnPerson } from '../../../contract/moderation.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { forbidden, notFound } from '../../platform/http/problem.js';
import { writeAudit } from '../audit/repository.js';
import { findByHandle, findById } from '../people/repository.js';
import { requireSuspendable, suspensionEnd } from './actions.js';
import { noticeModeration } from './notices.js';
import { isOrganisationModerator } from './policy.js';
import { insertAction, setSuspendedUntil } from './repository.js';

/**
 * A warning or a suspension given directly, from a thread or a profile: the organisation's moderators only, since a
 * person is not a community's to judge. Recorded, audited with before and after, and told to the person.
 */
export async function actOnPerson(
  deps: Deps,
  viewer: Viewer,
  handle: string,
  action: 'warn' | 'suspend',
  input: z.infer<typeof WarnPerson> & Partial<z.infer<typeof SuspendPerson>>,
) {
  if (!isOrganisationModerator(viewer))
    throw forbidden('Only admins and community managers warn or suspend people.');
  const now = deps.clock.now();
  const person = await findByHandle(deps.db.pool, handle);
  if (!person) throw notFound('person');
  const until = action === 'suspend' ? suspensionEnd(input.until, now) : null;
  const id = await inTransaction(deps.db.pool, async (tx) => {
    if (action === 'suspend') await requireSuspendable(tx, viewer, person.id);
    else if (person.id === viewer.id) throw forbidden('You cannot warn yourself.');
    const before = (await findById(tx, person.id)) as { suspended_until?: Date | null } | null;
    if (until) await setSuspendedUntil(tx, person.id, until);
    const actionId = await insertAction(
      tx,
      {
        action,
        targetType: 'person',
        threadId: null,
        replyId: null,
        personId: person.id,
        communityId: null,
        actorId: viewer.id,
        reason: input.reason,
        note: input.note,
        until,
      },
      now,
    );
    await writeAudit(tx, {
      actorId: viewer.id,
      action: `moderation.${action}`,
      targetType: 'person',
      targetId: person.id,
      before: { suspendedUntil: before?.suspended_until ?? null },
      after: {
        action: actionId,
        reason: input.reason,
        note: input.note,
        suspendedUntil: until ?? before?.suspended_until ?? null,
      },
    });
    await noticeModeration(
      tx,
      deps.bus,
      {
        recipientId: person.id,
        actorId: viewer.id,
        actionId,
        action,
        reason: input.reason,
        note: input.note,
        until,
        targetType: 'person',
        threadId: null,
        replyId: null,
        title: '',
      },
      now,
    );
    return actionId;
  });
  // This node stops serving the suspended person's cached sign-in at once (others within seconds).
  if (action === 'suspend') deps.viewers.forgetPerson(person.id);
  return { id, action };
}
