import { buildReply, buildThread } from '../factories.js';
import { type Expectation, type MatrixRow, statuses } from './matrix.js';
import { VISIBILITIES, type Visibility } from './world.js';

/**
 * A post's edit history (the organisation's default: not for every reader): its author (the place's member) and
 * owner; an admin only where they can read it; other readers 403; outsiders 403, or 404 in a secret community.
 */
const historyReaders = (visibility: Visibility): Expectation => {
  const denied = visibility === 'secret' ? 404 : 403;
  return { ...statuses.ownersOnly(200, 200, denied), admin: visibility === 'open' ? 200 : denied };
};

const rowsFor = (visibility: Visibility): MatrixRow[] => [
  {
    route: 'GET /api/v1/threads/:id/history',
    on: visibility,
    request: async (world, place) => {
      const thread = await buildThread(world.db, { author: place.member, community: place.community });
      return { url: `/api/v1/threads/${thread.id}/history` };
    },
    expect: historyReaders(visibility),
  },
  {
    route: 'GET /api/v1/replies/:id/history',
    on: visibility,
    request: async (world, place) => {
      const reply = await buildReply(world.db, { thread: place.thread, author: place.member });
      return { url: `/api/v1/replies/${reply.id}/history` };
    },
    expect: historyReaders(visibility),
  },
];

export const editHistoryMatrix: MatrixRow[] = VISIBILITIES.flatMap(rowsFor);
