import { type MatrixRow, statuses } from './matrix.js';

// The matrix runs with demo mode off: then the picker's routes do not exist for anyone (demo.test.ts covers on).
export const demoMatrix: MatrixRow[] = [
  {
    route: 'GET /api/v1/demo/people',
    on: 'none',
    request: () => ({ url: '/api/v1/demo/people' }),
    expect: statuses.everyone(404),
  },
  {
    route: 'POST /api/v1/demo/login',
    on: 'none',
    request: (world) => ({ url: '/api/v1/demo/login', body: { handle: world.people.member.handle } }),
    expect: statuses.everyone(404),
  },
];
