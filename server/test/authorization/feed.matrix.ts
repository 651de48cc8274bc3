import { unique } from '../factories.js';
import { type MatrixRow, statuses } from './matrix.js';
import { VISIBILITIES, type Visibility } from './world.js';

/** Lists that filter rather than refuse: everyone signed in gets 200, with only what they may read. */
const filteredRowsFor = (visibility: Visibility): MatrixRow[] => [
  {
    route: 'GET /api/v1/groups/:slug/threads',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/groups/${place.community.slug}/threads?kind=question` }),
    expect:
      visibility === 'open'
        ? statuses.anyPerson(200)
        : statuses.membersOnly(200, visibility === 'closed' ? 403 : 404),
  },
  {
    route: 'GET /api/v1/hashtags/:tag/threads',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/hashtags/${place.marker.toLowerCase()}/threads` }),
    expect: statuses.anyPerson(200),
  },
];

export const feedMatrix: MatrixRow[] = [
  {
    route: 'GET /api/v1/feed',
    on: 'none',
    request: () => ({ url: '/api/v1/feed?limit=5' }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'GET /api/v1/people/:handle/activity',
    on: 'none',
    // The member writes in every community; each viewer gets 200 with only what they may read.
    request: (_world, place) => ({ url: `/api/v1/people/${place.member.handle}/activity` }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'GET /api/v1/hashtags/:tag',
    on: 'none',
    request: () => ({ url: '/api/v1/hashtags/roadmap' }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'PUT /api/v1/hashtags/:tag/follow',
    on: 'none',
    request: () => ({ url: `/api/v1/hashtags/${unique('tag')}/follow` }),
    expect: statuses.anyPerson(204),
  },
  {
    route: 'DELETE /api/v1/hashtags/:tag/follow',
    on: 'none',
    request: () => ({ url: '/api/v1/hashtags/roadmap/follow' }),
    expect: statuses.anyPerson(204),
  },
  ...VISIBILITIES.flatMap(filteredRowsFor),
];
