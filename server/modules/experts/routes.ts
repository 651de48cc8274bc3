import { z } from 'zod';
import { Handle, problems } from '../../../contract/common.js';
import { Expertise, Experts, ExpertsQuery } from '../../../contract/experts.js';
import { defineRoute } from '../../platform/http/route.js';
import { expertiseOf, findExperts } from './service.js';

const tags = ['experts'];

export const expertRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/experts',
    auth: 'person',
    rateLimit: 'read',
    summary: 'Who knows about a topic, ranked, with the evidence the viewer may see',
    tags,
    schema: { querystring: ExpertsQuery, response: { 200: Experts, ...problems(400, 401) } },
    handler: ({ deps, viewer, query }) => findExperts(deps, viewer, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/people/:handle/expertise',
    auth: 'person',
    rateLimit: 'read',
    summary: 'What a person knows about, from their skills and behaviour, with evidence',
    tags,
    schema: {
      params: z.object({ handle: Handle }),
      response: { 200: Expertise, ...problems(400, 401, 404) },
    },
    handler: ({ deps, viewer, params }) => expertiseOf(deps, viewer, params.handle),
  }),
];
