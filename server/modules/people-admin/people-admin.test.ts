import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/auth/secrets.js';
import { manualClock } from '../../platform/clock.js';
import { client } from '../../test/client.js';
import { buildPerson, sessionFor, type TestPerson, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';

const clock = manualClock(new Date());
let ctx: Awaited<ReturnType<typeof testApp>>;
let admin: TestPerson;
let asAdmin: ReturnType<typeof client>;
let asMember: ReturnType<typeof client>;
// Every name here carries the tag, so a search for it sees only this file's people on a shared database.
const tag = unique('zq').replace(/[^a-z0-9]/g, '');

beforeAll(async () => {
  ctx = await testApp({ clock });
  admin = await buildPerson(ctx.db.pool, { role: 'admin' });
  asAdmin = client(ctx.app, await sessionFor(ctx.db.pool, admin));
  asMember = client(ctx.app, await sessionFor(ctx.db.pool, await buildPerson(ctx.db.pool)));
});

type Item = Record<string, unknown> & { handle: string; name: string };
const list = async (query: string) => {
  const answer = await asAdmin.get(`/api/v1/admin/people?q=${tag}&${query}`);
  expect(answer.statusCode, answer.body).toBe(200);
  return answer.json() as { items: Item[]; nextCursor: string | null };
};
const byName = (items: Item[]) => new Map(items.map((item) => [item.name, item]));

describe('the admins’ people list', () => {
  let signedIn: TestPerson;
  let scim: TestPerson;
  let gone: TestPerson;

  beforeAll(async () => {
    const added = await asAdmin.post('/api/v1/people', {
      email: `${tag}.added@example.test`,
      name: `${tag} Added`,
    });
    expect(added.statusCode, added.body).toBe(201);
    const invited = await asAdmin.post('/api/v1/admin/invitations', {
      email: `${tag}.invited@example.test`,
      name: `${tag} Invited`,
    });
    expect(invited.statusCode, invited.body).toBe(201);
    signedIn = await buildPerson(ctx.db.pool, {
      name: `${tag} Signed`,
      passwordHash: await hashPassword('a long enough password'),
    });
    scim = await buildPerson(ctx.db.pool, { name: `${tag} Provisioned` });
    await ctx.db.pool.query(
      "update people set provisioned_via = 'scim', provisioned_at = now(), external_id = 'x1' where id = $1",
      [scim.id],
    );
    gone = await buildPerson(ctx.db.pool, { name: `${tag} Gone`, status: 'deactivated' });
    await ctx.db.pool.query("update people set import_source = 'viva-engage' where id = $1", [gone.id]);
  });

  it('shows how each person came in, their status and when they last signed in', async () => {
    clock.set(new Date('2026-11-02T08:30:00.000Z'));
    const login = await client(ctx.app).post('/api/v1/auth/login', {
      email: signedIn.email,
      password: 'a long enough password',
    });
    expect(login.statusCode, login.body).toBe(200);
    const people = byName((await list('limit=50')).items);
    expect(people.size).toBe(5);
    expect(people.get(`${tag} Added`)).toMatchObject({
      provisionedVia: 'admin',
      status: 'pending',
      lastSignInAt: null,
      scimManaged: false,
      invitation: null,
    });
    expect(people.get(`${tag} Added`)!.provisionedAt).toEqual(expect.any(String));
    expect(people.get(`${tag} Invited`)).toMatchObject({
      provisionedVia: 'invite',
      status: 'pending',
      invitation: { status: 'open' },
    });
    expect(people.get(`${tag} Invited`)!.invitedAt).toEqual(expect.any(String));
    expect(people.get(`${tag} Signed`)).toMatchObject({
      provisionedVia: 'unknown',
      status: 'active',
      activatedAt: '2026-11-02T08:30:00.000Z',
      lastSignInAt: '2026-11-02T08:30:00.000Z',
    });
    expect(people.get(`${tag} Provisioned`)).toMatchObject({ provisionedVia: 'scim', scimManaged: true });
    expect(people.get(`${tag} Gone`)).toMatchObject({ provisionedVia: 'import', status: 'deactivated' });

    // A later sign-in moves the last sign-in, not the activation.
    clock.set(new Date('2026-11-20T10:00:00.000Z'));
    await client(ctx.app).post('/api/v1/auth/login', {
      email: signedIn.email,
      password: 'a long enough password',
    });
    expect(byName((await list('limit=50')).items).get(`${tag} Signed`)).toMatchObject({
      activatedAt: '2026-11-02T08:30:00.000Z',
      lastSignInAt: '2026-11-20T10:00:00.000Z',
    });
  });

  it('filters by status and by source', async () => {
    const names = async (query: string) => (await list(query)).items.map((item) => item.name).sort();
    expect(await names('status=pending')).toEqual([`${tag} Added`, `${tag} Invited`, `${tag} Provisioned`]);
    expect(await names('status=deactivated')).toEqual([`${tag} Gone`]);
    expect(await names('source=scim')).toEqual([`${tag} Provisioned`]);
    expect(await names('source=invite&status=pending')).toEqual([`${tag} Invited`]);
    expect(await names('source=demo')).toEqual([]);
    // Search reaches the email too.
    const byEmail = await asAdmin.get(`/api/v1/admin/people?q=${tag}.invited@`);
    expect(byEmail.json().items.map((item: Item) => item.name)).toEqual([`${tag} Invited`]);
  });

  it('pages by name with a cursor, each person once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await list(
        `limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      `${tag} Added`,
      `${tag} Gone`,
      `${tag} Invited`,
      `${tag} Provisioned`,
      `${tag} Signed`,
    ]);
  });

  it('refuses what it cannot take, naming the field', async () => {
    for (const query of [
      'limit=101',
      'status=asleep',
      'source=fax',
      `q=${'x'.repeat(101)}`,
      'cursor=nonsense',
    ]) {
      const answer = await asAdmin.get(`/api/v1/admin/people?${query}`);
      expect(answer.statusCode, query).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('is for admins alone: others get 403 here and never see these fields elsewhere', async () => {
    expect((await asMember.get('/api/v1/admin/people')).statusCode).toBe(403);
    expect((await client(ctx.app).get('/api/v1/admin/people')).statusCode).toBe(401);
    const hidden = ['provisionedVia', 'provisionedAt', 'lastSignInAt', 'invitedAt', 'scimManaged'];
    const profile = (await asMember.get(`/api/v1/people/${signedIn.handle}`)).json();
    const directory = (await asMember.get(`/api/v1/people?q=${tag}`)).json().items;
    expect(directory.length).toBeGreaterThan(0);
    for (const shown of [profile, ...directory]) {
      for (const field of hidden) expect(shown).not.toHaveProperty(field);
    }
  });
});
