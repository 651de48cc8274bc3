import type { MatrixRow } from './matrix.js';

/** The invitation funnel: like the scorecard, community managers, leaders and admins; other members get 403. */
export const funnelMatrix: MatrixRow[] = [
  {
    route: 'GET /api/v1/analytics/funnel',
    on: 'none',
    request: () => ({ url: '/api/v1/analytics/funnel' }),
    expect: {
      anonymous: 401,
      member: 403,
      nonMember: 403,
      owner: 403,
      leader: 200,
      admin: 200,
      deactivated: 401,
    },
  },
];
