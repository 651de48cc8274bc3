import { problems } from '../../../contract/common.js';
import { RoutingPreference, UpdateRoutingPreference } from '../../../contract/experts.js';
import { defineRoute } from '../../platform/http/route.js';
import { getRoutingPreference, setRoutingPreference } from './service.js';

const tags = ['routing'];

export const routingRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/me/routing',
    auth: 'person',
    rateLimit: 'read',
    summary: 'Whether questions may be routed to me, and the ones that were',
    tags,
    schema: { response: { 200: RoutingPreference, ...problems(401) } },
    handler: ({ deps, viewer }) => getRoutingPreference(deps, viewer),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/me/routing',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Opt out of (or back into) being asked waiting questions',
    tags,
    schema: {
      body: UpdateRoutingPreference,
      response: { 200: RoutingPreference, ...problems(400, 401, 429) },
    },
    handler: ({ deps, viewer, body }) => setRoutingPreference(deps, viewer, body.optOut),
  }),
];
