import { buildPerson, unique } from '../factories.js';
import { type MatrixRow, statuses } from './matrix.js';

export const peopleMatrix: MatrixRow[] = [
  {
    route: 'GET /healthz',
    on: 'none',
    request: () => ({ url: '/healthz' }),
    expect: { ...statuses.everyone(200), deactivated: 200 },
  },
  {
    route: 'GET /readyz',
    on: 'none',
    request: () => ({ url: '/readyz' }),
    expect: { ...statuses.everyone(200), deactivated: 200 },
  },
  {
    route: 'POST /api/v1/auth/login',
    on: 'none',
    request: () => ({
      url: '/api/v1/auth/login',
      body: { email: 'nobody@example.test', password: 'wrong password' },
    }),
    // Nobody gets in with a wrong password, whoever is asking; a revoked token is still refused first.
    expect: { ...statuses.everyone(401) },
  },
  {
    route: 'POST /api/v1/auth/logout',
    on: 'none',
    request: () => ({ url: '/api/v1/auth/logout' }),
    expect: statuses.anyPerson(204),
  },
  {
    route: 'GET /api/v1/auth/session',
    on: 'none',
    request: () => ({ url: '/api/v1/auth/session' }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'GET /api/v1/me',
    on: 'none',
    request: () => ({ url: '/api/v1/me' }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'PATCH /api/v1/me',
    on: 'none',
    request: () => ({ url: '/api/v1/me', body: { bio: 'Hello' } }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'POST /api/v1/me/tokens',
    on: 'none',
    request: () => ({ url: '/api/v1/me/tokens', body: { name: 'x' } }),
    expect: statuses.anyPerson(201),
  },
  {
    route: 'GET /api/v1/me/tokens',
    on: 'none',
    request: () => ({ url: '/api/v1/me/tokens' }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'DELETE /api/v1/me/tokens/:id',
    on: 'none',
    // Someone else's token id: nobody may revoke it, and it is not theirs to know of.
    request: async (world) => {
      const stranger = await buildPerson(world.db);
      const { rows } = await world.db.query<{ id: string }>(
        "insert into api_tokens (person_id, name, token_hash) values ($1, 'other', md5(random()::text)) returning id",
        [stranger.id],
      );
      return { url: `/api/v1/me/tokens/${rows[0]!.id}` };
    },
    expect: statuses.anyPerson(404),
  },
  {
    route: 'GET /api/v1/people',
    on: 'none',
    request: () => ({ url: '/api/v1/people?q=matrix' }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'POST /api/v1/people',
    on: 'none',
    request: () => {
      const handle = unique('new');
      return { url: '/api/v1/people', body: { email: `${handle}@example.test`, name: 'New Person', handle } };
    },
    expect: statuses.adminOnly(201),
  },
  {
    route: 'GET /api/v1/people/:handle',
    on: 'none',
    request: (world) => ({ url: `/api/v1/people/${world.people.leader.handle}` }),
    expect: statuses.anyPerson(200),
  },
  {
    route: 'PATCH /api/v1/people/:handle',
    on: 'none',
    request: (world) => ({
      url: `/api/v1/people/${world.people.nonMember.handle}`,
      body: { title: 'Buyer' },
    }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'GET /api/v1/admin/people',
    on: 'none',
    // How people came in and when they last signed in are for admins alone.
    request: () => ({ url: '/api/v1/admin/people?status=deactivated&source=scim' }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'PUT /api/v1/people/:handle/follow',
    on: 'none',
    request: (world) => ({ url: `/api/v1/people/${world.people.leader.handle}/follow` }),
    // The leader cannot follow themselves.
    expect: { ...statuses.anyPerson(204), leader: 400 },
  },
  {
    route: 'DELETE /api/v1/people/:handle/follow',
    on: 'none',
    request: (world) => ({ url: `/api/v1/people/${world.people.leader.handle}/follow` }),
    expect: { ...statuses.anyPerson(204), leader: 400 },
  },
];
