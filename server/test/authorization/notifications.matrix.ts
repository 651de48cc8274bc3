import { buildPerson } from '../factories.js';
import { type MatrixRow, statuses } from './matrix.js';
import { type Place, VISIBILITIES, type World } from './world.js';

/** The notification the world made for a place's member: a reply to their thread in that community. */
async function membersNotification(world: World, place: Place) {
  const { rows } = await world.db.query<{ id: string }>(
    'select id from notifications where thread_id = $1 and recipient_id = $2 order by id limit 1',
    [place.thread.id, place.member.id],
  );
  return rows[0]!.id;
}

export const notificationsMatrix: MatrixRow[] = [
  {
    route: 'GET /api/v1/notifications',
    on: 'none',
    request: () => ({ url: '/api/v1/notifications?unread=1' }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'GET /api/v1/notifications/unread-count',
    on: 'none',
    request: () => ({ url: '/api/v1/notifications/unread-count' }),
    expect: statuses.anyPerson(200),
  },
  // Only its recipient (the place's member) may mark a notification read; to anyone else it does not exist.
  ...VISIBILITIES.map(
    (visibility): MatrixRow => ({
      route: 'POST /api/v1/notifications/:id/read',
      on: visibility,
      request: async (world, place) => ({
        url: `/api/v1/notifications/${await membersNotification(world, place)}/read`,
      }),
      expect: { ...statuses.anyPerson(404), member: 204 },
    }),
  ),
  {
    route: 'POST /api/v1/notifications/:id/read',
    on: 'none',
    // A notification of someone outside the world: nobody here may touch it.
    request: async (world) => {
      const stranger = await buildPerson(world.db);
      const { rows } = await world.db.query<{ id: string }>(
        "insert into notifications (recipient_id, kind) values ($1, 'mention') returning id",
        [stranger.id],
      );
      return { url: `/api/v1/notifications/${rows[0]!.id}/read` };
    },
    expect: statuses.anyPerson(404),
  },
  {
    route: 'POST /api/v1/notifications/read-all',
    on: 'none',
    request: () => ({ url: '/api/v1/notifications/read-all', body: {} }),
    expect: statuses.anyPerson(204),
  },
];
