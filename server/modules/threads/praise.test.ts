import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor, notificationsOf, type Page, expectRejected as rejected } from './testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
const person = (overrides: Parameters<typeof actor>[2] = {}) => actor(ctx.app, ctx.db.pool, overrides);
const expectRejected = (send: () => Promise<LightMyRequestResponse>, status: number, field?: string) =>
  rejected(ctx.db.pool, send, status, field);

beforeAll(async () => {
  ctx = await testApp();
});

type Summary = { id: string; praised: { handle: string }[] };

async function praise(author: Actor, praised: string[], communitySlug: string | null = null) {
  const response = await author.api.post('/api/v1/threads', {
    communitySlug,
    kind: 'praise',
    body: `Thank you ${praised.map((h) => `@${h}`).join(' ')} for fixing the release!`,
    praised,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Summary;
}

describe('praise posts', () => {
  it('names the people it recognises, stores them and notifies each once (praise over mention)', async () => {
    const author = await person();
    const ann = await person({ name: 'Ann Praised' });
    const bob = await person({ name: 'Bob Praised' });
    const thread = await praise(author, [bob.handle, ann.handle, bob.handle]);
    expect(thread.praised.map((p) => p.handle)).toEqual([ann.handle, bob.handle]);
    const { rows } = await ctx.db.pool.query(
      'select person_id from praise_recipients where thread_id = $1 order by person_id',
      [thread.id],
    );
    expect(rows.map((row) => row.person_id)).toEqual([ann.id, bob.id].sort((a, b) => Number(a) - Number(b)));
    for (const who of [ann, bob]) {
      expect((await notificationsOf(ctx.db.pool, who.id)).map((n) => [n.kind, n.thread_id])).toEqual([
        ['praised', thread.id],
      ]);
    }
    const feed = (await author.api.get(`/api/v1/people/${author.handle}/activity`)).json();
    expect(feed.items[0].thread.praised.map((p: { handle: string }) => p.handle)).toEqual([
      ann.handle,
      bob.handle,
    ]);
  });

  it('refuses praise without people, people on other kinds, unknown, deactivated, oneself, too many and outsiders', async () => {
    const author = await person();
    const gone = await person({ status: 'deactivated' });
    const outsider = await person();
    const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed', members: [author] });
    const post = (body: Record<string, unknown>) => () =>
      author.api.post('/api/v1/threads', { kind: 'praise', body: 'Well done', ...body });
    await expectRejected(post({}), 400, 'praised');
    await expectRejected(post({ praised: [] }), 400, 'praised');
    await expectRejected(
      post({ kind: 'discussion', title: 'x', praised: [outsider.handle] }),
      400,
      'praised',
    );
    const unknown = await expectRejected(
      post({ praised: ['nobody-here-1', outsider.handle] }),
      400,
      'praised',
    );
    expect(unknown.json().detail).toContain('@nobody-here-1');
    const deactivated = await expectRejected(post({ praised: [gone.handle] }), 400, 'praised');
    expect(deactivated.json().detail).toContain(`@${gone.handle}`);
    await expectRejected(post({ praised: [author.handle] }), 400, 'praised');
    const many = Array.from({ length: 21 }, (_, i) => `person-${i}`);
    await expectRejected(post({ praised: many }), 400, 'praised');
    const cannotRead = await expectRejected(
      post({ praised: [outsider.handle], communitySlug: closed.slug }),
      400,
      'praised',
    );
    expect(cannotRead.json().detail).toContain(`@${outsider.handle}`);
  });
});

describe('GET /api/v1/people/:handle/praise', () => {
  it('lists praise received newest first, in pages, only where the viewer may read, without removed posts', async () => {
    const author = await person();
    const hero = await person();
    const member = await person();
    const outsider = await person();
    const closed = await buildCommunity(ctx.db.pool, {
      visibility: 'closed',
      members: [author, hero, member],
    });
    const secret = await buildCommunity(ctx.db.pool, {
      visibility: 'secret',
      members: [author, hero, member],
    });
    const first = await praise(author, [hero.handle]);
    const inClosed = await praise(author, [hero.handle], closed.slug);
    const removed = await praise(author, [hero.handle]);
    const inSecret = await praise(author, [hero.handle], secret.slug);
    const latest = await praise(member, [hero.handle, author.handle]);
    await author.api.delete(`/api/v1/threads/${removed.id}`);

    const walk = async (viewer: Actor, limit: number) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/people/${hero.handle}/praise?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await viewer.api.get(url);
        expect(response.statusCode, response.body).toBe(200);
        const page = response.json() as Page<Summary>;
        ids.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    for (const limit of [1, 2, 10]) {
      expect(await walk(member, limit)).toEqual([latest.id, inSecret.id, inClosed.id, first.id]);
      expect(await walk(outsider, limit)).toEqual([latest.id, first.id]);
    }
    const forAuthor = (await author.api.get(`/api/v1/people/${author.handle}/praise`)).json();
    expect(forAuthor.items.map((item: Summary) => item.id)).toEqual([latest.id]);
    expect((await outsider.api.get('/api/v1/people/nobody-at-all/praise')).statusCode).toBe(404);
  });
});
