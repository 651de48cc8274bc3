import { z } from 'zod';
import { Empty, Id, page, problems } from '../../../contract/common.js';
import {
  CreatedScimToken,
  CreateScimToken,
  ScimDocument,
  ScimListQuery,
  ScimResourceQuery,
  ScimToken,
  scimErrors,
} from '../../../contract/scim.js';
import { defineRoute, type Route } from '../../platform/http/route.js';
import { resourceTypes, schemas, serviceProviderConfig } from './discovery.js';
import * as groups from './groups-service.js';
import { listResponse } from './present.js';
import { ScimProblem } from './problem.js';
import { baseOf, scimCall } from './request.js';
import * as tokens from './token-service.js';
import * as users from './users-service.js';

const tags = ['scim'];
const IdParams = z.object({ id: z.string().max(100) });

/** One resource of a SCIM kind (User, Group), read, replaced, patched, deleted. */
function resourceRoutes(
  path: string,
  kind: string,
  service: {
    list: typeof users.listUsers;
    get: typeof users.getUser;
    create: typeof users.createUser;
    replace: typeof users.replaceUser;
    patch: typeof users.patchUser;
    remove: typeof users.deleteUser;
  },
): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: `/scim/v2/${path}`,
      auth: 'scim',
      rateLimit: 'none',
      summary: `SCIM: list or filter ${path} (filter, startIndex, count, attributes)`,
      tags,
      schema: { querystring: ScimListQuery, response: { 200: ScimDocument, ...scimErrors(400, 401) } },
      handler: ({ deps, request, reply, query }) => service.list(deps, scimCall(request, reply), query),
    }),
    defineRoute({
      method: 'POST',
      url: `/scim/v2/${path}`,
      auth: 'scim',
      rateLimit: 'none',
      summary: `SCIM: create a ${kind}`,
      tags,
      status: 201,
      schema: { body: ScimDocument, response: { 201: ScimDocument, ...scimErrors(400, 401, 409) } },
      handler: ({ deps, request, reply, body }) => service.create(deps, scimCall(request, reply), body),
    }),
    defineRoute({
      method: 'GET',
      url: `/scim/v2/${path}/:id`,
      auth: 'scim',
      rateLimit: 'none',
      summary: `SCIM: one ${kind}`,
      tags,
      schema: {
        params: IdParams,
        querystring: ScimResourceQuery,
        response: { 200: ScimDocument, ...scimErrors(401, 404) },
      },
      handler: ({ deps, request, reply, params, query }) =>
        service.get(deps, scimCall(request, reply), params.id, query),
    }),
    defineRoute({
      method: 'PUT',
      url: `/scim/v2/${path}/:id`,
      auth: 'scim',
      rateLimit: 'none',
      summary: `SCIM: replace a ${kind} with what the provider has now`,
      tags,
      schema: {
        params: IdParams,
        body: ScimDocument,
        response: { 200: ScimDocument, ...scimErrors(400, 401, 404, 409, 412) },
      },
      handler: ({ deps, request, reply, params, body }) =>
        service.replace(deps, scimCall(request, reply), params.id, body),
    }),
    defineRoute({
      method: 'PATCH',
      url: `/scim/v2/${path}/:id`,
      auth: 'scim',
      rateLimit: 'none',
      summary: `SCIM: change a ${kind} by PatchOp operations (add, replace, remove)`,
      tags,
      status: 204,
      schema: {
        params: IdParams,
        body: ScimDocument,
        response: { 204: Empty, ...scimErrors(400, 401, 404, 409, 412) },
      },
      handler: ({ deps, request, reply, params, body }) =>
        service.patch(deps, scimCall(request, reply), params.id, body),
    }),
    defineRoute({
      method: 'DELETE',
      url: `/scim/v2/${path}/:id`,
      auth: 'scim',
      rateLimit: 'none',
      summary:
        kind === 'User'
          ? 'SCIM: delete a User — they are deactivated and their posts kept; 404 to SCIM afterwards'
          : 'SCIM: delete a Group — its community stays; a role group takes its role back',
      tags,
      status: 204,
      schema: { params: IdParams, response: { 204: Empty, ...scimErrors(401, 404, 412) } },
      handler: ({ deps, request, reply, params }) =>
        service.remove(deps, scimCall(request, reply), params.id),
    }),
  ];
}

const discovery = (url: string, summary: string, body: (base: string) => unknown): Route =>
  defineRoute({
    method: 'GET',
    url: `/scim/v2/${url}`,
    auth: 'scim',
    rateLimit: 'none',
    summary,
    tags,
    schema: { response: { 200: ScimDocument, ...scimErrors(401) } },
    handler: async ({ request }) => body(baseOf(request)) as Record<string, unknown>,
  });

const oneOf = (url: string, summary: string, all: (base: string) => { id: string }[]): Route =>
  defineRoute({
    method: 'GET',
    url: `/scim/v2/${url}/:id`,
    auth: 'scim',
    rateLimit: 'none',
    summary,
    tags,
    schema: { params: IdParams, response: { 200: ScimDocument, ...scimErrors(401, 404) } },
    handler: async ({ request, params }) => {
      const found = all(baseOf(request)).find((item) => item.id.toLowerCase() === params.id.toLowerCase());
      if (!found) throw new ScimProblem(404, undefined, `No ${url} "${params.id}".`);
      return found as unknown as Record<string, unknown>;
    },
  });

export const scimRoutes: Route[] = [
  ...resourceRoutes('Users', 'User', {
    list: users.listUsers,
    get: users.getUser,
    create: users.createUser,
    replace: users.replaceUser,
    patch: users.patchUser,
    remove: users.deleteUser,
  }),
  ...resourceRoutes('Groups', 'Group', {
    list: groups.listGroups,
    get: groups.getGroup,
    create: groups.createGroup,
    replace: groups.replaceGroup,
    patch: groups.patchGroup,
    remove: groups.deleteGroup,
  }),
  discovery(
    'ServiceProviderConfig',
    'SCIM: what Plein supports (also at /scim/v2/serviceConfiguration)',
    (b) => serviceProviderConfig(b),
  ),
  discovery('ResourceTypes', 'SCIM: the resource types (User, Group)', (b) => {
    const all = resourceTypes(b);
    return listResponse(all, all.length, 1);
  }),
  oneOf('ResourceTypes', 'SCIM: one resource type', resourceTypes),
  discovery('Schemas', 'SCIM: the schemas (User, enterprise extension, Group)', (b) => {
    const all = schemas(b);
    return listResponse(all, all.length, 1);
  }),
  oneOf('Schemas', 'SCIM: one schema, by its URN', schemas),
];

/**
 * TEST ONLY (PLEIN_SCIM_TEST_TOKEN_ROUTE, refused by config.ts outside NODE_ENV=test or with the demo): Microsoft's
 * conformance collection starts by asking for a token. app.ts mounts it only when that setting is on.
 */
export const scimTestTokenRoute = defineRoute({
  method: 'GET',
  url: '/scim/v2/Token',
  auth: 'none',
  rateLimit: 'none',
  summary: 'TEST ONLY: a fresh SCIM token, for the conformance collection',
  tags,
  schema: { response: { 200: z.object({ token: z.string() }) } },
  handler: async ({ deps }) => ({ token: (await tokens.createToken(deps, null, 'conformance test')).token }),
});

/** Admins manage the identity providers' tokens (Admin → SCIM provisioning in the web app). */
export const scimTokenRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/admin/scim-tokens',
    auth: 'admin',
    rateLimit: 'write',
    summary: 'Create a SCIM token for an identity provider (shown once; audited)',
    tags,
    status: 201,
    schema: { body: CreateScimToken, response: { 201: CreatedScimToken, ...problems(400, 401, 403) } },
    handler: ({ deps, viewer, body }) => tokens.createToken(deps, viewer, body.name),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/admin/scim-tokens',
    auth: 'admin',
    rateLimit: 'read',
    summary: 'The SCIM tokens in use (never their secrets)',
    tags,
    schema: { response: { 200: page(ScimToken), ...problems(401, 403) } },
    handler: ({ deps }) => tokens.listTokens(deps),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/admin/scim-tokens/:id',
    auth: 'admin',
    rateLimit: 'write',
    summary: 'Revoke a SCIM token: the provider is refused from its next request on (audited)',
    tags,
    status: 204,
    schema: { params: z.object({ id: Id }), response: { 204: Empty, ...problems(401, 403, 404) } },
    handler: ({ deps, viewer, params }) => tokens.revokeToken(deps, viewer, params.id),
  }),
];
