import { buildCommunity, buildPerson, buildThread } from '../factories.js';
import { type Expectation, type MatrixRow, statuses } from './matrix.js';
import { type Place, VISIBILITIES, type Visibility, type World } from './world.js';

/** Reading a community's content: everyone in an open one, members of a closed one (403), secret (404). */
const readers = (visibility: Visibility, ok: number): Expectation =>
  visibility === 'open'
    ? statuses.anyPerson(ok)
    : statuses.membersOnly(ok, visibility === 'closed' ? 403 : 404);

/**
 * Moderating a thread (lock, pin, move): its community's owners, and admins only where they can read it; a member
 * who reads it may not (403); outsiders get 403, or 404 in a secret community.
 */
const moderators = (visibility: Visibility, ok: number): Expectation => {
  const denied = visibility === 'secret' ? 404 : 403;
  return { ...statuses.ownersOnly(ok, 403, denied), admin: visibility === 'open' ? ok : denied };
};

const freshThread = (world: World, place: Place) =>
  buildThread(world.db, { author: place.member, community: place.community });

/** An open report of a fresh thread of the place's member, made straight in the database. */
async function freshReport(world: World, place: Place): Promise<string> {
  const thread = await freshThread(world, place);
  const { rows } = await world.db.query<{ id: string }>(
    `insert into reports (target_type, thread_id, person_id, community_id, reporter_id, reason)
     values ('thread', $1, $2, $3, $4, 'spam') returning id`,
    [thread.id, place.member.id, place.community.id, place.owner.id],
  );
  return rows[0]!.id;
}

/** A fresh thread of the place's member, hidden by its owner: the action the member may appeal. */
async function freshHide(world: World, place: Place): Promise<string> {
  const thread = await freshThread(world, place);
  await world.db.query(
    "update threads set deleted_at = now(), deleted_by = $2, moderation_state = 'hidden' where id = $1",
    [thread.id, place.owner.id],
  );
  const { rows } = await world.db.query<{ id: string }>(
    `insert into moderation_actions (action, target_type, thread_id, person_id, community_id, actor_id, reason)
     values ('hide', 'thread', $1, $2, $3, $4, 'spam') returning id`,
    [thread.id, place.member.id, place.community.id, place.owner.id],
  );
  return rows[0]!.id;
}

const rowsFor = (visibility: Visibility): MatrixRow[] => [
  {
    route: 'POST /api/v1/reports',
    on: visibility,
    request: (_world, place) => ({
      url: '/api/v1/reports',
      body: { targetType: 'thread', targetId: place.thread.id, reason: 'spam', note: 'matrix' },
    }),
    expect: readers(visibility, 201),
  },
  {
    route: 'GET /api/v1/moderation/queue',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/moderation/queue?community=${place.community.slug}` }),
    // Owners see their community's queue; admins every queue of a community they may know exists.
    expect: {
      ...statuses.ownersOnly(200, 403, visibility === 'secret' ? 404 : 403),
      admin: visibility === 'secret' ? 404 : 200,
    },
  },
  {
    route: 'POST /api/v1/reports/:id/actions',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/reports/${await freshReport(world, place)}/actions`,
      body: { action: 'dismiss', reason: 'other' },
    }),
    // An admin sees that the report exists, but acts only where they can read the post.
    expect: { ...statuses.ownersOnly(201, 404, 404), admin: visibility === 'open' ? 201 : 403 },
  },
  {
    route: 'POST /api/v1/moderation/actions/:id/appeal',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/moderation/actions/${await freshHide(world, place)}/appeal`,
      body: { statement: 'It was fine' },
    }),
    // Only the author the action concerns.
    expect: { ...statuses.ownersOnly(404, 201, 404), owner: 404 },
  },
  ...(['PUT', 'DELETE'] as const).flatMap((method): MatrixRow[] => [
    {
      route: `${method} /api/v1/threads/:id/lock`,
      on: visibility,
      request: async (world, place) => ({
        url: `/api/v1/threads/${(await freshThread(world, place)).id}/lock`,
      }),
      expect: moderators(visibility, 204),
    },
    {
      route: `${method} /api/v1/threads/:id/pins/:scope`,
      on: visibility,
      request: async (world, place) => ({
        url: `/api/v1/threads/${(await freshThread(world, place)).id}/pins/community`,
      }),
      expect: moderators(visibility, 204),
    },
    {
      route: `${method} /api/v1/threads/:id/pins/:scope`,
      on: visibility,
      // The home page is the organisation's: its moderators pin there, owners do not.
      request: async (world, place) => ({
        url: `/api/v1/threads/${(await freshThread(world, place)).id}/pins/home`,
      }),
      expect: { ...moderators(visibility, 204), owner: 403 },
    },
  ]),
  {
    route: 'POST /api/v1/threads/:id/move',
    on: visibility,
    request: async (world, place) => {
      const target = await buildCommunity(world.db, { owners: [place.owner] });
      return {
        url: `/api/v1/threads/${(await freshThread(world, place)).id}/move`,
        body: { communitySlug: target.slug },
      };
    },
    expect: moderators(visibility, 204),
  },
  {
    route: 'GET /api/v1/groups/:slug/pinned',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/groups/${place.community.slug}/pinned` }),
    expect: readers(visibility, 200),
  },
  {
    route: 'GET /api/v1/groups/:slug/rules',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/groups/${place.community.slug}/rules` }),
    // Rules are read before joining: whoever may know the community exists.
    expect: visibility === 'secret' ? statuses.membersOnly(200, 404) : statuses.anyPerson(200),
  },
  {
    route: 'PUT /api/v1/groups/:slug/rules',
    on: visibility,
    request: (_world, place) => ({
      url: `/api/v1/groups/${place.community.slug}/rules`,
      body: { markdown: 'Be kind.' },
    }),
    // Owners, and admins as for the community's other settings (not a secret one they may not know).
    expect: {
      ...statuses.ownersOnly(200, 403, visibility === 'secret' ? 404 : 403),
      admin: visibility === 'secret' ? 404 : 200,
    },
  },
];

export const moderationMatrix: MatrixRow[] = [
  ...VISIBILITIES.flatMap(rowsFor),
  {
    route: 'GET /api/v1/feed/pinned',
    on: 'none',
    request: () => ({ url: '/api/v1/feed/pinned' }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'DELETE /api/v1/people/:handle/suspension',
    on: 'none',
    request: async (world) => {
      const person = await buildPerson(world.db);
      await world.db.query("update people set suspended_until = now() + interval '1 day' where id = $1", [
        person.id,
      ]);
      return { url: `/api/v1/people/${person.handle}/suspension` };
    },
    expect: statuses.adminOnly(204),
  },
  {
    route: 'POST /api/v1/people/:handle/warnings',
    on: 'none',
    request: async (world) => ({
      url: `/api/v1/people/${(await buildPerson(world.db)).handle}/warnings`,
      body: { reason: 'harassment', note: 'matrix' },
    }),
    expect: statuses.adminOnly(201),
  },
  {
    route: 'PUT /api/v1/people/:handle/suspension',
    on: 'none',
    request: async (world) => ({
      url: `/api/v1/people/${(await buildPerson(world.db)).handle}/suspension`,
      body: { reason: 'spam', until: new Date(Date.now() + 86_400_000).toISOString() },
    }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'GET /api/v1/admin/moderation/filters',
    on: 'none',
    request: () => ({ url: '/api/v1/admin/moderation/filters' }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'PUT /api/v1/admin/moderation/filters',
    on: 'none',
    request: () => ({ url: '/api/v1/admin/moderation/filters', body: { words: [], domains: [] } }),
    expect: statuses.adminOnly(200),
  },
];
