import { buildCommunity, buildPerson, unique } from '../factories.js';
import { type Expectation, type MatrixRow, statuses } from './matrix.js';
import { type Actor, type Place, personFor, VISIBILITIES, type Visibility, type World } from './world.js';

/** Settings: owners, and admins where they can see the community (access.ts canManage); 404 hides a secret one. */
const managers = (ok: number, visibility: Visibility): Expectation =>
  visibility === 'secret'
    ? { ...statuses.membersOnly(ok, 404), member: 403 }
    : { ...statuses.anyPerson(403), owner: ok, admin: ok };

/**
 * Membership (adding, removing, roles, join requests): owners; admins only in an open community (policy.ts
 * mayManageMembers) — a closed or secret community's membership is its readership, its owners' choice (issue 17).
 */
const memberManagers = (ok: number, visibility: Visibility): Expectation =>
  visibility === 'open'
    ? managers(ok, visibility)
    : { ...managers(ok, visibility), admin: visibility === 'secret' ? 404 : 403 };

/** Widening (closed → open, secret → closed): owners only; narrowing as managers (policy.ts mayWidenVisibility). */
const WIDER: Record<Visibility, Visibility> = { open: 'open', closed: 'open', secret: 'closed' };
const NARROWER: Record<Visibility, Visibility> = { open: 'closed', closed: 'secret', secret: 'secret' };

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
    route: 'PATCH /api/v1/groups/:slug',
    // Widening: only owners (an open one has nothing wider; asking for open again changes nothing).
    request: async (world, place) => ({
      url: `/api/v1/groups/${(await freshLike(world, place, visibility)).slug}`,
      body: { visibility: WIDER[visibility] },
    }),
    expect: memberManagers(200, visibility),
  })),
  ...perVisibility((visibility) => ({
    route: 'PATCH /api/v1/groups/:slug',
    // Narrowing: as today; making one secret needs the secret-creation right (default: admins only).
    request: async (world, place) => ({
      url: `/api/v1/groups/${(await freshLike(world, place, visibility)).slug}`,
      body: { visibility: NARROWER[visibility] },
    }),
    expect: { ...managers(200, visibility), ...(visibility === 'closed' ? { owner: 403 } : {}) },
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
    expect: memberManagers(200, visibility),
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
    expect: memberManagers(204, visibility),
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
    expect: memberManagers(200, visibility),
  })),
  ...perVisibility((visibility) => ({
    route: 'GET /api/v1/groups/:slug/requests',
    request: (_world, place) => ({ url: `/api/v1/groups/${place.community.slug}/requests` }),
    expect: memberManagers(200, visibility),
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
        expect: memberManagers(200, visibility),
      }),
    ),
  ),
  ...perVisibility((visibility) => ({
    route: 'POST /api/v1/admin/communities/:slug/owners',
    // No active owner left: an admin appoints the place's member (appointment.ts).
    request: async (world, place) => {
      const gone = await buildPerson(world.db, { status: 'deactivated' });
      const community = await buildCommunity(world.db, {
        visibility,
        owners: [gone],
        members: [place.member],
      });
      return {
        url: `/api/v1/admin/communities/${community.slug}/owners`,
        body: { handle: place.member.handle },
      };
    },
    expect: statuses.adminOnly(200),
  })),
  ...perVisibility((visibility) => ({
    route: 'POST /api/v1/admin/communities/:slug/owners',
    // An active owner: its owners decide (409); a secret one stays unknown to the admin (404).
    request: async (world, place) => ({
      url: `/api/v1/admin/communities/${(await freshLike(world, place, visibility)).slug}/owners`,
      body: { handle: place.member.handle },
    }),
    expect: statuses.adminOnly(visibility === 'secret' ? 404 : 409),
  })),
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
