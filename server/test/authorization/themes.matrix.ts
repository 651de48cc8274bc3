import { buildPerson, type TestPerson, unique } from '../factories.js';
import { type Expectation, type MatrixRow, statuses } from './matrix.js';
import type { World } from './world.js';

/** A theme of its own per request, owned by `owner` (the world's leader unless another leader is made). */
async function freshTheme(world: World, owner?: TestPerson): Promise<string> {
  const ownerId = owner?.id ?? world.people.leader.id;
  const { rows } = await world.db.query<{ id: string }>(
    `insert into themes (title, question, owner_id) values ($1, 'What should we do?', $2) returning id`,
    [unique('Matrix theme'), ownerId],
  );
  return rows[0]!.id;
}

const otherLeader = (world: World) => buildPerson(world.db, { leader: true });

/** Only the signed-in may read; nobody is shown less or more: themes are company-wide. */
const anyone = statuses.anyPerson;
/** Leaders and admins open themes; everyone else is refused. */
const leadersAndAdmins = (ok: number): Expectation => ({ ...statuses.anyPerson(403), leader: ok, admin: ok });

export const themesMatrix: MatrixRow[] = [
  {
    route: 'GET /api/v1/themes',
    on: 'none',
    request: () => ({ url: '/api/v1/themes?state=all' }),
    expect: anyone(200),
  },
  {
    route: 'POST /api/v1/themes',
    on: 'none',
    request: () => ({
      url: '/api/v1/themes',
      body: { title: unique('Where do we grow'), question: 'Which markets next?', why: 'Strategy' },
    }),
    expect: leadersAndAdmins(201),
  },
  {
    route: 'POST /api/v1/themes',
    on: 'none',
    // Opening a theme for another leader: admins only; a leader naming someone else is refused.
    request: async (world) => {
      const owner = await otherLeader(world);
      return {
        url: '/api/v1/themes',
        body: { title: 'On behalf', question: 'Why?', ownerHandle: owner.handle },
      };
    },
    expect: { ...statuses.anyPerson(403), admin: 201 },
  },
  {
    route: 'GET /api/v1/themes/:id',
    on: 'none',
    request: async (world) => ({ url: `/api/v1/themes/${await freshTheme(world)}` }),
    expect: anyone(200),
  },
  {
    route: 'PATCH /api/v1/themes/:id',
    on: 'none',
    // The world's leader owns this one: the owner and admins may change it.
    request: async (world) => ({
      url: `/api/v1/themes/${await freshTheme(world)}`,
      body: { state: 'closed' },
    }),
    expect: leadersAndAdmins(200),
  },
  {
    route: 'PATCH /api/v1/themes/:id',
    on: 'none',
    // Another leader owns this one: being a leader is not enough to change it.
    request: async (world) => ({
      url: `/api/v1/themes/${await freshTheme(world, await otherLeader(world))}`,
      body: { title: 'Renamed' },
    }),
    expect: { ...statuses.anyPerson(403), admin: 200 },
  },
  {
    route: 'POST /api/v1/themes/:id/outcomes',
    on: 'none',
    // Another leader owns it: any leader may report what was done; admins, who are not leaders here, may not.
    request: async (world) => ({
      url: `/api/v1/themes/${await freshTheme(world, await otherLeader(world))}/outcomes`,
      body: { body: 'We decided to **expand** to Belgium.' },
    }),
    expect: { ...statuses.anyPerson(403), leader: 201 },
  },
  {
    route: 'GET /api/v1/themes/:id/threads',
    on: 'none',
    request: async (world) => ({ url: `/api/v1/themes/${await freshTheme(world)}/threads` }),
    expect: anyone(200),
  },
  {
    route: 'GET /api/v1/themes/:id/participants',
    on: 'none',
    request: async (world) => ({ url: `/api/v1/themes/${await freshTheme(world)}/participants` }),
    expect: anyone(200),
  },
  {
    route: 'PUT /api/v1/themes/:id/follow',
    on: 'none',
    request: async (world) => ({ url: `/api/v1/themes/${await freshTheme(world)}/follow` }),
    expect: anyone(204),
  },
  {
    route: 'DELETE /api/v1/themes/:id/follow',
    on: 'none',
    request: async (world) => ({ url: `/api/v1/themes/${await freshTheme(world)}/follow` }),
    expect: anyone(204),
  },
  {
    route: 'GET /api/v1/themes/:id',
    on: 'none',
    request: () => ({ url: '/api/v1/themes/999999999999' }),
    expect: anyone(404),
  },
];
