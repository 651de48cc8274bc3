import { z } from 'zod';
import { problems, Slug } from '../../../contract/common.js';
import { AttentionPage, AttentionQuery, CommunityHealth } from '../../../contract/community-health.js';
import { defineRoute } from '../../platform/http/route.js';
import * as service from './service.js';

const tags = ['communities'];

export const communityHealthRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/groups/:slug/health',
    auth: 'person',
    rateLimit: 'read',
    summary:
      "A community's health: active participants in the last 28 days against its threshold, a 12-week trend, " +
      'and suggestions when below (readers of the community only)',
    tags,
    schema: {
      params: z.object({ slug: Slug }),
      response: { 200: CommunityHealth, ...problems(400, 401, 403, 404) },
    },
    handler: ({ deps, viewer, params }) => service.getHealth(deps, viewer, params.slug),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/admin/communities/attention',
    auth: 'person',
    rateLimit: 'read',
    summary:
      'Communities needing attention: without a sponsor or below their threshold (admins and community managers; ' +
      'a page looks at a bounded stretch of the directory, so it may hold fewer items than asked)',
    tags,
    schema: { querystring: AttentionQuery, response: { 200: AttentionPage, ...problems(400, 401, 403) } },
    handler: ({ deps, viewer, query }) => service.listAttention(deps, viewer, query),
  }),
];
