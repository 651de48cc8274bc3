import { z } from 'zod';
import { problems } from '../../../contract/common.js';
import { Problem } from '../../platform/http/problem.js';
import { defineRoute } from '../../platform/http/route.js';

const Status = z.object({ status: z.literal('ok') });
const tags = ['health'];

export const healthRoutes = [
  defineRoute({
    method: 'GET',
    url: '/healthz',
    auth: 'none',
    rateLimit: 'none',
    summary: 'The process is up',
    tags,
    schema: { response: { 200: Status } },
    handler: async () => ({ status: 'ok' as const }),
  }),
  defineRoute({
    method: 'GET',
    url: '/readyz',
    auth: 'none',
    rateLimit: 'none',
    summary: 'The database answers',
    tags,
    schema: { response: { 200: Status, ...problems(503) } },
    handler: async ({ deps }) => {
      try {
        await deps.db.pool.query('select 1');
      } catch {
        throw new Problem(503, 'Service Unavailable', 'The database does not answer.');
      }
      return { status: 'ok' as const };
    },
  }),
];
