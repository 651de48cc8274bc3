import { buildThread } from '../factories.js';
import { type Expectation, type MatrixRow, statuses } from './matrix.js';
import { type Place, VISIBILITIES, type Visibility, type World } from './world.js';

/** An event is read, answered and downloaded exactly as its thread is read: open to all, closed 403, secret 404. */
const readers = (visibility: Visibility, ok: number): Expectation =>
  visibility === 'open'
    ? statuses.anyPerson(ok)
    : statuses.membersOnly(ok, visibility === 'closed' ? 403 : 404);

/** A coming event of the place's member, made for one request. */
async function freshEvent(world: World, place: Place) {
  const thread = await buildThread(world.db, {
    author: place.member,
    community: place.community,
    kind: 'event',
  });
  await world.db.query(
    `insert into thread_events (thread_id, starts_at, ends_at, time_zone, place)
     values ($1, now() + interval '1 day', now() + interval '25 hours', 'Europe/Amsterdam', 'Utrecht')`,
    [thread.id],
  );
  return thread.id;
}

const rowsFor = (visibility: Visibility): MatrixRow[] => [
  {
    route: 'GET /api/v1/threads/:id/event',
    on: visibility,
    request: async (world, place) => ({ url: `/api/v1/threads/${await freshEvent(world, place)}/event` }),
    expect: readers(visibility, 200),
  },
  {
    route: 'GET /api/v1/threads/:id/event.ics',
    on: visibility,
    request: async (world, place) => ({ url: `/api/v1/threads/${await freshEvent(world, place)}/event.ics` }),
    expect: readers(visibility, 200),
  },
  {
    route: 'PUT /api/v1/threads/:id/rsvp',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/threads/${await freshEvent(world, place)}/rsvp`,
      body: { answer: 'going' },
    }),
    expect: readers(visibility, 200),
  },
  {
    route: 'DELETE /api/v1/threads/:id/rsvp',
    on: visibility,
    request: async (world, place) => ({ url: `/api/v1/threads/${await freshEvent(world, place)}/rsvp` }),
    expect: readers(visibility, 204),
  },
];

export const calendarMatrix: MatrixRow[] = VISIBILITIES.flatMap(rowsFor);
