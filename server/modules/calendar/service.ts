import { EVENT_LIMITS, type EventInput, type Rsvp, type ThreadEvent } from '../../../contract/calendar.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { conflict, invalidField, notFound } from '../../platform/http/problem.js';
import { recordParticipation } from '../activity/repository.js';
import { threadPath } from '../mail/compose.js';
import { notify } from '../notifications/notify.js';
import { readersAmong } from '../threads/content-repository.js';
import { loadLiveThread, loadReadableThread, type ThreadContext } from '../threads/policy.js';
import { icsOf } from './ics.js';
import * as events from './repository.js';

const DAY_MS = 86_400_000;
/** How long before its start the people going (or maybe) are reminded of an event. */
export const REMINDER_LEAD_MS = 60 * 60_000;

/** Called by the thread's create, in its transaction. */
export async function createEvent(db: Queryable, threadId: string, input: EventInput, now: Date) {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw invalidField('event.endsAt', 'must be after startsAt');
  if (endsAt <= now) throw invalidField('event.endsAt', 'must be in the future');
  if (endsAt.getTime() - startsAt.getTime() > EVENT_LIMITS.maxDays * DAY_MS) {
    throw invalidField('event.endsAt', `must be at most ${EVENT_LIMITS.maxDays} days after startsAt`);
  }
  await events.insertEvent(db, threadId, {
    startsAt,
    endsAt,
    timeZone: input.timeZone,
    place: input.place,
    onlineUrl: input.onlineUrl ?? null,
  });
}

async function loadEvent(db: Queryable, context: ThreadContext, viewerId: string) {
  if (context.thread.kind !== 'event') throw notFound('event');
  const event = await events.findEvent(db, context.thread.id, viewerId);
  if (!event) throw notFound('event');
  return event;
}

function present(event: events.EventRow, now: Date, live: boolean): ThreadEvent {
  return {
    threadId: event.thread_id,
    startsAt: event.starts_at.toISOString(),
    endsAt: event.ends_at.toISOString(),
    timeZone: event.time_zone,
    place: event.place,
    onlineUrl: event.online_url,
    going: event.going,
    maybe: event.maybe,
    notGoing: event.not_going,
    myAnswer: event.my_answer,
    canRsvp: live && event.ends_at > now,
  };
}

/** The event of a thread the viewer may read (the thread's rules: 404 secret, 403 closed). */
export async function getEvent(deps: Deps, viewer: Viewer, threadId: string): Promise<ThreadEvent> {
  const context = await loadReadableThread(deps.db.pool, viewer, threadId, 'event');
  const event = await loadEvent(deps.db.pool, context, viewer.id);
  return present(event, deps.clock.now(), !context.thread.deleted_at);
}

/** Going, maybe or not; answering again replaces the answer; not after the event ended. */
export async function rsvp(deps: Deps, viewer: Viewer, threadId: string, input: Rsvp): Promise<ThreadEvent> {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const context = await loadLiveThread(tx, viewer, threadId, 'event');
    const event = await loadEvent(tx, context, viewer.id);
    if (event.ends_at <= now) throw conflict('This event has ended: it takes no more answers.');
    await events.setRsvp(tx, threadId, viewer.id, input.answer, now);
    if (event.my_answer === null)
      await recordParticipation(tx, viewer.id, context.thread.community_id, now, 'react');
  });
  return getEvent(deps, viewer, threadId);
}

/** Takes the answer back (idempotent). */
export async function withdrawRsvp(deps: Deps, viewer: Viewer, threadId: string): Promise<void> {
  await inTransaction(deps.db.pool, async (tx) => {
    const context = await loadLiveThread(tx, viewer, threadId, 'event');
    await loadEvent(tx, context, viewer.id);
    await events.removeRsvp(tx, threadId, viewer.id);
  });
}

/** The event as a calendar file, for the same readers as the thread. */
export async function eventIcs(deps: Deps, viewer: Viewer, threadId: string): Promise<string> {
  const context = await loadReadableThread(deps.db.pool, viewer, threadId, 'event');
  const event = await loadEvent(deps.db.pool, context, viewer.id);
  // Without a public address configured the link is relative, and the UID names Plein itself.
  const base = deps.config.publicUrl ?? '';
  const link = `${base}${threadPath(threadId, context.thread.title)}`;
  return icsOf({
    uid: `thread-${threadId}@${base ? new URL(base).host : 'plein'}`,
    title: context.thread.title,
    description: [context.thread.body_md, link].join('\n\n'),
    startsAt: event.starts_at,
    endsAt: event.ends_at,
    stampedAt: deps.clock.now(),
    place: event.place || event.online_url || '',
    url: event.online_url ?? link,
  });
}

/** The reminder job: an hour before the start, everyone going or maybe who can still read it hears once. */
export async function sendReminders(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  return inTransaction(deps.db.pool, async (tx) => {
    const due = await events.dueReminders(tx, now, new Date(now.getTime() + REMINDER_LEAD_MS));
    for (const event of due) {
      const readers = await readersAmong(tx, await events.attendees(tx, event.thread_id), event.community_id);
      await notify(
        tx,
        deps.bus,
        [...readers].map((recipientId) => ({
          recipientId,
          kind: 'event_reminder',
          actorId: null,
          threadId: event.thread_id,
          communityId: event.community_id,
          data: { startsAt: event.starts_at.toISOString(), title: event.title },
        })),
        now,
      );
      await events.markReminded(tx, event.thread_id, now);
    }
    return due.length;
  });
}
