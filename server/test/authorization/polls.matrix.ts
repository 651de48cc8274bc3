import { buildThread } from '../factories.js';
import { type Expectation, type MatrixRow, statuses } from './matrix.js';
import { type Place, VISIBILITIES, type Visibility, type World } from './world.js';

/** A poll is read and voted in exactly as its thread is read: open to all, closed 403, secret 404. */
const readers = (visibility: Visibility, ok: number): Expectation =>
  visibility === 'open'
    ? statuses.anyPerson(ok)
    : statuses.membersOnly(ok, visibility === 'closed' ? 403 : 404);

/** A poll of the place's member, made for one request so votes never depend on each other. */
async function freshPoll(world: World, place: Place) {
  const thread = await buildThread(world.db, {
    author: place.member,
    community: place.community,
    kind: 'poll',
  });
  await world.db.query('insert into polls (thread_id) values ($1)', [thread.id]);
  const { rows } = await world.db.query<{ id: string }>(
    `insert into poll_options (thread_id, position, label) values ($1, 1, 'Yes'), ($1, 2, 'No') returning id::text`,
    [thread.id],
  );
  return { threadId: thread.id, optionId: rows[0]!.id };
}

const rowsFor = (visibility: Visibility): MatrixRow[] => [
  {
    route: 'GET /api/v1/threads/:id/poll',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/threads/${(await freshPoll(world, place)).threadId}/poll`,
    }),
    expect: readers(visibility, 200),
  },
  {
    route: 'PUT /api/v1/threads/:id/poll/vote',
    on: visibility,
    request: async (world, place) => {
      const poll = await freshPoll(world, place);
      return { url: `/api/v1/threads/${poll.threadId}/poll/vote`, body: { optionIds: [poll.optionId] } };
    },
    expect: readers(visibility, 200),
  },
  {
    route: 'DELETE /api/v1/threads/:id/poll/vote',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/threads/${(await freshPoll(world, place)).threadId}/poll/vote`,
    }),
    expect: readers(visibility, 204),
  },
];

export const pollsMatrix: MatrixRow[] = VISIBILITIES.flatMap(rowsFor);
