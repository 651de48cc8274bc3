import { type MatrixRow, statuses } from './matrix.js';

export const auditMatrix: MatrixRow[] = [
  {
    route: 'GET /api/v1/audit',
    on: 'none',
    request: () => ({ url: '/api/v1/audit' }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'GET /api/v1/audit.csv',
    on: 'none',
    request: () => ({ url: '/api/v1/audit.csv?action=moderation.' }),
    expect: statuses.adminOnly(200),
  },
];
