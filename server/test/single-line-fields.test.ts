import { beforeAll, describe, expect, it } from 'vitest';
import { type Actor, actor, expectRejected } from '../modules/threads/testing.js';
import { buildCommunity, type TestCommunity, unique } from './factories.js';
import { testApp } from './harness.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
let admin: Actor;
let leader: Actor;
let member: Actor;
let community: TestCommunity;

beforeAll(async () => {
  ctx = await testApp();
  admin = await actor(ctx.app, ctx.db.pool, { role: 'admin' });
  leader = await actor(ctx.app, ctx.db.pool, { leader: true });
  member = await actor(ctx.app, ctx.db.pool);
  community = await buildCommunity(ctx.db.pool, { owners: [member], members: [leader] });
});

/** Characters a one-line text never needs: controls, line separators, and bidi embeddings, overrides and isolates. */
const UNWANTED = {
  'a bell (U+0007)': '\u0007',
  'a tab (U+0009)': '\t',
  'a line feed (U+000A)': '\n',
  'a carriage return (U+000D)': '\r',
  'an escape (U+001B)': '\u001b',
  'a delete (U+007F)': '\u007f',
  'a next line (U+0085)': '\u0085',
  'a C1 control sequence introducer (U+009B)': '\u009b',
  'a line separator (U+2028)': '\u2028',
  'a paragraph separator (U+2029)': '\u2029',
  'a right-to-left embedding (U+202B)': '\u202b',
  'a right-to-left override (U+202E)': '\u202e',
  'a left-to-right isolate (U+2066)': '\u2066',
  'a pop directional isolate (U+2069)': '\u2069',
};

/** Every single-line field a person can write, each as a request that sets it to `text`. */
const FIELDS: Record<string, { field: string; send: (text: string) => ReturnType<Actor['api']['post']> }> = {
  'a thread title': {
    field: 'title',
    send: (text) =>
      member.api.post('/api/v1/threads', {
        communitySlug: community.slug,
        kind: 'discussion',
        title: text,
        body: 'Body',
      }),
  },
  'a community name': { field: 'name', send: (text) => member.api.post('/api/v1/groups', { name: text }) },
  'my name': { field: 'name', send: (text) => member.api.patch('/api/v1/me', { name: text }) },
  'my job title': { field: 'title', send: (text) => member.api.patch('/api/v1/me', { title: text }) },
  'my department': {
    field: 'department',
    send: (text) => member.api.patch('/api/v1/me', { department: text }),
  },
  'my location': { field: 'location', send: (text) => member.api.patch('/api/v1/me', { location: text }) },
  'a skill': {
    field: 'skills.1',
    send: (text) => member.api.patch('/api/v1/me', { skills: ['Excel', text] }),
  },
  "a new colleague's name": {
    field: 'name',
    send: (text) => admin.api.post('/api/v1/people', { email: `${unique('new')}@example.test`, name: text }),
  },
  'a token name': { field: 'name', send: (text) => member.api.post('/api/v1/me/tokens', { name: text }) },
  'a theme title': {
    field: 'title',
    send: (text) => leader.api.post('/api/v1/themes', { title: text, question: 'What now?' }),
  },
  'a goal name': {
    field: 'name',
    send: (text) =>
      leader.api.post('/api/v1/goals', {
        name: text,
        kpi: 'answer_rate',
        target: 90,
        communities: [community.slug],
      }),
  },
};

describe('single-line fields refuse control and bidi characters (issue 17, defect 8)', () => {
  for (const [where, { field, send }] of Object.entries(FIELDS)) {
    it.each(Object.entries(UNWANTED))(`${where}: refuses %s with a 400 naming the field`, async (_, char) => {
      const response = await expectRejected(ctx.db.pool, () => send(`Kwartaal${char}cijfers`), 400, field);
      expect(response.json().errors.find((e: { field: string }) => e.field === field).message).toMatch(
        /one line|control/,
      );
    });

    it(`${where}: keeps right-to-left text, marks, joiners and emoji`, async () => {
      // Hebrew and Arabic with a right-to-left mark, a zero-width joiner emoji, Dutch diacritics.
      const text = `שלום مرحبا\u200f 👩\u200d💻 één ${unique('x')}`;
      const response = await send(text);
      expect(response.statusCode, response.body).toBeLessThan(300);
    });
  }

  it('still trims a trailing newline from a title rather than refusing it', async () => {
    const response = await FIELDS['a thread title']!.send('Kwartaalcijfers\n');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().title).toBe('Kwartaalcijfers');
  });
});
