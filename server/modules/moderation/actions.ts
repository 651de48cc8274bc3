import type { z } from 'zod';
import type { ActionReason, Appeal, TakeAction } from '../../../contract/moderation.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { conflict, forbidden, invalidField, notFound } from '../../platform/http/problem.js';
import { writeAudit } from '../audit/repository.js';
import { findByHandle, findById } from '../people/repository.js';
import { APPEALABLE, noticeModeration } from './notices.js';
import { actionsFor, isOrganisationModerator } from './policy.js';
import {
  findAction,
  findQueueItem,
  insertAction,
  insertReport,
  type ModerationState,
  type QueueRow,
  recountReplies,
  resolveReports,
  setPostState,
  setSuspendedUntil,
} from './repository.js';

const MAX_SUSPENSION_MS = 366 * 86_400_000;

/** What each action makes of the post: null brings it back; undefined leaves it as it is. */
const POST_STATE: Record<string, ModerationState | null | undefined> = {
  hide: 'hidden',
  remove: 'removed',
  restore: null,
  approve: null,
};

/**
 * A moderator decides a queue item: the action is recorded, audited with before and after, answers every open
 * report of the same thing, and the person it concerns hears of it with the reason.
 */
export async function takeAction(deps: Deps, viewer: Viewer, reportId: string, input: TakeAction) {
  const now = deps.clock.now();
  const taken = await inTransaction(deps.db.pool, async (tx) => {
    const row = await findQueueItem(tx, viewer.id, reportId);
    if (!row || !inQueueOf(viewer, row)) throw notFound('report');
    const allowed = actionsFor(viewer, row);
    if (row.status !== 'open') throw conflict('This report was decided already.');
    if (allowed.length === 0) {
      throw forbidden('You cannot read what this report is about, so you cannot act on it: its owners can.');
    }
    if (!allowed.includes(input.action)) {
      throw conflict(`This item takes ${allowed.join(', ')}; not ${input.action}.`);
    }
    const until = input.action === 'suspend' ? suspensionEnd(input.until, now) : null;
    if (input.action === 'suspend') await requireSuspendable(tx, viewer, row.person_id);
    const change = await applyToPost(tx, viewer, row, input.action, now);
    if (until) await setSuspendedUntil(tx, row.person_id, until);
    const actionId = await insertAction(
      tx,
      {
        action: input.action,
        targetType: input.action === 'warn' || input.action === 'suspend' ? 'person' : row.target_type,
        threadId: row.thread_id,
        replyId: row.reply_id,
        personId: row.person_id,
        communityId: row.community_id,
        actorId: viewer.id,
        reason: input.reason,
        note: input.note,
        until,
      },
      now,
    );
    await resolveReports(tx, row, actionId, viewer.id, now);
    const onPerson = input.action === 'suspend' || input.action === 'warn' || row.target_type === 'person';
    await writeAudit(tx, {
      actorId: viewer.id,
      action: `moderation.${input.action}`,
      targetType: onPerson ? 'person' : row.target_type,
      targetId: onPerson ? row.person_id : (row.reply_id ?? row.thread_id)!,
      before: { report: row.id, kind: row.kind, ...change?.before },
      after: { action: actionId, reason: input.reason, note: input.note, until, ...change?.after },
    });
    // Dismissing a report concerns nobody but the moderators; deciding an appeal concerns whoever appealed.
    if (input.action !== 'dismiss' || row.kind === 'appeal') {
      await noticeModeration(
        tx,
        deps.bus,
        {
          recipientId: row.kind === 'appeal' ? (row.reporter_id ?? row.person_id) : row.person_id,
          actorId: viewer.id,
          actionId,
          action: row.kind === 'appeal' ? appealOutcome(input.action) : input.action,
          reason: input.reason,
          note: input.note,
          until,
          targetType: row.target_type,
          threadId: row.thread_id,
          replyId: row.reply_id,
          title: row.post_title ?? '',
        },
        now,
      );
    }
    return { id: actionId, action: input.action, personId: row.person_id };
  });
  // This node stops serving the suspended person's cached sign-in at once (others within seconds).
  if (input.action === 'suspend') deps.viewers.forgetPerson(taken.personId);
  return { id: taken.id, action: taken.action };
}

const appealOutcome = (action: string) => (action === 'restore' ? 'appeal_granted' : 'appeal_refused');

/** Whose queue an item is in: the organisation's moderators', and its community's owners'. */
const inQueueOf = (viewer: Viewer, row: QueueRow) =>
  isOrganisationModerator(viewer) || (row.my_role === 'owner' && row.target_type !== 'person');

/** Hides, removes or brings back the post of a queue item; the state before and after, for the audit log. */
async function applyToPost(tx: Queryable, viewer: Viewer, row: QueueRow, action: string, now: Date) {
  const state = POST_STATE[action];
  if (state === undefined || !row.thread_id) return null;
  const table = row.reply_id ? 'replies' : 'threads';
  const before = await setPostState(tx, table, row.reply_id ?? row.thread_id, state, viewer.id, now);
  if (!before) throw notFound(row.target_type);
  if (state === null && before.deleted_at && !before.moderation_state) {
    throw conflict('Its author removed this post: it cannot be brought back.');
  }
  if (row.reply_id) await recountReplies(tx, row.thread_id);
  return { before: { state: before.moderation_state }, after: { state } };
}

export function suspensionEnd(until: string | undefined, now: Date): Date {
  if (!until) throw invalidField('until', 'is required to suspend someone');
  const end = new Date(until);
  if (end <= now) throw invalidField('until', 'must be in the future');
  if (end.getTime() - now.getTime() > MAX_SUSPENSION_MS) throw invalidField('until', 'must be within a year');
  return end;
}

/** Nobody suspends themselves, and only an admin suspends an admin. */
export async function requireSuspendable(db: Queryable, viewer: Viewer, personId: string) {
  if (personId === viewer.id) throw forbidden('You cannot suspend yourself.');
  const person = await findById(db, personId);
  if (person?.role === 'admin' && viewer.role !== 'admin')
    throw forbidden('Only an admin may suspend an admin.');
}

/** The author of hidden or removed content appeals once per action; the appeal goes back to the queue. */
export async function appeal(deps: Deps, viewer: Viewer, actionId: string, input: z.infer<typeof Appeal>) {
  const now = deps.clock.now();
  const id = await inTransaction(deps.db.pool, async (tx) => {
    const action = await findAction(tx, actionId);
    if (!action || action.person_id !== viewer.id) throw notFound('moderation action');
    if (!APPEALABLE.includes(action.action)) throw conflict(`A ${action.action} cannot be appealed.`);
    if (action.appealed) throw conflict('You appealed against this action already: one appeal per action.');
    return insertReport(
      tx,
      {
        kind: 'appeal',
        targetType: action.target_type,
        threadId: action.thread_id,
        replyId: action.reply_id,
        personId: viewer.id,
        communityId: action.community_id,
        reporterId: viewer.id,
        reason: 'appeal',
        note: input.statement,
        appealOf: action.id,
      },
      now,
    );
  });
  return { id, status: 'open' as const };
}

/** Ends a suspension early (the organisation's moderators); the person hears of it. */
export async function liftSuspension(
  deps: Deps,
  viewer: Viewer,
  handle: string,
  input: z.infer<typeof ActionReason>,
) {
  if (!isOrganisationModerator(viewer))
    throw forbidden('Only admins and community managers lift suspensions.');
  const now = deps.clock.now();
  const person = await findByHandle(deps.db.pool, handle);
  if (!person) throw notFound('person');
  await inTransaction(deps.db.pool, async (tx) => {
    const before = (await findById(tx, person.id)) as { suspended_until?: Date | null } | null;
    if (!before?.suspended_until || before.suspended_until <= now)
      throw conflict('This person is not suspended.');
    await setSuspendedUntil(tx, person.id, null);
    const actionId = await insertAction(
      tx,
      {
        action: 'unsuspend',
        targetType: 'person',
        threadId: null,
        replyId: null,
        personId: person.id,
        communityId: null,
        actorId: viewer.id,
        reason: input.reason,
        note: input.note,
      },
      now,
    );
    await writeAudit(tx, {
      actorId: viewer.id,
      action: 'moderation.unsuspend',
      targetType: 'person',
      targetId: person.id,
      before: { suspendedUntil: before.suspended_until },
      after: { suspendedUntil: null, action: actionId, reason: input.reason, note: input.note },
    });
    await noticeModeration(
      tx,
      deps.bus,
      {
        recipientId: person.id,
        actorId: viewer.id,
        actionId,
        action: 'unsuspend',
        reason: input.reason,
        note: input.note,
        targetType: 'person',
        threadId: null,
        replyId: null,
        title: '',
      },
      now,
    );
  });
  deps.viewers.forgetPerson(person.id);
}
