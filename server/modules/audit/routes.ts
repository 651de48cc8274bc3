import { z } from 'zod';
import { AuditEntry, AuditQuery } from '../../../contract/audit.js';
import { page, problems } from '../../../contract/common.js';
import { defineRoute } from '../../platform/http/route.js';
import { auditCsv, auditLog } from './service.js';

// No route changes or deletes an entry: the trail stays, its authors' included (the database refuses it too).
export const auditRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/audit',
    auth: 'admin',
    rateLimit: 'read',
    summary:
      'The audit log: admin and moderation actions, newest first, filtered by actor, action, target, time (admins)',
    tags: ['admin'],
    schema: { querystring: AuditQuery, response: { 200: page(AuditEntry), ...problems(400, 401, 403) } },
    handler: ({ deps, query }) => auditLog(deps, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/audit.csv',
    auth: 'admin',
    rateLimit: 'read',
    summary: 'The audit log as CSV, with the same filters (admins)',
    tags: ['admin'],
    schema: {
      querystring: AuditQuery.omit({ limit: true }),
      response: { 200: z.string().describe('text/csv'), ...problems(400, 401, 403) },
    },
    handler: async ({ deps, query, reply }) => {
      const csv = await auditCsv(deps, { ...query, limit: 1 });
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="plein-audit.csv"')
        .serializer((payload: unknown) => payload as string);
      return csv;
    },
  }),
];
