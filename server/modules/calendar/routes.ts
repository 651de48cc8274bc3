import { z } from 'zod';
import { Rsvp, ThreadEvent } from '../../../contract/calendar.js';
import { Empty, problems } from '../../../contract/common.js';
import { ThreadParams } from '../../../contract/threads.js';
import { defineRoute } from '../../platform/http/route.js';
import type { Job } from '../../platform/jobs/scheduler.js';
import { eventIcs, getEvent, rsvp, sendReminders, withdrawRsvp } from './service.js';

const tags = ['events'];

export const calendarRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/threads/:id/event',
    auth: 'person',
    rateLimit: 'read',
    summary: 'An event: when (UTC, and the zone it was planned in), where, and who comes',
    tags,
    schema: { params: ThreadParams, response: { 200: ThreadEvent, ...problems(400, 401, 403, 404) } },
    handler: ({ deps, viewer, params }) => getEvent(deps, viewer, params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/threads/:id/rsvp',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Answer an event: going, maybe or not (answering again replaces it)',
    tags,
    schema: {
      params: ThreadParams,
      body: Rsvp,
      response: { 200: ThreadEvent, ...problems(400, 401, 403, 404, 409, 429) },
    },
    handler: ({ deps, viewer, params, body }) => rsvp(deps, viewer, params.id, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/threads/:id/rsvp',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Take back your answer to an event (idempotent)',
    tags,
    status: 204,
    schema: { params: ThreadParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 409, 429) } },
    handler: ({ deps, viewer, params }) => withdrawRsvp(deps, viewer, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/threads/:id/event.ics',
    auth: 'person',
    rateLimit: 'read',
    summary: 'The event as an iCalendar file (RFC 5545) for your own calendar',
    tags,
    schema: {
      params: ThreadParams,
      response: { 200: z.string().describe('text/calendar'), ...problems(400, 401, 403, 404) },
    },
    handler: async ({ deps, viewer, params, reply }) => {
      const ics = await eventIcs(deps, viewer, params.id);
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="plein-event-${params.id}.ics"`)
        .serializer((payload: unknown) => payload as string);
      return ics;
    },
  }),
];

/** Every minute: remind those going (or maybe) an hour before an event starts. */
export const calendarJobs: Job[] = [
  { name: 'event-reminders', everyMs: 60_000, run: async (deps) => void (await sendReminders(deps)) },
];
