import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Empty, Handle, Id, PageQuery, page, problems, Slug } from '../../../contract/common.js';
import {
  AppointOwner,
  ChangeMemberRole,
  CommunitiesQuery,
  CommunityDetails,
  CommunitySummary,
  CreateCommunity,
  JoinMessage,
  JoinRequest,
  Member,
  Membership,
  type Membership as MembershipShape,
  UpdateCommunity,
} from '../../../contract/communities.js';
import { defineRoute } from '../../platform/http/route.js';
import { appointOwner } from './appointment.js';
import * as membership from './membership-service.js';
import * as service from './service.js';

const tags = ['communities'];

/** 202 Accepted when joining became a request that waits for an owner's decision. */
const acceptedWhenPending = (reply: FastifyReply, result: MembershipShape) => {
  reply.status(result.state === 'pending' ? 202 : 200);
  return result;
};
const SlugParams = z.object({ slug: Slug });
const MemberParams = z.object({ slug: Slug, handle: Handle });
const RequestParams = z.object({ slug: Slug, id: Id });

export const communityRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/groups',
    auth: 'person',
    rateLimit: 'read',
    summary:
      'The community directory: search by name or slug, filter by kind or my own; secret ones only for members',
    tags,
    schema: {
      querystring: CommunitiesQuery,
      response: { 200: page(CommunitySummary), ...problems(400, 401) },
    },
    handler: ({ deps, viewer, query }) => service.listCommunities(deps, viewer, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/groups',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Create a community; its creator becomes its owner (secret ones per the admin setting)',
    tags,
    status: 201,
    idempotent: true,
    schema: { body: CreateCommunity, response: { 201: CommunityDetails, ...problems(400, 401, 403, 409) } },
    handler: ({ deps, viewer, body }) => service.createCommunity(deps, viewer, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/groups/:slug',
    auth: 'person',
    rateLimit: 'read',
    summary: "A community's details and owners (a closed one's too; a secret one only for its members)",
    tags,
    schema: { params: SlugParams, response: { 200: CommunityDetails, ...problems(400, 401, 404) } },
    handler: ({ deps, viewer, params }) => service.getCommunity(deps, viewer, params.slug),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/groups/:slug',
    auth: 'person',
    rateLimit: 'write',
    summary:
      'Change a community (its owners, and admins for ones they can see; only owners widen it; audited)',
    tags,
    schema: {
      params: SlugParams,
      body: UpdateCommunity,
      response: { 200: CommunityDetails, ...problems(400, 401, 403, 404) },
    },
    handler: ({ deps, viewer, params, body }) => service.updateCommunity(deps, viewer, params.slug, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/groups/:slug/members',
    auth: 'person',
    rateLimit: 'read',
    summary: 'Members of a community you may read: owners first, then the newest',
    tags,
    schema: {
      params: SlugParams,
      querystring: PageQuery,
      response: { 200: page(Member), ...problems(400, 401, 403, 404) },
    },
    handler: ({ deps, viewer, params, query }) => membership.listMembers(deps, viewer, params.slug, query),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/groups/:slug/members/:handle',
    auth: 'person',
    rateLimit: 'write',
    summary:
      'Join (open), ask to join (closed: 202 with a pending request), or add someone (owners; audited)',
    tags,
    schema: {
      params: MemberParams,
      body: JoinMessage,
      response: { 200: Membership, 202: Membership, ...problems(400, 401, 403, 404) },
    },
    handler: async ({ deps, viewer, params, body, reply }) =>
      acceptedWhenPending(reply, await membership.putMember(deps, viewer, params.slug, params.handle, body)),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/groups/:slug/members/:handle',
    auth: 'person',
    rateLimit: 'write',
    summary:
      'Leave a community (or withdraw your request), or remove someone (owners; audited); never the last owner',
    tags,
    status: 204,
    schema: { params: MemberParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 409) } },
    handler: ({ deps, viewer, params }) => membership.deleteMember(deps, viewer, params.slug, params.handle),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/groups/:slug/members/:handle',
    auth: 'person',
    rateLimit: 'write',
    summary: "Change a member's role (owners; audited); never demote the last owner",
    tags,
    schema: {
      params: MemberParams,
      body: ChangeMemberRole,
      response: { 200: Member, ...problems(400, 401, 403, 404, 409) },
    },
    handler: ({ deps, viewer, params, body }) =>
      membership.changeRole(deps, viewer, params.slug, params.handle, body.role),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/groups/:slug/requests',
    auth: 'person',
    rateLimit: 'read',
    summary: 'Pending join requests, oldest first (owners)',
    tags,
    schema: {
      params: SlugParams,
      querystring: PageQuery,
      response: { 200: page(JoinRequest), ...problems(400, 401, 403, 404) },
    },
    handler: ({ deps, viewer, params, query }) => membership.listRequests(deps, viewer, params.slug, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/groups/:slug/requests/:id/approve',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Approve a join request: the person becomes a member and is notified (owners; audited)',
    tags,
    schema: { params: RequestParams, response: { 200: JoinRequest, ...problems(400, 401, 403, 404, 409) } },
    handler: ({ deps, viewer, params }) =>
      membership.decideRequest(deps, viewer, params.slug, params.id, 'approved'),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/groups/:slug/requests/:id/decline',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Decline a join request (owners; audited)',
    tags,
    schema: { params: RequestParams, response: { 200: JoinRequest, ...problems(400, 401, 403, 404, 409) } },
    handler: ({ deps, viewer, params }) =>
      membership.decideRequest(deps, viewer, params.slug, params.id, 'declined'),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/admin/communities/:slug/owners',
    auth: 'admin',
    rateLimit: 'write',
    summary:
      'Appoint an owner for a community with no active owner left (admins; never themselves; audited, members told)',
    tags,
    schema: {
      params: SlugParams,
      body: AppointOwner,
      response: { 200: Member, ...problems(400, 401, 403, 404, 409) },
    },
    handler: ({ deps, viewer, params, body }) => appointOwner(deps, viewer, params.slug, body.handle),
  }),
];
