import { buildCommunity, buildReply, buildThread, unique } from '../factories.js';
import { type Expectation, type MatrixRow, statuses } from './matrix.js';
import { type Place, VISIBILITIES, type Visibility, type World } from './world.js';

/** Reading a community's content: everyone in an open one, members of a closed one (403), secret (404). */
const readers = (visibility: Visibility, ok: number): Expectation =>
  visibility === 'open'
    ? statuses.anyPerson(ok)
    : statuses.membersOnly(ok, visibility === 'closed' ? 403 : 404);

/**
 * Changing or removing someone's content: the author (the place's member) and owner always; an admin only where
 * they can read it (open; issue 17: not a closed community they are not in); others get 403, or 404 in a secret one.
 */
const moderators = (visibility: Visibility, ok: number): Expectation => {
  const denied = visibility === 'secret' ? 404 : 403;
  return { ...statuses.ownersOnly(ok, ok, denied), admin: visibility === 'open' ? ok : denied };
};

/** A thread of the place's member, made for one request so writes never depend on each other. */
const freshThread = (world: World, place: Place, kind = 'discussion') =>
  buildThread(world.db, { author: place.member, community: place.community, kind });

const rowsFor = (visibility: Visibility): MatrixRow[] => [
  {
    route: 'POST /api/v1/threads',
    on: visibility,
    // A community of its own per request: posting in an open one makes the poster a member.
    request: async (world, place) => {
      const community = await buildCommunity(world.db, {
        visibility,
        owners: [place.owner],
        members: [place.member],
      });
      return {
        url: '/api/v1/threads',
        body: { communitySlug: community.slug, kind: 'discussion', title: 'Matrix post', body: 'Hello' },
      };
    },
    expect: readers(visibility, 201),
  },
  {
    route: 'POST /api/v1/threads',
    on: visibility,
    // Announcements in a community: its owners, leaders and admins — where they may post at all.
    request: async (world, place) => {
      const community = await buildCommunity(world.db, {
        visibility,
        owners: [place.owner],
        members: [place.member],
      });
      return {
        url: '/api/v1/threads',
        body: { communitySlug: community.slug, kind: 'announcement', title: 'Hear ye', body: 'News' },
      };
    },
    expect: {
      ...readers(visibility, 201),
      member: 403,
      ...(visibility === 'open' ? { nonMember: 403 } : {}),
    },
  },
  {
    route: 'GET /api/v1/threads/:id',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/threads/${place.thread.id}` }),
    expect: readers(visibility, 200),
  },
  {
    route: 'PATCH /api/v1/threads/:id',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/threads/${(await freshThread(world, place)).id}`,
      body: { title: 'Edited' },
    }),
    expect: moderators(visibility, 200),
  },
  {
    route: 'DELETE /api/v1/threads/:id',
    on: visibility,
    request: async (world, place) => ({ url: `/api/v1/threads/${(await freshThread(world, place)).id}` }),
    expect: moderators(visibility, 204),
  },
  {
    route: 'GET /api/v1/threads/:id/replies',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/threads/${place.thread.id}/replies` }),
    expect: readers(visibility, 200),
  },
  {
    route: 'POST /api/v1/threads/:id/replies',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/threads/${(await freshThread(world, place)).id}/replies`,
      body: { body: 'A matrix reply' },
    }),
    expect: readers(visibility, 201),
  },
  {
    route: 'PATCH /api/v1/replies/:id',
    on: visibility,
    request: async (world, place) => {
      const reply = await buildReply(world.db, { thread: place.thread, author: place.member });
      return { url: `/api/v1/replies/${reply.id}`, body: { body: 'Edited reply' } };
    },
    expect: moderators(visibility, 200),
  },
  {
    route: 'DELETE /api/v1/replies/:id',
    on: visibility,
    request: async (world, place) => {
      const reply = await buildReply(world.db, { thread: place.thread, author: place.member });
      return { url: `/api/v1/replies/${reply.id}` };
    },
    expect: moderators(visibility, 204),
  },
  {
    route: 'PUT /api/v1/threads/:id/reactions/:kind',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/threads/${place.thread.id}/reactions/like` }),
    expect: readers(visibility, 204),
  },
  {
    route: 'DELETE /api/v1/threads/:id/reactions/:kind',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/threads/${place.thread.id}/reactions/like` }),
    expect: readers(visibility, 204),
  },
  {
    route: 'GET /api/v1/threads/:id/reactions',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/threads/${place.thread.id}/reactions` }),
    expect: readers(visibility, 200),
  },
  {
    route: 'PUT /api/v1/replies/:id/reactions/:kind',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/replies/${place.reply.id}/reactions/thanks` }),
    expect: readers(visibility, 204),
  },
  {
    route: 'DELETE /api/v1/replies/:id/reactions/:kind',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/replies/${place.reply.id}/reactions/thanks` }),
    expect: readers(visibility, 204),
  },
  {
    route: 'POST /api/v1/threads/:id/accept',
    on: visibility,
    // The member asks, the owner answers; the asker, the owner and an admin who can read may accept.
    request: async (world, place) => {
      const thread = await freshThread(world, place, 'question');
      const reply = await buildReply(world.db, { thread, author: place.owner });
      return { url: `/api/v1/threads/${thread.id}/accept`, body: { replyId: reply.id } };
    },
    expect: moderators(visibility, 200),
  },
  {
    route: 'DELETE /api/v1/threads/:id/accept',
    on: visibility,
    request: async (world, place) => {
      const thread = await freshThread(world, place, 'question');
      const reply = await buildReply(world.db, { thread, author: place.owner });
      await world.db.query(
        "update threads set accepted_reply_id = $2, accepted_at = now(), status = 'answered' where id = $1",
        [thread.id, reply.id],
      );
      return { url: `/api/v1/threads/${thread.id}/accept` };
    },
    expect: moderators(visibility, 204),
  },
  {
    route: 'PUT /api/v1/threads/:id/vote',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/threads/${(await freshThread(world, place, 'idea')).id}/vote`,
    }),
    expect: readers(visibility, 204),
  },
  {
    route: 'DELETE /api/v1/threads/:id/vote',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/threads/${(await freshThread(world, place, 'idea')).id}/vote`,
    }),
    expect: readers(visibility, 204),
  },
  {
    route: 'POST /api/v1/threads/:id/status',
    on: visibility,
    // The member wrote the idea; owners and leaders who can read it decide; admins and authors do not.
    request: async (world, place) => ({
      url: `/api/v1/threads/${(await freshThread(world, place, 'idea')).id}/status`,
      body: { status: 'under_review', note: 'Looking at it' },
    }),
    expect: {
      ...moderators(visibility, 200),
      member: 403,
      admin: visibility === 'secret' ? 404 : 403,
      leader: visibility === 'open' ? 200 : visibility === 'closed' ? 403 : 404,
    },
  },
  {
    route: 'GET /api/v1/threads/:id/status-changes',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/threads/${(await freshThread(world, place, 'idea')).id}/status-changes`,
    }),
    expect: readers(visibility, 200),
  },
  {
    route: 'GET /api/v1/groups/:slug/ideas',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/groups/${place.community.slug}/ideas?sort=newest` }),
    expect: readers(visibility, 200),
  },
  {
    route: 'GET /api/v1/questions/unanswered',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/questions/unanswered?community=${place.community.slug}` }),
    expect: readers(visibility, 200),
  },
  {
    route: 'PUT /api/v1/threads/:id/follow',
    on: visibility,
    request: (_world, place) => ({ url: `/api/v1/threads/${place.thread.id}/follow` }),
    expect: readers(visibility, 204),
  },
  {
    route: 'DELETE /api/v1/threads/:id/follow',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/threads/${(await freshThread(world, place)).id}/follow`,
    }),
    expect: readers(visibility, 204),
  },
];

export const threadsMatrix: MatrixRow[] = [
  {
    route: 'POST /api/v1/threads',
    on: 'none',
    request: () => ({ url: '/api/v1/threads', body: { kind: 'update', body: `Personal ${unique('u')}` } }),
    expect: statuses.anyPerson(201),
  },
  {
    route: 'POST /api/v1/threads',
    on: 'none',
    // A company-wide announcement speaks for the organisation: leaders and admins only.
    request: () => ({
      url: '/api/v1/threads',
      body: { kind: 'announcement', title: 'To everyone', body: 'Company news' },
    }),
    expect: { ...statuses.anyPerson(403), leader: 201, admin: 201 },
  },
  {
    route: 'GET /api/v1/questions/unanswered',
    on: 'none',
    // Everywhere the viewer reads: everyone gets 200, with only what they may read (leak.test.ts sweeps it).
    request: () => ({ url: '/api/v1/questions/unanswered?limit=5' }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'GET /api/v1/people/:handle/praise',
    on: 'none',
    request: (_world, place) => ({ url: `/api/v1/people/${place.owner.handle}/praise` }),
    expect: statuses.anyPerson(200),
  },
  ...VISIBILITIES.flatMap(rowsFor),
];
