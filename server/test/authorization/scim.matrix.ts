import { allRoutes } from '../../app.js';
import { digest, newSecret } from '../../platform/auth/secrets.js';
import { type Expectation, type MatrixRow, statuses } from './matrix.js';
import { ACTORS } from './world.js';

/** /scim/v2 takes a SCIM token and nothing else: every person, session or API token, admin included, gets 401. */
const nobodyButAProvider = Object.fromEntries(ACTORS.map((actor) => [actor, 401])) as Expectation;

const scimRows: MatrixRow[] = allRoutes
  .filter((route) => route.url.startsWith('/scim/'))
  .map((route) => ({
    route: `${route.method} ${route.url}`,
    on: 'none',
    request: () => ({
      url: route.url.replace(':id', '1'),
      body:
        route.method === 'GET' || route.method === 'DELETE' ? undefined : { userName: 'x', displayName: 'x' },
    }),
    expect: nobodyButAProvider,
  }));

export const scimMatrix: MatrixRow[] = [
  ...scimRows,
  {
    route: 'POST /api/v1/admin/scim-tokens',
    on: 'none',
    request: () => ({ url: '/api/v1/admin/scim-tokens', body: { name: 'Matrix IdP' } }),
    expect: statuses.adminOnly(201),
  },
  {
    route: 'GET /api/v1/admin/scim-tokens',
    on: 'none',
    request: () => ({ url: '/api/v1/admin/scim-tokens' }),
    expect: statuses.adminOnly(200),
  },
  {
    route: 'DELETE /api/v1/admin/scim-tokens/:id',
    on: 'none',
    request: async (world) => {
      const { rows } = await world.db.query<{ id: string }>(
        'insert into scim_tokens (name, token_hash) values ($1, $2) returning id',
        ['Matrix IdP', digest(newSecret())],
      );
      return { url: `/api/v1/admin/scim-tokens/${rows[0]!.id}` };
    },
    expect: statuses.adminOnly(204),
  },
];
