import { type MatrixRow, statuses } from './matrix.js';
import { VISIBILITIES, type Visibility } from './world.js';

/** Search filters rather than refuses: everyone signed in gets 200 with only what they may read (leak.test.ts). */
const searchRowsFor = (visibility: Visibility): MatrixRow[] => [
  {
    route: 'GET /api/v1/search',
    on: visibility,
    request: (_world, place) => ({
      url: `/api/v1/search?q=${place.marker}&community=${place.community.slug}`,
    }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'GET /api/v1/search/suggestions',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/search/suggestions?q=${place.marker}` }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'GET /api/v1/questions/similar',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/questions/similar?title=${place.marker}` }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'GET /api/v1/experts',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/experts?q=${place.marker}` }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'GET /api/v1/people/:handle/expertise',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/people/${place.member.handle}/expertise` }),
    expect: statuses.anyPerson(200),
  },
];

export const searchMatrix: MatrixRow[] = [
  ...VISIBILITIES.flatMap(searchRowsFor),
  {
    route: 'GET /api/v1/search',
    on: 'none',
    request: () => ({ url: '/api/v1/search?q=question&type=people' }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'GET /api/v1/me/routing',
    on: 'none',
    request: () => ({ url: '/api/v1/me/routing' }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'PUT /api/v1/me/routing',
    on: 'none',
    request: () => ({ url: '/api/v1/me/routing', body: { optOut: false } }),
    expect: statuses.anyPerson(200),
  },
];
