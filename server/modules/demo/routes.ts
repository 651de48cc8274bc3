import { LoginResult } from '../../../contract/auth.js';
import { page, problems } from '../../../contract/common.js';
import { DemoLogin, DemoPerson } from '../../../contract/demo.js';
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
    summary: 'Demo mode only: the demo organisation’s people with their roles, for the "sign in as" picker',
    tags,
    schema: { response: { 200: page(DemoPerson), ...problems(404) } },
    handler: ({ deps, request }) => service.listPeople(deps, request),
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
