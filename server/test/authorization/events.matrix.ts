import { type MatrixRow, statuses } from './matrix.js';

export const eventsMatrix: MatrixRow[] = [
  {
    route: 'GET /api/v1/events',
    on: 'none',
    // ?once=1 replays and ends the response, which app.inject needs; the live stream is tested over a real port
    // in server/modules/events/events.test.ts, and so is what each reader may see in it.
    request: () => ({ url: '/api/v1/events?once=1' }),
    expect: statuses.anyPerson(200),
  },
];
