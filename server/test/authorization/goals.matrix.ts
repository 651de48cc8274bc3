import type { Queryable } from '../../platform/db/database.js';
import { buildPerson, buildThread, unique } from '../factories.js';
import { type Expectation, type MatrixRow, statuses } from './matrix.js';
import { type Place, VISIBILITIES, type Visibility, type World } from './world.js';

/** A goal made directly, owned by `ownerId` (a fresh leader by default, so no actor owns it). */
async function goalOf(db: Queryable, ownerId?: string, archived = false): Promise<string> {
  const owner = ownerId ?? (await buildPerson(db, { leader: true })).id;
  const { rows } = await db.query<{ id: string }>(
    `insert into goals (name, owner_id, kpi, target, archived_at)
     values ($1, $2, 'first_response_time', 60, $3) returning id`,
    [unique('Matrix goal'), owner, archived ? new Date() : null],
  );
  return rows[0]!.id;
}

/** A question of the place's member, made for one request so writes never depend on each other. */
const freshQuestion = (world: World, place: Place) =>
  buildThread(world.db, { author: place.member, community: place.community, kind: 'question' });

/**
 * (Un)linking a thread: its author (the place's member), the community's owner and an admin who can read it;
 * others get 403, or 404 where a secret community hides the thread.
 */
const linkers = (visibility: Visibility): Expectation => {
  const denied = visibility === 'secret' ? 404 : 403;
  return {
    ...statuses.ownersOnly(204, 204, denied),
    admin: visibility === 'open' ? 204 : denied,
  };
};

const linkRows = (visibility: Visibility): MatrixRow[] => [
  {
    route: 'PUT /api/v1/threads/:id/goal',
    on: visibility,
    request: async (world, place) => ({
      url: `/api/v1/threads/${(await freshQuestion(world, place)).id}/goal`,
      body: { goalId: await goalOf(world.db) },
    }),
    expect: linkers(visibility),
  },
  {
    route: 'PUT /api/v1/threads/:id/goal',
    on: visibility,
    // The goal's owner (the leader here) may link threads they can read to it.
    request: async (world, place) => ({
      url: `/api/v1/threads/${(await freshQuestion(world, place)).id}/goal`,
      body: { goalId: await goalOf(world.db, world.people.leader.id) },
    }),
    expect: { ...linkers(visibility), leader: visibility === 'open' ? 204 : linkers(visibility).leader },
  },
  {
    route: 'DELETE /api/v1/threads/:id/goal',
    on: visibility,
    request: async (world, place) => {
      const thread = await freshQuestion(world, place);
      await world.db.query('update threads set goal_id = $2 where id = $1', [
        thread.id,
        await goalOf(world.db),
      ]);
      return { url: `/api/v1/threads/${thread.id}/goal` };
    },
    expect: linkers(visibility),
  },
  {
    route: 'DELETE /api/v1/threads/:id/goal',
    on: visibility,
    // The owner of the goal it counts towards may take it out.
    request: async (world, place) => {
      const thread = await freshQuestion(world, place);
      const goalId = await goalOf(world.db, world.people.leader.id);
      await world.db.query('update threads set goal_id = $2 where id = $1', [thread.id, goalId]);
      return { url: `/api/v1/threads/${thread.id}/goal` };
    },
    expect: { ...linkers(visibility), leader: visibility === 'open' ? 204 : linkers(visibility).leader },
  },
  {
    route: 'POST /api/v1/goals',
    on: visibility,
    // A scope community must be readable by the creator: one 400 whether it is closed to them or secret.
    request: (_world, place) => ({
      url: '/api/v1/goals',
      body: {
        name: unique('Scoped goal'),
        kpi: 'answer_rate',
        target: 90,
        communities: [place.community.slug],
      },
    }),
    expect: {
      ...statuses.anyPerson(403),
      leader: visibility === 'open' ? 201 : 400,
      admin: visibility === 'open' ? 201 : 400,
    },
  },
];

export const goalsMatrix: MatrixRow[] = [
  {
    route: 'GET /api/v1/goals',
    on: 'none',
    request: () => ({ url: '/api/v1/goals' }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'POST /api/v1/goals',
    on: 'none',
    request: () => ({
      url: '/api/v1/goals',
      body: {
        name: unique('Matrix goal'),
        kpi: 'first_response_time',
        target: 60,
        hashtags: [unique('support').replaceAll('-', '')],
      },
    }),
    expect: { ...statuses.anyPerson(403), leader: 201, admin: 201 },
  },
  {
    route: 'GET /api/v1/goals/:id',
    on: 'none',
    request: async (world) => ({ url: `/api/v1/goals/${await goalOf(world.db)}` }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'PATCH /api/v1/goals/:id',
    on: 'none',
    // The leader owns this goal; an admin may change anyone's.
    request: async (world) => ({
      url: `/api/v1/goals/${await goalOf(world.db, world.people.leader.id)}`,
      body: { archived: true },
    }),
    expect: { ...statuses.anyPerson(403), leader: 200, admin: 200 },
  },
  {
    route: 'GET /api/v1/goals/:id/kpi',
    on: 'none',
    request: async (world) => ({ url: `/api/v1/goals/${await goalOf(world.db)}/kpi?weeks=4` }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'GET /api/v1/goals/:id/missed',
    on: 'none',
    request: async (world) => ({ url: `/api/v1/goals/${await goalOf(world.db)}/missed` }),
    expect: statuses.anyPerson(200),
  },
  ...VISIBILITIES.flatMap(linkRows),
];
