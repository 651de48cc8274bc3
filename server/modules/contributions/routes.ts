import { z } from 'zod';
import { Handle, problems } from '../../../contract/common.js';
import { Contributions } from '../../../contract/contributions.js';
import { defineRoute } from '../../platform/http/route.js';
import { getContributions } from './service.js';

export const contributionRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/people/:handle/contributions',
    auth: 'person',
    rateLimit: 'read',
    summary:
      "A person's contributions tied to outcomes: accepted answers, ideas that reached planned or done, praise " +
      'received; counted only over threads the viewer may read',
    tags: ['people'],
    schema: {
      params: z.object({ handle: Handle }),
      response: { 200: Contributions, ...problems(400, 401, 404) },
    },
    handler: ({ deps, viewer, params }) => getContributions(deps, viewer, params.handle),
  }),
];
