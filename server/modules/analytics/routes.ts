import { z } from 'zod';
import { Scorecard, ScorecardQuery } from '../../../contract/analytics.js';
import { problems } from '../../../contract/common.js';
import { Funnel, FunnelQuery } from '../../../contract/funnel.js';
import { defineRoute } from '../../platform/http/route.js';
import { scorecardCsv } from './csv.js';
import { funnel } from './funnel.js';
import { scorecard } from './service.js';

const tags = ['analytics'];

export const analyticsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/analytics/scorecard',
    auth: 'person',
    rateLimit: 'read',
    summary:
      'The adoption scorecard: the six conditions and the benefits (community managers, leaders, admins)',
    tags,
    schema: { querystring: ScorecardQuery, response: { 200: Scorecard, ...problems(400, 401, 403, 404) } },
    handler: ({ deps, viewer, query }) => scorecard(deps, viewer, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/analytics/scorecard.csv',
    auth: 'person',
    rateLimit: 'read',
    summary: 'The adoption scorecard as CSV, one line per figure',
    tags,
    schema: {
      querystring: ScorecardQuery,
      response: { 200: z.string().describe('text/csv'), ...problems(400, 401, 403, 404) },
    },
    handler: async ({ deps, viewer, query, reply }) => {
      const csv = scorecardCsv(await scorecard(deps, viewer, query), viewer.locale ?? 'en');
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="plein-scorecard.csv"`)
        .serializer((payload: unknown) => payload as string);
      return csv;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/analytics/funnel',
    auth: 'person',
    rateLimit: 'read',
    summary:
      'Condition 6: invited → activated → monthly active → engaged, per department and location, with the median time to activation',
    tags,
    schema: { querystring: FunnelQuery, response: { 200: Funnel, ...problems(400, 401, 403) } },
    handler: ({ deps, viewer, query }) => funnel(deps, viewer, query),
  }),
];
