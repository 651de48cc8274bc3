import { buildCommunity } from '../factories.js';
import { type Expectation, type MatrixRow, statuses } from './matrix.js';
import { VISIBILITIES, type Visibility } from './world.js';

/** A community's health is its content: everyone reads an open one, members a closed one (403), secret (404). */
const readers = (visibility: Visibility): Expectation =>
  visibility === 'open'
    ? statuses.anyPerson(200)
    : statuses.membersOnly(200, visibility === 'closed' ? 403 : 404);

/** The threshold is the admins' to set, where they can see the community; owners may change the rest. */
const thresholdSetters = (visibility: Visibility): Expectation =>
  visibility === 'secret'
    ? { ...statuses.membersOnly(403, 404), member: 403, owner: 403 }
    : { ...statuses.anyPerson(403), admin: 200 };

export const communityHealthMatrix: MatrixRow[] = [
  ...VISIBILITIES.map(
    (visibility): MatrixRow => ({
      route: 'GET /api/v1/groups/:slug/health',
      on: visibility,
      request: (_world, place) => ({ url: `/api/v1/groups/${place.community.slug}/health` }),
      expect: readers(visibility),
    }),
  ),
  ...VISIBILITIES.map(
    (visibility): MatrixRow => ({
      route: 'PATCH /api/v1/groups/:slug',
      on: visibility,
      request: async (world, place) => {
        const community = await buildCommunity(world.db, {
          visibility,
          owners: [place.owner],
          members: [place.member],
        });
        return { url: `/api/v1/groups/${community.slug}`, body: { viabilityThreshold: 60 } };
      },
      expect: thresholdSetters(visibility),
    }),
  ),
  {
    route: 'GET /api/v1/admin/communities/attention',
    on: 'none',
    request: () => ({ url: '/api/v1/admin/communities/attention' }),
    // Admins and community managers (the world has none; the module's tests cover them).
    expect: { ...statuses.anyPerson(403), admin: 200 },
  },
  {
    route: 'GET /api/v1/people/:handle/contributions',
    on: 'none',
    request: (_world, place) => ({ url: `/api/v1/people/${place.member.handle}/contributions` }),
    expect: statuses.anyPerson(200),
  },
];
