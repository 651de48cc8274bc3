import { beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import { buildPerson, sessionFor, type TestPerson } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { rowCounts } from '../../test/row-counts.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
let person: TestPerson;
let asPerson: ReturnType<typeof client>;
let asAdmin: ReturnType<typeof client>;

/** A 1×1 PNG: a picture inside the data itself, which no other host serves. */
const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

beforeAll(async () => {
  ctx = await testApp();
  person = await buildPerson(ctx.db.pool);
  asPerson = client(ctx.app, await sessionFor(ctx.db.pool, person));
  asAdmin = client(ctx.app, await sessionFor(ctx.db.pool, await buildPerson(ctx.db.pool, { role: 'admin' })));
});

describe('avatars come from Plein, never from a host that could log who views a profile', () => {
  it.each([
    'https://tracker.example/pixel.png?who=viewer',
    'http://tracker.example/avatar.jpg',
    '//tracker.example/avatar.jpg',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'javascript:alert(1)',
  ])('refuses %s for myself with a 400 that names avatarUrl, and stores nothing', async (avatarUrl) => {
    const before = await rowCounts(ctx.db.pool);
    const response = await asPerson.patch('/api/v1/me', { avatarUrl });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json().errors).toEqual([{ field: 'avatarUrl', message: expect.stringMatching(/Plein/) }]);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect((await asPerson.get('/api/v1/me')).json().avatarUrl).toBeNull();
  });

  it('refuses an outside address from an admin too', async () => {
    const response = await asAdmin.patch(`/api/v1/people/${person.handle}`, {
      avatarUrl: 'https://tracker.example/pixel.png',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('avatarUrl');
  });

  it('accepts a small picture carried in the data itself, and clearing it', async () => {
    const set = await asPerson.patch('/api/v1/me', { avatarUrl: TINY_PNG });
    expect(set.statusCode).toBe(200);
    expect(set.json().avatarUrl).toBe(TINY_PNG);
    const cleared = await asPerson.patch('/api/v1/me', { avatarUrl: null });
    expect(cleared.json().avatarUrl).toBeNull();
  });
});
