import { z } from 'zod';
import {
  ApiToken,
  CreatedToken,
  CreateToken,
  Login,
  LoginResult,
  LogoutResult,
  SessionInfo,
} from '../../../contract/auth.js';
import { Empty, Id, page, problems } from '../../../contract/common.js';
import { defineRoute } from '../../platform/http/route.js';
import * as service from './service.js';

const tags = ['auth'];

export const authRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/login',
    auth: 'public',
    rateLimit: 'login',
    summary: 'Sign in with email and password; sets the session cookie and returns the CSRF token',
    tags,
    schema: { body: Login, response: { 200: LoginResult, ...problems(400, 401, 429) } },
    handler: ({ deps, request, reply, body }) => service.login(deps, request, reply, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/logout',
    auth: 'person',
    rateLimit: 'none',
    summary:
      'Sign out: ends this session (204); after single sign-on, 200 with the provider address that signs out there too',
    tags,
    allowSuspended: true,
    schema: { response: { 200: LogoutResult, 204: Empty, ...problems(401, 403) } },
    handler: ({ deps, viewer, reply }) => service.logout(deps, viewer, reply),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/auth/session',
    auth: 'person',
    rateLimit: 'read',
    summary:
      "This session's CSRF token, for a page that was reloaded (null when signed in with a Bearer token)",
    tags,
    schema: { response: { 200: SessionInfo, ...problems(401) } },
    handler: async ({ viewer }) => service.currentSession(viewer),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/me/tokens',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Create a personal API token (shown once) for Authorization: Bearer',
    tags,
    status: 201,
    schema: { body: CreateToken, response: { 201: CreatedToken, ...problems(400, 401, 403) } },
    handler: ({ deps, viewer, body }) => service.createToken(deps, viewer, body.name),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/me/tokens',
    auth: 'person',
    rateLimit: 'read',
    summary: 'My API tokens (never their secrets)',
    tags,
    schema: { response: { 200: page(ApiToken), ...problems(401) } },
    handler: ({ deps, viewer }) => service.listTokens(deps, viewer),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/me/tokens/:id',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Revoke one of my API tokens',
    tags,
    allowSuspended: true,
    status: 204,
    schema: { params: z.object({ id: Id }), response: { 204: Empty, ...problems(401, 403, 404) } },
    handler: ({ deps, viewer, params }) => service.revokeToken(deps, viewer, params.id),
  }),
];
