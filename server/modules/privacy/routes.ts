import { z } from 'zod';
import { Empty, problems } from '../../../contract/common.js';
import {
  CommunityRetention,
  CommunityRetentionParams,
  EDiscoveryRequest,
  Erased,
  EraseRequest,
  ExportParams,
  HoldParams,
  LegalHold,
  LegalHolds,
  PersonParams,
  PlaceHold,
  PrivacyExport,
  PrivacyExports,
  RetentionPolicy,
  RetentionPreview,
  SetCommunityRetention,
  UpdateRetention,
} from '../../../contract/privacy.js';
import { defineRoute } from '../../platform/http/route.js';
import { erasePerson } from './erasure.js';
import { exportsOfPerson, myExports, requestDiscovery, requestPersonExport, sendExport } from './export.js';
import { previewRetention } from './retention.js';
import {
  liftHold,
  listHolds,
  placeHold,
  removeCommunityPolicy,
  retentionPolicy,
  setCommunityPolicy,
  setComplianceRole,
  updateRetention,
} from './service.js';

const tags = ['privacy'];
const Zip = z.string().describe('The zip archive').meta({ format: 'binary' });

export const privacyRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/me/exports',
    auth: 'person',
    // Building an archive reads everything about a person: throttled like a write.
    rateLimit: 'write',
    summary:
      'Ask for everything Plein holds about you (GDPR art. 15 and 20): a job prepares a zip, offered for 7 days',
    tags,
    status: 201,
    // Suspended people keep their right of access.
    allowSuspended: true,
    schema: { response: { 201: PrivacyExport, ...problems(401, 429) } },
    handler: ({ deps, viewer }) => requestPersonExport(deps, viewer, null),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/me/exports',
    auth: 'person',
    rateLimit: 'read',
    summary: 'Your exports (your own data; eDiscovery archives you asked for) and their status',
    tags,
    schema: { response: { 200: PrivacyExports, ...problems(401) } },
    handler: ({ deps, viewer }) => myExports(deps, viewer),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/exports/:id/download',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Download a prepared export (only the person it is for)',
    tags,
    schema: { params: ExportParams, response: { 200: Zip, ...problems(400, 401, 404, 409, 429) } },
    handler: ({ deps, viewer, params, reply }) => sendExport(deps, viewer, params.id, reply) as never,
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/people/:handle/exports',
    auth: 'admin',
    rateLimit: 'write',
    summary:
      "Ask for a person's export on their behalf (admins): it is prepared for them, and only they download it",
    tags,
    status: 201,
    schema: { params: PersonParams, response: { 201: PrivacyExport, ...problems(400, 401, 403, 404, 429) } },
    handler: ({ deps, viewer, params }) => requestPersonExport(deps, viewer, params.handle),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/people/:handle/exports',
    auth: 'admin',
    rateLimit: 'read',
    summary: "A person's exports and their status (admins; never their content)",
    tags,
    schema: { params: PersonParams, response: { 200: PrivacyExports, ...problems(400, 401, 403, 404) } },
    handler: ({ deps, viewer, params }) => exportsOfPerson(deps, viewer, params.handle),
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
    summary:
      "Retention periods per kind of data and per community, what old content undergoes, and what erasure does with a person's posts (admins)",
    tags,
    schema: { response: { 200: RetentionPolicy, ...problems(401, 403) } },
    handler: ({ deps, viewer }) => retentionPolicy(deps, viewer),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/privacy/retention',
    auth: 'admin',
    rateLimit: 'write',
    summary:
      "Set the organisation's retention periods (days, null: keep), old content's action and the erased-posts policy (admins)",
    tags,
    schema: { body: UpdateRetention, response: { 200: RetentionPolicy, ...problems(400, 401, 403) } },
    handler: ({ deps, viewer, body }) => updateRetention(deps, viewer, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/privacy/retention/preview',
    auth: 'admin',
    rateLimit: 'read',
    summary:
      'What the next retention sweep would do now: per kind, and old threads per community and action (admins)',
    tags,
    schema: { response: { 200: RetentionPreview, ...problems(401, 403) } },
    handler: ({ deps, viewer }) => previewRetention(deps, viewer),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/privacy/retention/communities/:slug',
    auth: 'admin',
    rateLimit: 'write',
    summary:
      "Give a community its own content period and action, overriding the organisation's (admins; audited)",
    tags,
    schema: {
      params: CommunityRetentionParams,
      body: SetCommunityRetention,
      response: { 200: CommunityRetention, ...problems(400, 401, 403, 404) },
    },
    handler: ({ deps, viewer, params, body }) => setCommunityPolicy(deps, viewer, params.slug, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/privacy/retention/communities/:slug',
    auth: 'admin',
    rateLimit: 'write',
    summary: "A community follows the organisation's content period again (admins; audited)",
    tags,
    status: 204,
    schema: { params: CommunityRetentionParams, response: { 204: Empty, ...problems(400, 401, 403, 404) } },
    handler: ({ deps, viewer, params }) => removeCommunityPolicy(deps, viewer, params.slug),
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
    method: 'POST',
    url: '/api/v1/compliance/ediscovery',
    auth: 'admin',
    rateLimit: 'write',
    summary:
      'eDiscovery (compliance officers): every thread, reply and file in a date range and scope, closed and secret communities included, prepared as a zip',
    tags,
    status: 201,
    schema: {
      body: EDiscoveryRequest,
      response: { 201: PrivacyExport, ...problems(400, 401, 403, 404, 429) },
    },
    handler: ({ deps, viewer, body }) => requestDiscovery(deps, viewer, body),
  }),
];
