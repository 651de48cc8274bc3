import { Empty, problems } from '../../../contract/common.js';
import {
  EDiscoveryQuery,
  Erased,
  EraseRequest,
  ExportDocument,
  HoldParams,
  LegalHold,
  LegalHolds,
  PersonParams,
  PlaceHold,
  RetentionPolicy,
  RetentionPreview,
  UpdateRetention,
} from '../../../contract/privacy.js';
import { defineRoute } from '../../platform/http/route.js';
import { erasePerson } from './erasure.js';
import { eDiscovery, exportPerson } from './export.js';
import { previewRetention } from './retention.js';
import {
  liftHold,
  listHolds,
  placeHold,
  retentionPolicy,
  setComplianceRole,
  updateRetention,
} from './service.js';

const tags = ['privacy'];
const download = (reply: { header: (k: string, v: string) => unknown }, name: string) =>
  reply.header('content-disposition', `attachment; filename="${name}"`);

export const privacyRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/me/export',
    auth: 'person',
    // An export reads everything about a person: throttled like a write.
    rateLimit: 'write',
    summary: 'Download everything Plein holds about you, as JSON (GDPR art. 15 and 20)',
    tags,
    schema: { response: { 200: ExportDocument, ...problems(401, 429) } },
    handler: async ({ deps, viewer, reply }) => {
      download(reply, 'plein-my-data.json');
      return exportPerson(deps, viewer, null);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/people/:handle/export',
    auth: 'admin',
    rateLimit: 'write',
    summary: "Download a person's data on their behalf (admins; their posts only where you may read them)",
    tags,
    schema: { params: PersonParams, response: { 200: ExportDocument, ...problems(400, 401, 403, 404, 429) } },
    handler: async ({ deps, viewer, params, reply }) => {
      download(reply, `plein-data-${params.handle}.json`);
      return exportPerson(deps, viewer, params.handle);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/people/:handle/erasure',
    auth: 'admin',
    rateLimit: 'write',
    summary:
      'Erase a person (GDPR art. 17): confirm with their handle; refused while they are under legal hold',
    tags,
    schema: {
      params: PersonParams,
      body: EraseRequest,
      response: { 200: Erased, ...problems(400, 401, 403, 404, 409) },
    },
    handler: ({ deps, viewer, params, body }) => erasePerson(deps, viewer, params.handle, body.confirm),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/privacy/retention',
    auth: 'admin',
    rateLimit: 'read',
    summary: "Retention periods per kind of data, and what erasure does with a person's posts (admins)",
    tags,
    schema: { response: { 200: RetentionPolicy, ...problems(401, 403) } },
    handler: ({ deps }) => retentionPolicy(deps),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/privacy/retention',
    auth: 'admin',
    rateLimit: 'write',
    summary: 'Set retention periods (days, null: keep) and the erased-posts policy (admins)',
    tags,
    schema: { body: UpdateRetention, response: { 200: RetentionPolicy, ...problems(400, 401, 403) } },
    handler: ({ deps, viewer, body }) => updateRetention(deps, viewer, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/privacy/retention/preview',
    auth: 'admin',
    rateLimit: 'read',
    summary: 'How much the next retention sweep would delete now, per kind (admins)',
    tags,
    schema: { response: { 200: RetentionPreview, ...problems(401, 403) } },
    handler: ({ deps }) => previewRetention(deps),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/privacy/holds',
    auth: 'admin',
    rateLimit: 'read',
    summary: 'Active legal holds on people and communities (admins)',
    tags,
    schema: { response: { 200: LegalHolds, ...problems(401, 403) } },
    handler: ({ deps, viewer }) => listHolds(deps, viewer),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/privacy/holds',
    auth: 'admin',
    rateLimit: 'write',
    summary: 'Place a legal hold on a person or community: no erasure or retention deletion until released',
    tags,
    status: 201,
    schema: { body: PlaceHold, response: { 201: LegalHold, ...problems(400, 401, 403, 404, 409) } },
    handler: ({ deps, viewer, body }) => placeHold(deps, viewer, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/privacy/holds/:id',
    auth: 'admin',
    rateLimit: 'write',
    summary: 'Release a legal hold (admins)',
    tags,
    status: 204,
    schema: { params: HoldParams, response: { 204: Empty, ...problems(400, 401, 403, 404) } },
    handler: ({ deps, viewer, params }) => liftHold(deps, viewer, params.id),
  }),
  ...(['PUT', 'DELETE'] as const).map((method) =>
    defineRoute({
      method,
      url: '/api/v1/people/:handle/compliance-officer',
      auth: 'admin',
      rateLimit: 'write',
      summary:
        method === 'PUT'
          ? 'Make an admin a compliance officer (may run eDiscovery exports)'
          : 'Take the compliance officer role away',
      tags,
      status: 204,
      schema: { params: PersonParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 409) } },
      handler: ({ deps, viewer, params }) => setComplianceRole(deps, viewer, params.handle, method === 'PUT'),
    }),
  ),
  defineRoute({
    method: 'GET',
    url: '/api/v1/compliance/ediscovery',
    auth: 'admin',
    rateLimit: 'write',
    summary:
      'eDiscovery: threads and replies in a date range, by community or person, as JSON (compliance officers)',
    tags,
    schema: {
      querystring: EDiscoveryQuery,
      response: { 200: ExportDocument, ...problems(400, 401, 403, 404, 429) },
    },
    handler: async ({ deps, viewer, query, reply }) => {
      download(reply, 'plein-ediscovery.json');
      return eDiscovery(deps, viewer, query);
    },
  }),
];
