import { buildCommunity, buildPerson, unique } from '../factories.js';
import { type Expectation, type MatrixRow, statuses } from './matrix.js';
import { type Actor, type Place, personFor, VISIBILITIES, type Visibility, type World } from './world.js';

/** Owners, and admins where they can see the community (access.ts canManage); 404 hides a secret one. */
const managers = (ok: number, visibility: Visibility): Expectation =>
  visibility === 'secret'
    ? { ...statuses.membersOnly(ok, 404), member: 403 }
    : { ...statuses.anyPerson(403), owner: ok, admin: ok };

/** Everyone who may know it exists gets `ok`; a secret one is 404 to non-members. */
const visibleTo = (ok: number, visibility: Visibility): Expectation =>
  visibility === 'secret' ? statuses.membersOnly(ok, 404) : statuses.anyPerson(ok);

/** A new community like the place's (same owner and member), so each actor's write has its own target. */
const freshLike = (world: World, place: Place, visibility: Visibility) =>
  buildCommunity(world.db, { visibility, owners: [place.owner], members: [place.member] });

/** The person an actor stands for; anonymous requests name an outsider (they are refused before it matters). */
const selfOf = (world: World, place: Place, actor: Actor) =>
  actor === 'anonymous' ? world.people.nonMember : personFor(world, actor, place);

const perVisibility = (row: (visibility: Visibility) => Omit<MatrixRow, 'on'>): MatrixRow[] =>
  VISIBILITIES.map((visibility) => ({ ...row(visibility), on: visibility }));

export const communitiesMatrix: MatrixRow[] = [
  {
    route: 'GET /api/v1/groups',
    on: 'none',
    request: () => ({ url: '/api/v1/groups?q=community' }),
    expect: statuses.anyPerson(200),
  },
  ...perVisibility((visibility) => ({
    route: 'POST /api/v1/groups',
    request: () => ({ url: '/api/v1/groups', body: { name: unique(`New ${visibility}`), visibility } }),
    // Secret ones only by admins under the default setting secretCommunityCreators = 'admins'.
    expect: visibility === 'secret' ? { ...statuses.anyPerson(403), admin: 201 } : statuses.anyPerson(201),
  })),
  ...perVisibility((visibility) => ({
    route: 'GET /api/v1/groups/:slug',
    request: (_world, place) => ({ url: `/api/v1/groups/${place.community.slug}` }),
    expect: visibleTo(200, visibility),
  })),
  ...perVisibility((visibility) => ({
    route: 'PATCH /api/v1/groups/:slug',
    request: async (world, place) => ({
      url: `/api/v1/groups/${(await freshLike(world, place, visibility)).slug}`,
      body: { description: 'Changed by the matrix' },
    }),
    expect: managers(200, visibility),
  })),
  ...perVisibility((visibility) => ({
    route: 'GET /api/v1/groups/:slug/members',
    request: (_world, place) => ({ url: `/api/v1/groups/${place.community.slug}/members` }),
    // Closed: the community is public, its members are content (403); secret: 404.
    expect: statuses.membersOnly(200, visibility === 'open' ? 200 : visibility === 'closed' ? 403 : 404),
  })),
  ...perVisibility((visibility) => ({
    route: 'PUT /api/v1/groups/:slug/members/:handle',
    // Joining yourself: members are members already (200), outsiders join an open one or ask a closed one.
    request: async (world, place, actor) => {
      const community = await freshLike(world, place, visibility);
      return { url: `/api/v1/groups/${community.slug}/members/${selfOf(world, place, actor).handle}` };
    },
    expect:
      visibility === 'closed'
        ? { ...statuses.anyPerson(202), member: 200, owner: 200 }
        : visibleTo(200, visibility),
  })),
  ...perVisibility((visibility) => ({
    route: 'PUT /api/v1/groups/:slug/members/:handle',
    // Adding someone else.
    request: async (world, place) => {
      const community = await freshLike(world, place, visibility);
      const newcomer = await buildPerson(world.db);
      return { url: `/api/v1/groups/${community.slug}/members/${newcomer.handle}` };
    },
    expect: managers(200, visibility),
  })),
  ...perVisibility((visibility) => ({
    route: 'DELETE /api/v1/groups/:slug/members/:handle',
    // Leaving yourself: the only owner may not (409); an outsider "leaving" changes nothing (204).
    request: async (world, place, actor) => {
      const community = await freshLike(world, place, visibility);
      return { url: `/api/v1/groups/${community.slug}/members/${selfOf(world, place, actor).handle}` };
    },
    expect: { ...visibleTo(204, visibility), owner: 409 },
  })),
  ...perVisibility((visibility) => ({
    route: 'DELETE /api/v1/groups/:slug/members/:handle',
    // Removing someone else.
    request: async (world, place) => {
      const leaving = await buildPerson(world.db);
      const community = await buildCommunity(world.db, {
        visibility,
        owners: [place.owner],
        members: [place.member, leaving],
      });
      return { url: `/api/v1/groups/${community.slug}/members/${leaving.handle}` };
    },
    expect: managers(204, visibility),
  })),
  ...perVisibility((visibility) => ({
    route: 'PATCH /api/v1/groups/:slug/members/:handle',
    request: async (world, place) => {
      const community = await freshLike(world, place, visibility);
      return {
        url: `/api/v1/groups/${community.slug}/members/${place.member.handle}`,
        body: { role: 'owner' },
      };
    },
    expect: managers(200, visibility),
  })),
  ...perVisibility((visibility) => ({
    route: 'GET /api/v1/groups/:slug/requests',
    request: (_world, place) => ({ url: `/api/v1/groups/${place.community.slug}/requests` }),
    expect: managers(200, visibility),
  })),
  ...(['approve', 'decline'] as const).flatMap((decision) =>
    perVisibility(
      (visibility): Omit<MatrixRow, 'on'> => ({
        route: `POST /api/v1/groups/:slug/requests/:id/${decision}`,
        request: async (world, place) => {
          const community = await freshLike(world, place, visibility);
          const asking = await buildPerson(world.db);
          const { rows } = await world.db.query<{ id: string }>(
            `insert into membership_requests (community_id, person_id, message) values ($1, $2, 'Let me in')
             returning id`,
            [community.id, asking.id],
          );
          return { url: `/api/v1/groups/${community.slug}/requests/${rows[0]!.id}/${decision}` };
        },
        expect: managers(200, visibility),
      }),
    ),
  ),
  {
    route: 'GET /api/v1/settings',
    on: 'none',
    request: () => ({ url: '/api/v1/settings' }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'PATCH /api/v1/settings',
    on: 'none',
    // The default value: the matrix must not change what other rows (secret creation) expect.
    request: () => ({ url: '/api/v1/settings', body: { secretCommunityCreators: 'admins' } }),
    expect: statuses.adminOnly(200),
  },
];
