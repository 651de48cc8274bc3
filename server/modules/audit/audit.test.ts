import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../app.js';
import { client } from '../../test/client.js';
import { buildPerson, sessionFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  ctx = await testApp();
});

/** The database's answer to a statement, in a transaction rolled back after (as the app runs its writes). */
async function refusal(sql: string): Promise<string> {
  const connection = await ctx.db.pool.connect();
  try {
    await connection.query('begin');
    await connection.query(sql);
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  } finally {
    await connection.query('rollback');
    connection.release();
  }
}

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

  it('filters by actor, action (or a prefix), target and time, pages by keyset, and exports the same as CSV', async () => {
    const admin = await buildPerson(ctx.db.pool, { role: 'admin', name: 'Filtering Admin' });
    const other = await buildPerson(ctx.db.pool, { role: 'admin' });
    const target = await buildPerson(ctx.db.pool);
    const api = client(ctx.app, await sessionFor(ctx.db.pool, admin));
    await api.patch(`/api/v1/people/${target.handle}`, { department: '=Legal, "quoted"' });
    await client(ctx.app, await sessionFor(ctx.db.pool, other)).patch(`/api/v1/people/${target.handle}`, {
      leader: true,
    });
    await ctx.db.pool.query(
      `insert into audit_entries (actor_id, action, target_type, target_id, created_at)
       values ($1, 'moderation.hide', 'thread', '1', '2020-01-01T00:00:00Z')`,
      [admin.id],
    );
    const mine = (await api.get(`/api/v1/audit?actor=${admin.handle}&limit=100`)).json().items;
    // Newest entry first by id: the back-dated one was written last.
    expect(mine.map((entry: { action: string }) => entry.action)).toEqual([
      'moderation.hide',
      'person.update',
    ]);
    const moderation = (await api.get(`/api/v1/audit?actor=${admin.handle}&action=moderation.`)).json().items;
    expect(moderation).toHaveLength(1);
    const recent = (await api.get(`/api/v1/audit?actor=${admin.handle}&from=2021-01-01T00:00:00Z`)).json()
      .items;
    expect(recent.map((entry: { action: string }) => entry.action)).toEqual(['person.update']);
    const old = (await api.get(`/api/v1/audit?actor=${admin.handle}&to=2021-01-01T00:00:00Z`)).json().items;
    expect(old.map((entry: { action: string }) => entry.action)).toEqual(['moderation.hide']);
    const nobody = await api.get('/api/v1/audit?actor=no-such-person');
    expect(nobody.json().items).toEqual([]);
    const paged = (await api.get(`/api/v1/audit?targetId=${target.id}&limit=1`)).json();
    expect(paged.items[0].actor.handle).toBe(other.handle);
    const next = (
      await api.get(`/api/v1/audit?targetId=${target.id}&limit=1&cursor=${paged.nextCursor}`)
    ).json();
    expect(next.items[0].actor.handle).toBe(admin.handle);

    const csv = await api.get(`/api/v1/audit.csv?targetId=${target.id}&targetType=person`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,time,actor,actor_name,action,target_type,target_id,before,after');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(`${admin.handle},Filtering Admin,person.update,person,${target.id}`);
    // A value that looks like a formula stays text, and quotes are doubled.
    expect(lines[2]).toContain('=Legal, \\""quoted\\""');
    const member = await buildPerson(ctx.db.pool);
    expect(
      (await client(ctx.app, await sessionFor(ctx.db.pool, member)).get('/api/v1/audit.csv')).statusCode,
    ).toBe(403);
  });

  it('cannot be erased: no route deletes or changes an entry, and the database refuses it', async () => {
    const auditWrites = allRoutes.filter((route) => route.url.includes('/audit') && route.method !== 'GET');
    expect(auditWrites).toEqual([]);
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    const api = client(ctx.app, await sessionFor(ctx.db.pool, admin));
    await api.patch(`/api/v1/people/${admin.handle}`, { department: 'Own trail' });
    const [entry] = (await api.get(`/api/v1/audit?actor=${admin.handle}`)).json().items;
    expect((await api.delete(`/api/v1/audit/${entry.id}`)).statusCode).toBe(404);
    expect(await refusal(`update audit_entries set after = '{}' where id = ${entry.id}`)).toMatch(
      /cannot be changed/,
    );
    expect(await refusal(`delete from audit_entries where id = ${entry.id}`)).toMatch(/cannot be deleted/);
    const still = await ctx.db.pool.query('select after from audit_entries where id = $1', [entry.id]);
    expect(still.rows[0].after.department).toBe('Own trail');
  });
});
