import { z } from 'zod';
import { Empty, Handle, page, problems } from '../../../contract/common.js';
import {
  CreatePerson,
  Me,
  PeopleQuery,
  PersonProfile,
  PersonSummary,
  UpdateMe,
  UpdatePerson,
} from '../../../contract/people.js';
import { defineRoute } from '../../platform/http/route.js';
import * as service from './service.js';

const tags = ['people'];
const HandleParams = z.object({ handle: Handle });

export const peopleRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/me',
    auth: 'person',
    rateLimit: 'read',
    summary: 'The signed-in person',
    tags,
    schema: { response: { 200: Me, ...problems(401) } },
    handler: ({ deps, viewer }) => service.me(deps, viewer),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/me',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Change my own profile (and password)',
    tags,
    schema: { body: UpdateMe, response: { 200: Me, ...problems(400, 401, 403) } },
    handler: ({ deps, viewer, body }) => service.updateMe(deps, viewer, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/people',
    auth: 'person',
    rateLimit: 'read',
    summary: 'The people directory: search by name, handle or title, filter by skill, department, location',
    tags,
    schema: { querystring: PeopleQuery, response: { 200: page(PersonSummary), ...problems(400, 401) } },
    handler: ({ deps, query }) => service.listPeople(deps, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/people',
    auth: 'admin',
    rateLimit: 'write',
    summary: 'Add a person (admins)',
    tags,
    status: 201,
    idempotent: true,
    schema: { body: CreatePerson, response: { 201: PersonProfile, ...problems(400, 401, 403, 409) } },
    handler: async ({ deps, viewer, body }) => {
      const row = await service.createPerson(deps, viewer, body);
      return service.profileOf(deps, row, viewer.id);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/people/:handle',
    auth: 'person',
    rateLimit: 'read',
    summary: "A person's profile, with manager and direct reports",
    tags,
    schema: { params: HandleParams, response: { 200: PersonProfile, ...problems(401, 404) } },
    handler: ({ deps, viewer, params }) => service.getProfile(deps, viewer, params.handle),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/people/:handle',
    auth: 'admin',
    rateLimit: 'write',
    summary: 'Change anyone, including role, leader flag and deactivation (admins; audited)',
    tags,
    schema: {
      params: HandleParams,
      body: UpdatePerson,
      response: { 200: PersonProfile, ...problems(400, 401, 403, 404, 409) },
    },
    handler: ({ deps, viewer, params, body }) => service.updatePerson(deps, viewer, params.handle, body),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/people/:handle/follow',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Follow a person',
    tags,
    status: 204,
    schema: { params: HandleParams, response: { 204: Empty, ...problems(400, 401, 404) } },
    handler: ({ deps, viewer, params }) => service.follow(deps, viewer, params.handle, true),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/people/:handle/follow',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Stop following a person',
    tags,
    status: 204,
    schema: { params: HandleParams, response: { 204: Empty, ...problems(400, 401, 404) } },
    handler: ({ deps, viewer, params }) => service.follow(deps, viewer, params.handle, false),
  }),
];
