import { beforeAll, describe, expect, it } from 'vitest';
import { makeGoal } from '../../modules/goals/testing.js';
import { type Client, client } from '../client.js';
import { buildCommunity, buildPerson, type TestPerson, tokenFor } from '../factories.js';
import { testApp } from '../harness.js';
import { rowCounts } from '../row-counts.js';

/** Each answer the fuzz test (fuzz.test.ts) or the issue 17 report found to be a 500, pinned as a 400 naming the field. */
let ctx: Awaited<ReturnType<typeof testApp>>;
let member: Client;
let anonymous: Client;
let person: TestPerson;

beforeAll(async () => {
  ctx = await testApp({ config: { demo: true } });
  person = await buildPerson(ctx.db.pool, { leader: true });
  member = client(ctx.app, await tokenFor(ctx.db.pool, person));
  anonymous = client(ctx.app);
});

const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

async function expectRefused(response: Awaited<ReturnType<Client['get']>>, field: string, message: RegExp) {
  expect(response.statusCode, response.body).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = response.json() as { detail: string; errors?: { field: string; message: string }[] };
  expect(problem.errors?.[0]?.field).toBe(field);
  expect(problem.errors?.[0]?.message).toMatch(message);
}

describe('text PostgreSQL cannot store is a 400 naming the field, and nothing is written', () => {
  it('refuses NUL in a thread title and a lone surrogate in its body', async () => {
    const community = await buildCommunity(ctx.db.pool, { owners: [person] });
    const before = await rowCounts(ctx.db.pool);
    const base = { communitySlug: community.slug, kind: 'discussion', title: 'Fine', body: 'Fine' };
    await expectRefused(await member.post('/api/v1/threads', { ...base, title: 'a\u0000b' }), 'title', /NUL/);
    await expectRefused(
      await member.post('/api/v1/threads', { ...base, body: 'x \ud800 y' }),
      'body',
      /surrogate/,
    );
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });

  it('refuses NUL in a profile, a community, a theme, a goal and a token name', async () => {
    const before = await rowCounts(ctx.db.pool);
    await expectRefused(await member.patch('/api/v1/me', { title: 'Boss\u0000' }), 'title', /NUL/);
    await expectRefused(await member.post('/api/v1/groups', { name: 'G\u0000' }), 'name', /NUL/);
    await expectRefused(
      await member.post('/api/v1/themes', { title: 'T\u0000', question: 'Q?' }),
      'title',
      /NUL/,
    );
    await expectRefused(await member.post('/api/v1/goals', { name: '\ud83d goal' }), 'name', /surrogate/);
    await expectRefused(await member.post('/api/v1/me/tokens', { name: 'a\u0000' }), 'name', /NUL/);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });

  it('refuses NUL in search parameters, also on the public demo route', async () => {
    await expectRefused(await member.get('/api/v1/search?q=a%00b'), 'q', /NUL/);
    await expectRefused(await anonymous.get('/api/v1/demo/people?q=a%00b'), 'q', /NUL/);
  });

  it('names a nested field and an offending key', async () => {
    await expectRefused(await member.patch('/api/v1/me', { skills: ['ok', 'b\u0000d'] }), 'skills.1', /NUL/);
    await expectRefused(await member.patch('/api/v1/me', { 'ti\u0000tle': 'x' }), 'ti\uFFFDtle', /NUL/);
  });
});

describe('cursors no list gave out are a 400 naming cursor', () => {
  it.each([
    ['notifications: a word where an id belongs', () => `/api/v1/notifications?cursor=${cursor(['abc'])}`],
    ['people: an id beyond bigint', () => `/api/v1/people?cursor=${cursor(['a', '99999999999999999999'])}`],
    [
      'goals: garbage where a time belongs',
      () => `/api/v1/goals?cursor=${cursor([1755624198, '9223372036854775807', ' '])}`,
    ],
    ['communities: a NUL in the name', () => `/api/v1/groups?cursor=${cursor(['a\u0000', '1'])}`],
  ])('%s', async (_name, url) => {
    await expectRefused(await member.get(url()), 'cursor', /not a cursor/);
  });

  it('themes/:id/participants: a count beyond PostgreSQL integer', async () => {
    const { rows } = await ctx.db.pool.query<{ id: string }>(
      `insert into themes (title, question, owner_id) values ('Fuzz', 'Where?', $1) returning id`,
      [person.id],
    );
    const url = `/api/v1/themes/${rows[0]!.id}/participants?cursor=${cursor([2 ** 53, '1'])}`;
    await expectRefused(await member.get(url), 'cursor', /not a cursor/);
  });

  it('goals/:id/missed: a word where a time belongs', async () => {
    const goal = await makeGoal(ctx.db.pool, { owner: person });
    await expectRefused(
      await member.get(`/api/v1/goals/${goal.id}/missed?cursor=${cursor(['yesterday', '1'])}`),
      'cursor',
      /not a cursor/,
    );
  });
});
