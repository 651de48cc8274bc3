import { LoginResult } from '../../../contract/auth.js';
import { page, problems } from '../../../contract/common.js';
import { DemoLogin, DemoPeopleQuery, DemoPerson } from '../../../contract/demo.js';
import { defineRoute } from '../../platform/http/route.js';
import * as service from './service.js';

const tags = ['demo'];

/** The "sign in as" picker: both routes answer 404 unless demo mode is on (PLEIN_DEMO). */
export const demoRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/demo/people',
    auth: 'public',
    rateLimit: 'read',
    summary:
      'Demo mode only: the demo organisation’s featured people with their roles, or ?q= to find anyone in it, for the "sign in as" picker',
    tags,
    schema: { querystring: DemoPeopleQuery, response: { 200: page(DemoPerson), ...problems(400, 404) } },
    handler: ({ deps, request, query }) => service.listPeople(deps, request, query.q),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/demo/login',
    auth: 'public',
    rateLimit: 'write',
    summary: 'Demo mode only: sign in as a demo person without a password; sets the session cookie',
    tags,
    schema: { body: DemoLogin, response: { 200: LoginResult, ...problems(400, 403, 404) } },
    handler: ({ deps, request, reply, body }) => service.loginAs(deps, request, reply, body.handle),
  }),
];
