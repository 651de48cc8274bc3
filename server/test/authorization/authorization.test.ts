import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../app.js';
import { client } from '../client.js';
import { testApp } from '../harness.js';
import type { MatrixRow } from './matrix.js';
import { matrix } from './rows.js';
import { ACTORS, buildWorld, type World } from './world.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
let world: World;

beforeAll(async () => {
  ctx = await testApp();
  world = await buildWorld(ctx.db.pool);
});

const routeKey = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

describe('authorization matrix: role × resource × route → status', () => {
  it('has at least one row for every route Plein serves, and no row for a route it does not', () => {
    const declared = new Set(allRoutes.map(routeKey));
    const covered = new Set(matrix.map((row) => row.route));
    expect([...declared].filter((key) => !covered.has(key as MatrixRow['route']))).toEqual([]);
    expect([...covered].filter((key) => !declared.has(key))).toEqual([]);
  });

  describe.each(matrix.map((row) => [`${row.route} on ${row.on}`, row] as const))('%s', (_name, row) => {
    it.each(ACTORS.map((actor) => [actor, row.expect[actor]] as const))(
      '%s → %i',
      async (actor, expected) => {
        const place = world.places[row.on === 'none' ? 'open' : row.on];
        const { url, body, headers } = await row.request(world, place, actor);
        const [method] = row.route.split(' ');
        const response = await client(ctx.app, world.credentials[actor]).send(method!, url, body, {
          headers,
        });
        expect(response.statusCode, response.body).toBe(expected);
        // /scim/v2 answers errors in the SCIM shape (RFC 7644 §3.12), everything else in problem+json.
        if (expected >= 400)
          expect(response.headers['content-type']).toMatch(/application\/(problem|scim)\+json/);
      },
    );
  });
});
