import { beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import { buildPerson, sessionFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  ctx = await testApp();
});

describe('GET /api/v1/audit', () => {
  it('shows an admin who changed a person, with before and after, newest first and paged', async () => {
    const admin = await buildPerson(ctx.db.pool, { role: 'admin', name: 'Auditing Admin' });
    const target = await buildPerson(ctx.db.pool, { department: 'Sales' });
    const api = client(ctx.app, await sessionFor(ctx.db.pool, admin));
    expect((await api.patch(`/api/v1/people/${target.handle}`, { department: 'Legal' })).statusCode).toBe(
      200,
    );
    expect((await api.patch(`/api/v1/people/${target.handle}`, { leader: true })).statusCode).toBe(200);

    const first = await api.get(`/api/v1/audit?targetType=person&targetId=${target.id}&limit=1`);
    expect(first.statusCode).toBe(200);
    const [latest] = first.json().items;
    expect(latest).toMatchObject({ action: 'person.update', actor: { handle: admin.handle } });
    expect(latest.before.is_leader).toBe(false);
    expect(latest.after.is_leader).toBe(true);
    expect(JSON.stringify(latest)).not.toContain('password_hash');

    const second = await api.get(
      `/api/v1/audit?targetType=person&targetId=${target.id}&limit=1&cursor=${first.json().nextCursor}`,
    );
    const [earlier] = second.json().items;
    expect(earlier.before.department).toBe('Sales');
    expect(earlier.after.department).toBe('Legal');
    expect(second.json().nextCursor).toBeNull();
  });

  it('is for admins only, and refuses a forged cursor', async () => {
    const member = await buildPerson(ctx.db.pool);
    expect(
      (await client(ctx.app, await sessionFor(ctx.db.pool, member)).get('/api/v1/audit')).statusCode,
    ).toBe(403);
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    const bad = await client(ctx.app, await sessionFor(ctx.db.pool, admin)).get('/api/v1/audit?cursor=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('cursor');
  });
});
