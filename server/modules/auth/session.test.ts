import { beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import { buildPerson, sessionFor, tokenFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';

let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp();
});

describe('GET /api/v1/auth/session', () => {
  it("gives a reloaded page its session's CSRF token again", async () => {
    const credentials = await sessionFor(ctx.db.pool, await buildPerson(ctx.db.pool));
    const response = await client(ctx.app, credentials).get('/api/v1/auth/session');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ csrfToken: (credentials as { csrfToken: string }).csrfToken });
  });

  it('answers null for a Bearer token, which needs no CSRF token, and 401 for nobody', async () => {
    const bearer = await tokenFor(ctx.db.pool, await buildPerson(ctx.db.pool));
    expect((await client(ctx.app, bearer).get('/api/v1/auth/session')).json()).toEqual({ csrfToken: null });
    expect((await client(ctx.app).get('/api/v1/auth/session')).statusCode).toBe(401);
  });
});
