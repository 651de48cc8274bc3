import { type MatrixRow, statuses } from './matrix.js';

export const siteMatrix: MatrixRow[] = [
  {
    route: 'GET /api/v1/site',
    on: 'none',
    request: () => ({ url: '/api/v1/site' }),
    expect: statuses.everyone(200),
  },
];
