import type { Expectation, MatrixRow } from './matrix.js';

/** The scorecard: community managers, leaders and admins; every other member gets 403. */
const analysts: Expectation = {
  anonymous: 401,
  member: 403,
  nonMember: 403,
  owner: 403,
  leader: 200,
  admin: 200,
  deactivated: 401,
};

export const analyticsMatrix: MatrixRow[] = [
  {
    route: 'GET /api/v1/analytics/scorecard',
    on: 'none',
    request: () => ({ url: '/api/v1/analytics/scorecard' }),
    expect: analysts,
  },
  {
    route: 'GET /api/v1/analytics/scorecard.csv',
    on: 'none',
    request: () => ({ url: '/api/v1/analytics/scorecard.csv' }),
    expect: analysts,
  },
  {
    route: 'GET /api/v1/analytics/scorecard',
    on: 'open',
    request: (_world, place) => ({ url: `/api/v1/analytics/scorecard?community=${place.community.slug}` }),
    expect: analysts,
  },
  {
    route: 'GET /api/v1/analytics/scorecard',
    on: 'closed',
    // Filtering on a community is reading it: a closed one only for its members among the analysts.
    request: (_world, place) => ({ url: `/api/v1/analytics/scorecard?community=${place.community.slug}` }),
    expect: { ...analysts, leader: 403, admin: 403 },
  },
  {
    route: 'GET /api/v1/analytics/scorecard',
    on: 'secret',
    request: (_world, place) => ({ url: `/api/v1/analytics/scorecard?community=${place.community.slug}` }),
    expect: { ...analysts, leader: 404, admin: 404 },
  },
];
