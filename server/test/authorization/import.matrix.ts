import { type MatrixRow, statuses } from './matrix.js';

const unknownId = '00000000-0000-4000-8000-000000000000';

// Admins only; an admin past the gate gets what the request deserves (no archive: 415, no such import: 404).
export const importMatrix: MatrixRow[] = [
  {
    route: 'POST /api/v1/admin/imports',
    on: 'none',
    request: () => ({ url: '/api/v1/admin/imports?name=export.zip' }),
    expect: statuses.adminOnly(415),
  },
  {
    route: 'GET /api/v1/admin/imports/:id',
    on: 'none',
    request: () => ({ url: `/api/v1/admin/imports/${unknownId}` }),
    expect: statuses.adminOnly(404),
  },
  {
    route: 'POST /api/v1/admin/imports/:id/run',
    on: 'none',
    request: () => ({ url: `/api/v1/admin/imports/${unknownId}/run` }),
    expect: statuses.adminOnly(404),
  },
];
