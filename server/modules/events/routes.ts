import { problems } from '../../../contract/common.js';
import { EventStreamBody, EventsQuery } from '../../../contract/events.js';
import { defineRoute, type Route } from '../../platform/http/route.js';
import * as service from './service.js';

export const eventRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/events',
    auth: 'person',
    rateLimit: 'read',
    summary:
      'Server-Sent Events of what I may see: my notifications, replies in threads I follow, new threads in my ' +
      'communities and company-wide. Resumes after Last-Event-ID (at most 500 events, 3 days back; `resync` ' +
      'beyond that); ?once=1 replays and closes.',
    tags: ['events'],
    schema: { querystring: EventsQuery, response: { 200: EventStreamBody, ...problems(400, 401) } },
    // Fastify pipes a returned stream as is; the schema only documents its text/event-stream body.
    handler: async ({ deps, viewer, query, request, reply }) =>
      (await service.openStream(deps, viewer, query, request, reply)) as unknown as string,
  }),
];
