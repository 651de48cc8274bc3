import { buildThread } from '../factories.js';
import { type Expectation, type MatrixRow, statuses } from './matrix.js';
import { type Place, VISIBILITIES, type Visibility, type World } from './world.js';

/** An AMA is read, asked in and voted in exactly as its thread is read: open to all, closed 403, secret 404. */
const readers = (visibility: Visibility, ok: number): Expectation =>
  visibility === 'open'
    ? statuses.anyPerson(ok)
    : statuses.membersOnly(ok, visibility === 'closed' ? 403 : 404);

/** A live AMA hosted by the place's member, with one question by its owner, made for one request. */
async function freshAma(world: World, place: Place) {
  const thread = await buildThread(world.db, {
    author: place.member,
    community: place.community,
    kind: 'ama',
  });
  await world.db.query(
    `insert into amas (thread_id, starts_at, ends_at) values ($1, now() - interval '1 hour', now() + interval '1 day')`,
    [thread.id],
  );
  const { rows } = await world.db.query<{ id: string }>(
    `insert into ama_questions (thread_id, author_id, body, created_at) values ($1, $2, 'Why?', now())
     returning id::text`,
    [thread.id, place.owner.id],
  );
  return { threadId: thread.id, questionId: rows[0]!.id };
}

const rowsFor = (visibility: Visibility): MatrixRow[] => [
  {
    route: 'GET /api/v1/threads/:id/ama',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/threads/${(await freshAma(world, place)).threadId}/ama`,
    }),
    expect: readers(visibility, 200),
  },
  {
    route: 'POST /api/v1/threads/:id/ama/questions',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/threads/${(await freshAma(world, place)).threadId}/ama/questions`,
      body: { body: 'What next?' },
    }),
    expect: readers(visibility, 201),
  },
  {
    route: 'PUT /api/v1/ama-questions/:id/vote',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/ama-questions/${(await freshAma(world, place)).questionId}/vote`,
    }),
    expect: readers(visibility, 204),
  },
  {
    route: 'DELETE /api/v1/ama-questions/:id/vote',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/ama-questions/${(await freshAma(world, place)).questionId}/vote`,
    }),
    expect: readers(visibility, 204),
  },
  {
    route: 'POST /api/v1/ama-questions/:id/answer',
    on: visibility,
    // Only the host (the place's member) answers; everyone else who can read it gets 403.
    request: async (world, place) => ({
      url: `/api/v1/ama-questions/${(await freshAma(world, place)).questionId}/answer`,
      body: { body: 'Because.' },
    }),
    expect: {
      ...readers(visibility, 403),
      member: 200,
    },
  },
];

export const amasMatrix: MatrixRow[] = VISIBILITIES.flatMap(rowsFor);
