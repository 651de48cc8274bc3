import { beforeAll, describe, expect, it } from 'vitest';
import { ANCHOR_HANDLES, DEMO_EMAIL_DOMAIN } from '../../demo/organisation.js';
import type { Queryable } from '../../platform/db/database.js';
import { client } from '../../test/client.js';
import { buildPerson, type TestPerson } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';

let off: Awaited<ReturnType<typeof testApp>>;
let on: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  off = await testApp();
  on = await testApp({ config: { demo: true } });
});

/** A person of the demo organisation: the picker knows them by their email domain. */
async function buildDemoPerson(db: Queryable, overrides: Parameters<typeof buildPerson>[1] = {}) {
  const person = await buildPerson(db, overrides);
  const email = `${person.handle}@${DEMO_EMAIL_DOMAIN}`;
  await db.query('update people set email = $2 where id = $1', [person.id, email]);
  return { ...person, email } satisfies TestPerson;
}

function sessionCookie(setCookie: string | string[] | undefined): string | undefined {
  const header = ([] as string[]).concat(setCookie ?? []).find((c) => c.startsWith('plein_session='));
  return header?.split(';')[0]?.split('=')[1];
}

describe('the demo "sign in as" picker', () => {
  it('does not exist outside demo mode: 404 for listing and for signing in, and no session is made', async () => {
    const person = await buildDemoPerson(off.db.pool);
    const list = await client(off.app).get('/api/v1/demo/people');
    expect(list.statusCode).toBe(404);
    expect(list.headers['content-type']).toMatch(/application\/problem\+json/);
    const login = await client(off.app).post('/api/v1/demo/login', { handle: person.handle });
    expect(login.statusCode).toBe(404);
    expect(sessionCookie(login.headers['set-cookie'])).toBeUndefined();
  });

  it('features the demo organisation’s named people, and finds anyone in it by name, with their roles', async () => {
    const anchor = ANCHOR_HANDLES[1]!;
    const existing = await on.db.pool.query('select 1 from people where handle = $1', [anchor]);
    if (existing.rows.length === 0) await buildDemoPerson(on.db.pool, { handle: anchor, leader: true });
    const admin = await buildDemoPerson(on.db.pool, { role: 'admin', name: 'Demo Zoekbaar Admin' });
    const featured = await client(on.app).get('/api/v1/demo/people');
    expect(featured.statusCode).toBe(200);
    const featuredHandles = featured.json().items.map((item: { handle: string }) => item.handle);
    expect(featuredHandles).toContain(anchor);
    expect(featuredHandles.every((handle: string) => ANCHOR_HANDLES.includes(handle))).toBe(true);

    const found = await client(on.app).get('/api/v1/demo/people?q=zoekbaar');
    expect(found.json().items).toEqual([expect.objectContaining({ handle: admin.handle, role: 'admin' })]);
  });

  it('never lists someone outside the demo organisation, nor a deactivated demo person', async () => {
    const gone = await buildDemoPerson(on.db.pool, { status: 'deactivated', name: 'Demo Weg Persoon' });
    const outsider = await buildPerson(on.db.pool, { name: 'Demo Weg Buitenstaander' });
    const handles = (await client(on.app).get('/api/v1/demo/people?q=weg'))
      .json()
      .items.map((item: { handle: string }) => item.handle);
    expect(handles).not.toContain(gone.handle);
    expect(handles).not.toContain(outsider.handle);
    expect((await client(on.app).get('/api/v1/demo/people?q=%25')).json().items).toEqual([]);
  });

  it('signs in as a demo person: a session cookie and CSRF token that work like a password sign-in', async () => {
    const person = await buildDemoPerson(on.db.pool);
    const response = await client(on.app).post('/api/v1/demo/login', { handle: person.handle });
    expect(response.statusCode).toBe(200);
    const { person: me, csrfToken } = response.json();
    expect(me.handle).toBe(person.handle);
    const cookie = sessionCookie(response.headers['set-cookie']);
    expect(cookie).toBeTruthy();
    const session = client(on.app, { cookie: cookie!, csrfToken });
    expect((await session.get('/api/v1/me')).json().handle).toBe(person.handle);
    expect((await session.get('/api/v1/auth/session')).json()).toEqual({ csrfToken });
    expect((await session.patch('/api/v1/me', { bio: 'Trying Plein' })).statusCode).toBe(200);
  });

  it('never signs in as someone outside the demo organisation, nor as a deactivated demo person', async () => {
    const outsider = await buildPerson(on.db.pool);
    const gone = await buildDemoPerson(on.db.pool, { status: 'deactivated' });
    for (const handle of [outsider.handle, gone.handle, 'no-such-person']) {
      const response = await client(on.app).post('/api/v1/demo/login', { handle });
      expect(response.statusCode).toBe(404);
      expect(sessionCookie(response.headers['set-cookie'])).toBeUndefined();
    }
  });

  it('names a malformed handle as a field problem', async () => {
    const response = await client(on.app).post('/api/v1/demo/login', { handle: 'Not A Handle!' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('handle');
  });
});
