import { AuditEntry, AuditQuery } from '../../../contract/audit.js';
import { page, problems } from '../../../contract/common.js';
import { defineRoute } from '../../platform/http/route.js';
import { auditLog } from './service.js';

export const auditRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/audit',
    auth: 'admin',
    rateLimit: 'read',
    summary: 'The audit log: admin actions and permission changes, newest first (admins)',
    tags: ['admin'],
    schema: { querystring: AuditQuery, response: { 200: page(AuditEntry), ...problems(400, 401, 403) } },
    handler: ({ deps, query }) => auditLog(deps, query),
  }),
];
