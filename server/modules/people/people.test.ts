import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/auth/secrets.js';
import { client } from '../../test/client.js';
import { buildPerson, sessionFor, type TestPerson, tokenFor, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { rowCounts } from '../../test/row-counts.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
let admin: TestPerson;
let asAdmin: ReturnType<typeof client>;

beforeAll(async () => {
  ctx = await testApp();
  admin = await buildPerson(ctx.db.pool, { role: 'admin' });
  asAdmin = client(ctx.app, await sessionFor(ctx.db.pool, admin));
});

describe('POST /api/v1/people (admins)', () => {
  it('creates a person with a manager, derives a free handle from the email, and audits it', async () => {
    const manager = await buildPerson(ctx.db.pool);
    const local = unique('anna.smit');
    const response = await asAdmin.post('/api/v1/people', {
      email: `${local}@example.test`,
      name: 'Anna Smit',
      title: 'Buyer',
      department: 'Purchasing',
      location: 'Rotterdam',
      timeZone: 'Europe/Amsterdam',
      managerHandle: manager.handle,
      skills: ['Tendering', 'tendering', 'SAP'],
      password: 'a long enough password',
    });
    expect(response.statusCode).toBe(201);
    const person = response.json();
    expect(person.handle).toBe(local);
    expect(person.manager.handle).toBe(manager.handle);
    expect(person.skills).toEqual(['tendering', 'SAP']);
    const { rows } = await ctx.db.pool.query(
      "select action, after from audit_entries where target_type = 'person' and target_id = $1",
      [person.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].action).toBe('person.create');
    expect(rows[0].after.password_hash).toBeUndefined();

    // The same local part again gets a numbered handle.
    const again = await asAdmin.post('/api/v1/people', { email: `${local}@other.test`, name: 'Anna Smit 2' });
    expect(again.json().handle).toBe(`${local}2`);
  });

  it.each([
    [{ name: 'No email' }, 'email'],
    [{ email: 'not-an-email', name: 'X' }, 'email'],
    [{ email: 'x@example.test', name: '' }, 'name'],
    [{ email: 'x@example.test', name: 'X', handle: 'Bad Handle!' }, 'handle'],
    [{ email: 'x@example.test', name: 'X', timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ email: 'x@example.test', name: 'X', password: 'short' }, 'password'],
    [{ email: 'x@example.test', name: 'X', managerHandle: 'nobody-here' }, 'managerHandle'],
  ])('rejects %j naming %s, and stores nothing', async (body, field) => {
    const before = await rowCounts(ctx.db.pool);
    const response = await asAdmin.post('/api/v1/people', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });

  it('answers 409 for a taken email or handle', async () => {
    const existing = await buildPerson(ctx.db.pool);
    const byEmail = await asAdmin.post('/api/v1/people', {
      email: existing.email.toUpperCase(),
      name: 'Dup',
    });
    expect(byEmail.statusCode).toBe(409);
    expect(byEmail.json().errors[0].field).toBe('email');
    const byHandle = await asAdmin.post('/api/v1/people', {
      email: `${unique('h')}@x.test`,
      name: 'Dup',
      handle: existing.handle,
    });
    expect(byHandle.statusCode).toBe(409);
    expect(byHandle.json().errors[0].field).toBe('handle');
  });

  it('rejects a body over 1 MiB with 413', async () => {
    const response = await asAdmin.post('/api/v1/people', {
      email: 'big@example.test',
      name: 'x'.repeat(1_100_000),
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('GET /api/v1/people', () => {
  it('searches name, handle and title; filters by skill, department and location; pages without overlap', async () => {
    const tag = unique('zq').replaceAll('-', '');
    const people = [];
    for (let i = 0; i < 5; i++) {
      people.push(
        await buildPerson(ctx.db.pool, {
          name: `${tag} Person ${i}`,
          department: i < 3 ? `Dept ${tag}` : 'Other',
          location: i % 2 ? 'Londen' : 'Amsterdam',
          skills: i === 4 ? ['Kubernetes'] : [],
        }),
      );
    }
    await buildPerson(ctx.db.pool, { name: `${tag} Gone`, status: 'deactivated' });
    const member = client(ctx.app, await tokenFor(ctx.db.pool, people[0]!));

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/people?q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await member.get(url)).json();
      seen.push(...page.items.map((p: { name: string }) => p.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(people.map((p) => p.name)); // deactivated people are not in the directory

    const names = async (query: string) =>
      (await member.get(`/api/v1/people?q=${tag}&${query}`))
        .json()
        .items.map((p: { name: string }) => p.name);
    expect(await names(`department=${encodeURIComponent(`dept ${tag}`)}`)).toHaveLength(3);
    expect(await names('location=londen')).toEqual([people[1]!.name, people[3]!.name]);
    expect(await names('skill=kubernetes')).toEqual([people[4]!.name]);
    expect((await member.get('/api/v1/people?q=%25')).statusCode).toBe(200); // a literal %, not a wildcard
    expect((await member.get('/api/v1/people?limit=101')).statusCode).toBe(400);
    expect((await member.get('/api/v1/people?cursor=nonsense')).json().errors[0].field).toBe('cursor');
  });
});

describe('profiles and follows', () => {
  it('shows manager, direct reports and follow counts', async () => {
    const boss = await buildPerson(ctx.db.pool, { name: 'Boss' });
    const report = await buildPerson(ctx.db.pool, { managerId: boss.id });
    const fan = await buildPerson(ctx.db.pool);
    const asFan = client(ctx.app, await sessionFor(ctx.db.pool, fan));
    expect((await asFan.put(`/api/v1/people/${boss.handle}/follow`)).statusCode).toBe(204);
    expect((await asFan.put(`/api/v1/people/${boss.handle}/follow`)).statusCode).toBe(204); // idempotent
    const profile = (await asFan.get(`/api/v1/people/${boss.handle}`)).json();
    expect(profile.directReports.map((p: { handle: string }) => p.handle)).toEqual([report.handle]);
    expect(profile).toMatchObject({ followers: 1, followedByMe: true, manager: null });
    expect((await asFan.get(`/api/v1/people/${report.handle}`)).json().manager.handle).toBe(boss.handle);
    expect((await asFan.delete(`/api/v1/people/${boss.handle}/follow`)).statusCode).toBe(204);
    expect((await asFan.get(`/api/v1/people/${boss.handle}`)).json()).toMatchObject({
      followers: 0,
      followedByMe: false,
    });
    expect((await asFan.put(`/api/v1/people/${fan.handle}/follow`)).statusCode).toBe(400);
    expect((await asFan.get('/api/v1/people/no-such-person')).statusCode).toBe(404);
  });
});

describe('PATCH /api/v1/me', () => {
  it('changes my own profile, and my password only with the current one', async () => {
    const me = await buildPerson(ctx.db.pool, { passwordHash: await hashPassword('the old password') });
    const api = client(ctx.app, await sessionFor(ctx.db.pool, me));
    const changed = await api.patch('/api/v1/me', { title: 'Engineer', skills: ['Go'], locale: 'en' });
    expect(changed.json()).toMatchObject({ title: 'Engineer', skills: ['Go'], locale: 'en' });
    const wrong = await api.patch('/api/v1/me', {
      password: 'a brand new password',
      currentPassword: 'nope',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('currentPassword');
    const right = await api.patch('/api/v1/me', {
      password: 'a brand new password',
      currentPassword: 'the old password',
    });
    expect(right.statusCode).toBe(200);
    const login = await client(ctx.app).post('/api/v1/auth/login', {
      email: me.email,
      password: 'a brand new password',
    });
    expect(login.statusCode).toBe(200);
    expect((await api.patch('/api/v1/me', { role: 'admin' })).statusCode).toBe(400); // not mine to change
  });
});

describe('PATCH /api/v1/people/:handle (admins)', () => {
  it('deactivation ends every session and token at once; content stays; it is audited', async () => {
    const person = await buildPerson(ctx.db.pool);
    const browser = client(ctx.app, await sessionFor(ctx.db.pool, person));
    const script = client(ctx.app, await tokenFor(ctx.db.pool, person));
    await ctx.db.pool.query(
      `insert into threads (author_id, kind, title, body_md, body_html, origin) values ($1, 'update', '', 'hi', '<p>hi</p>', 'bottom_up')`,
      [person.id],
    );
    expect((await browser.get('/api/v1/me')).statusCode).toBe(200);

    const response = await asAdmin.patch(`/api/v1/people/${person.handle}`, { status: 'deactivated' });
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('deactivated');
    expect((await browser.get('/api/v1/me')).statusCode).toBe(401);
    expect((await script.get('/api/v1/me')).statusCode).toBe(401);
    const { rows } = await ctx.db.pool.query(
      `select (select count(*)::int from sessions where person_id = $1) as sessions,
              (select count(*)::int from api_tokens where person_id = $1 and revoked_at is null) as tokens,
              (select count(*)::int from threads where author_id = $1) as threads,
              (select count(*)::int from audit_entries where target_id = $1::text and action = 'person.update') as audits`,
      [person.id],
    );
    expect(rows[0]).toEqual({ sessions: 0, tokens: 0, threads: 1, audits: 1 });
  });

  it('refuses a manager loop and self-deactivation, changing nothing', async () => {
    const top = await buildPerson(ctx.db.pool);
    const middle = await buildPerson(ctx.db.pool, { managerId: top.id });
    const bottom = await buildPerson(ctx.db.pool, { managerId: middle.id });
    const before = await rowCounts(ctx.db.pool);
    const loop = await asAdmin.patch(`/api/v1/people/${top.handle}`, { managerHandle: bottom.handle });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().errors[0].field).toBe('managerHandle');
    const self = await asAdmin.patch(`/api/v1/people/${admin.handle}`, { status: 'deactivated' });
    expect(self.statusCode).toBe(400);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    const { rows } = await ctx.db.pool.query('select manager_id from people where id = $1', [top.id]);
    expect(rows[0].manager_id).toBeNull();
  });

  it('makes a person a leader and an admin, and the change is audited with before and after', async () => {
    const person = await buildPerson(ctx.db.pool);
    const response = await asAdmin.patch(`/api/v1/people/${person.handle}`, { leader: true, role: 'admin' });
    expect(response.json()).toMatchObject({ isLeader: true, role: 'admin' });
    const { rows } = await ctx.db.pool.query(
      "select before, after, actor_id from audit_entries where target_id = $1::text and action = 'person.update'",
      [person.id],
    );
    expect(rows[0].before).toMatchObject({ is_leader: false, role: 'member' });
    expect(rows[0].after).toMatchObject({ is_leader: true, role: 'admin' });
    expect(rows[0].actor_id).toBe(admin.id);
  });
});
