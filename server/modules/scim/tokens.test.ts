import { beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import { buildPerson, sessionFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { scimClient } from '../../test/scim-client.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
let asAdmin: ReturnType<typeof client>;

beforeAll(async () => {
  ctx = await testApp();
  asAdmin = client(ctx.app, await sessionFor(ctx.db.pool, await buildPerson(ctx.db.pool, { role: 'admin' })));
});

describe('SCIM tokens (admins)', () => {
  it('shows a new token once, stores only its digest, lists it without its secret, and audits both steps', async () => {
    const created = await asAdmin.post('/api/v1/admin/scim-tokens', { name: 'Entra ID' });
    expect(created.statusCode, created.body).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^plein_scim_/);
    const { rows } = await ctx.db.pool.query('select token_hash from scim_tokens where id = $1', [id]);
    expect(rows[0].token_hash).not.toContain(token);

    const listed = (await asAdmin.get('/api/v1/admin/scim-tokens')).json();
    const mine = listed.items.find((item: { id: string }) => item.id === id);
    expect(mine).toMatchObject({ name: 'Entra ID', lastUsedAt: null, createdBy: expect.any(Object) });
    expect(JSON.stringify(listed)).not.toContain(token);

    const scim = scimClient(ctx.app, token);
    expect((await scim.get('/scim/v2/ServiceProviderConfig')).statusCode).toBe(200);
    const used = (await asAdmin.get('/api/v1/admin/scim-tokens')).json();
    expect(used.items.find((item: { id: string }) => item.id === id).lastUsedAt).not.toBeNull();

    expect((await asAdmin.delete(`/api/v1/admin/scim-tokens/${id}`)).statusCode).toBe(204);
    const refused = await scim.get('/scim/v2/Users');
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '401',
    });
    expect((await asAdmin.delete(`/api/v1/admin/scim-tokens/${id}`)).statusCode).toBe(404);
    const audit = await ctx.db.pool.query(
      "select action from audit_entries where target_type = 'scim_token' and target_id = $1 order by id",
      [id],
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['scim_token.create', 'scim_token.revoke']);
  });

  it('is not a person token, and a person token is not a SCIM token', async () => {
    const token = (await asAdmin.post('/api/v1/admin/scim-tokens', { name: 'Okta' })).json().token;
    expect((await client(ctx.app, { bearer: token }).get('/api/v1/me')).statusCode).toBe(401);
    const person = await asAdmin.post('/api/v1/me/tokens', { name: 'script' });
    expect((await scimClient(ctx.app, person.json().token).get('/scim/v2/Users')).statusCode).toBe(401);
  });
});

describe('the test-only token route', () => {
  it('is not there unless PLEIN_SCIM_TEST_TOKEN_ROUTE is on', async () => {
    expect((await ctx.app.inject({ url: '/scim/v2/Token' })).statusCode).toBe(404);
    const on = await testApp({ config: { scim: { testTokenRoute: true, groupRoles: {} } } });
    const response = await on.app.inject({ url: '/scim/v2/token' });
    expect(response.statusCode).toBe(200);
    const token = response.json().token;
    expect((await scimClient(on.app, token).get('/scim/v2/Users?count=0')).statusCode).toBe(200);
    await on.app.close();
  });
});
