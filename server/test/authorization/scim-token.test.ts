import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../app.js';
import { client } from '../client.js';
import { buildPerson, sessionFor } from '../factories.js';
import { testApp } from '../harness.js';
import { scimTokenFor } from '../scim-client.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
let scimToken: string;

beforeAll(async () => {
  ctx = await testApp();
  scimToken = await scimTokenFor(ctx.db.pool);
});

const concrete = (url: string) => url.replace(/:[a-zA-Z]+/g, '1');

describe('a SCIM token is not a person, and a person is not a SCIM client', () => {
  const apiRoutes = allRoutes.filter((route) => route.auth !== 'none' && !route.url.startsWith('/scim/'));
  it.each(apiRoutes.map((route) => [`${route.method} ${route.url}`, route] as const))(
    'a SCIM token gets 401 on %s',
    async (_name, route) => {
      const response = await client(ctx.app, { bearer: scimToken }).send(
        route.method,
        concrete(route.url),
        route.method === 'GET' ? undefined : {},
      );
      expect(response.statusCode, response.body).toBe(401);
    },
  );

  it('a signed-in admin (session cookie with CSRF token) gets 401 on every /scim/v2 route', async () => {
    const admin = client(
      ctx.app,
      await sessionFor(ctx.db.pool, await buildPerson(ctx.db.pool, { role: 'admin' })),
    );
    const scimRoutes = allRoutes.filter((route) => route.url.startsWith('/scim/'));
    expect(scimRoutes.length).toBeGreaterThan(10);
    for (const route of scimRoutes) {
      const response = await admin.send(
        route.method,
        concrete(route.url),
        route.method === 'GET' ? undefined : {},
      );
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('the same SCIM token is welcome on /scim/v2', async () => {
    const response = await ctx.app.inject({
      url: '/scim/v2/Users?count=1',
      headers: { authorization: `Bearer ${scimToken}` },
    });
    expect(response.statusCode).toBe(200);
  });
});
