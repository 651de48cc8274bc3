import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDIT_HISTORY, type EditHistory } from '../../../contract/edit-history.js';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, buildReply, buildThread } from '../../test/factories.js';
import { ownTestDatabase, testApp } from '../../test/harness.js';
import { type Actor, actor } from '../threads/testing.js';
import { editThreadText } from './repository.js';

// A database of its own: the organisation setting for readers is flipped here, and other files assume the default.
let own: Awaited<ReturnType<typeof ownTestDatabase>>;
let ctx: Awaited<ReturnType<typeof testApp>>;
const clock = manualClock(new Date('2031-05-04T09:00:00Z'));
const person = (overrides: Parameters<typeof actor>[2] = {}) => actor(ctx.app, ctx.db.pool, overrides);

beforeAll(async () => {
  own = await ownTestDatabase();
  ctx = await testApp({ clock, db: own.db });
});
afterAll(async () => {
  await ctx?.app.close();
  await own?.close();
});

const at = (minutes: number) => new Date(Date.parse('2031-05-04T09:00:00Z') + minutes * 60_000).toISOString();

async function place(visibility: 'open' | 'closed' | 'secret' = 'open') {
  const author = await person();
  const reader = await person();
  const owner = await person();
  const community = await buildCommunity(ctx.db.pool, {
    visibility,
    owners: [owner],
    members: [author, reader],
  });
  return { author, reader, owner, community };
}

const history = async (who: Actor, url: string) => {
  const response = await who.api.get(url);
  return { status: response.statusCode, body: response.json() as EditHistory };
};

describe('GET /api/v1/threads/:id/history and /api/v1/replies/:id/history', () => {
  it('keeps the text before each edit, newest first, with who replaced it and when; an unchanged edit keeps none', async () => {
    clock.set(new Date(at(0)));
    const { author, owner, community } = await place();
    const thread = (
      await author.api.post('/api/v1/threads', {
        communitySlug: community.slug,
        kind: 'discussion',
        title: 'Plan v1',
        body: 'First text',
      })
    ).json();
    clock.set(new Date(at(5)));
    expect(
      (await author.api.patch(`/api/v1/threads/${thread.id}`, { title: 'Plan v2', body: 'Second text' }))
        .statusCode,
    ).toBe(200);
    clock.set(new Date(at(9)));
    expect((await owner.api.patch(`/api/v1/threads/${thread.id}`, { body: 'Third text' })).statusCode).toBe(
      200,
    );
    clock.set(new Date(at(12)));
    // The same text again: edited_at moves, but there is no earlier text to keep.
    expect((await author.api.patch(`/api/v1/threads/${thread.id}`, { body: 'Third text' })).statusCode).toBe(
      200,
    );

    const { status, body } = await history(author, `/api/v1/threads/${thread.id}/history`);
    expect(status).toBe(200);
    expect(body.nextCursor).toBeNull();
    expect(
      body.items.map((v) => [v.title, v.bodyMarkdown, v.writtenAt, v.replacedAt, v.replacedBy.handle]),
    ).toEqual([
      ['Plan v2', 'Second text', at(5), at(9), owner.handle],
      ['Plan v1', 'First text', at(0), at(5), author.handle],
    ]);
    const current = (await author.api.get(`/api/v1/threads/${thread.id}`)).json();
    expect([current.title, current.bodyMarkdown, current.editedAt]).toEqual([
      'Plan v2',
      'Third text',
      at(12),
    ]);

    // Pages of one: the cursor leads to the older version, then to the end.
    const first = await history(author, `/api/v1/threads/${thread.id}/history?limit=1`);
    expect(first.body.items.map((v) => v.bodyMarkdown)).toEqual(['Second text']);
    const second = await history(
      author,
      `/api/v1/threads/${thread.id}/history?limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((v) => v.bodyMarkdown)).toEqual(['First text']);
    expect(second.body.nextCursor).toBeNull();
    for (const query of [`limit=${EDIT_HISTORY.pageSize + 1}`, 'cursor=nonsense', 'other=1']) {
      const refused = await author.api.get(`/api/v1/threads/${thread.id}/history?${query}`);
      expect(refused.statusCode, query).toBe(400);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    }

    const reply = (
      await author.api.post(`/api/v1/threads/${thread.id}/replies`, { body: 'Reply one' })
    ).json();
    clock.set(new Date(at(20)));
    await author.api.patch(`/api/v1/replies/${reply.id}`, { body: 'Reply two' });
    const replyHistory = await history(owner, `/api/v1/replies/${reply.id}/history`);
    expect(replyHistory.body.items.map((v) => [v.title, v.bodyMarkdown, v.writtenAt, v.replacedAt])).toEqual([
      [null, 'Reply one', at(12), at(20)],
    ]);
  });

  it('is for the author and the moderators who can read the post; readers only where the organisation allows', async () => {
    const open = await place('open');
    const closed = await place('closed');
    const secret = await place('secret');
    const admin = await person({ role: 'admin' });
    const manager = await person({ role: 'community_manager' });
    const outsider = await person();
    const threadIn = async (p: typeof open) => {
      const thread = await buildThread(ctx.db.pool, { author: p.author, community: p.community, body: 'v1' });
      await p.author.api.patch(`/api/v1/threads/${thread.id}`, { body: 'v2' });
      const reply = await buildReply(ctx.db.pool, { thread, author: p.author, body: 'r1' });
      await p.author.api.patch(`/api/v1/replies/${reply.id}`, { body: 'r2' });
      return { thread, reply };
    };
    const posts = {
      open: await threadIn(open),
      closed: await threadIn(closed),
      secret: await threadIn(secret),
    };
    const statusOf = async (who: Actor, where: keyof typeof posts) => [
      (await who.api.get(`/api/v1/threads/${posts[where].thread.id}/history`)).statusCode,
      (await who.api.get(`/api/v1/replies/${posts[where].reply.id}/history`)).statusCode,
    ];
    const table = async () => ({
      author: await statusOf(open.author, 'open'),
      owner: await statusOf(open.owner, 'open'),
      reader: await statusOf(open.reader, 'open'),
      admin: await statusOf(admin, 'open'),
      manager: await statusOf(manager, 'open'),
      closedAuthor: await statusOf(closed.author, 'closed'),
      closedAdmin: await statusOf(admin, 'closed'),
      closedOutsider: await statusOf(outsider, 'closed'),
      secretAdmin: await statusOf(admin, 'secret'),
      secretReader: await statusOf(secret.reader, 'secret'),
      secretOwner: await statusOf(secret.owner, 'secret'),
    });
    expect(await table()).toEqual({
      author: [200, 200],
      owner: [200, 200],
      reader: [403, 403],
      admin: [200, 200],
      manager: [200, 200],
      closedAuthor: [200, 200],
      // No back door: an admin who is not a member reads neither the post nor its history.
      closedAdmin: [403, 403],
      closedOutsider: [403, 403],
      secretAdmin: [404, 404],
      secretReader: [403, 403],
      secretOwner: [200, 200],
    });
    const detail = async (who: Actor) =>
      (await who.api.get(`/api/v1/threads/${posts.open.thread.id}`)).json().editHistory;
    expect([await detail(open.author), await detail(open.reader), await detail(open.owner)]).toEqual([
      'own',
      'own',
      'all',
    ]);

    const settings = await admin.api.patch('/api/v1/settings', { editHistoryForReaders: true });
    expect(settings.json().editHistoryForReaders).toBe(true);
    expect(await table()).toMatchObject({
      reader: [200, 200],
      secretReader: [200, 200],
      closedAdmin: [403, 403],
      closedOutsider: [403, 403],
      secretAdmin: [404, 404],
    });
    expect(await detail(open.reader)).toBe('all');
    await admin.api.patch('/api/v1/settings', { editHistoryForReaders: false });
    expect(await statusOf(open.reader, 'open')).toEqual([403, 403]);
  });

  it("shows a removed post's history to nobody, and a hidden one's to its author and moderators", async () => {
    const { author, owner, reader, community } = await place();
    const thread = await buildThread(ctx.db.pool, { author, community, body: 'v1' });
    await author.api.patch(`/api/v1/threads/${thread.id}`, { body: 'v2' });
    await ctx.db.pool.query(
      "update threads set deleted_at = now(), deleted_by = $2, moderation_state = 'hidden' where id = $1",
      [thread.id, owner.id],
    );
    const admin = await person({ role: 'admin' });
    await admin.api.patch('/api/v1/settings', { editHistoryForReaders: true });
    expect((await history(author, `/api/v1/threads/${thread.id}/history`)).body.items).toHaveLength(1);
    expect((await history(owner, `/api/v1/threads/${thread.id}/history`)).status).toBe(200);
    // A hidden post is out of every reader's view, so its history is too, whatever the organisation allows.
    expect((await history(reader, `/api/v1/threads/${thread.id}/history`)).status).toBe(403);
    await admin.api.patch('/api/v1/settings', { editHistoryForReaders: false });

    const other = await buildThread(ctx.db.pool, { author, community });
    const mine = await buildReply(ctx.db.pool, { thread: other, author, body: 'r1' });
    await author.api.patch(`/api/v1/replies/${mine.id}`, { body: 'r2' });
    expect((await author.api.delete(`/api/v1/replies/${mine.id}`)).statusCode).toBe(204);
    for (const who of [author, owner]) {
      const refused = await history(who, `/api/v1/replies/${mine.id}/history`);
      expect(refused.status).toBe(403);
    }
    expect((await history(author, '/api/v1/replies/999999999/history')).status).toBe(404);
  });

  it(`keeps at most ${EDIT_HISTORY.keptVersions} versions per post, and every one while a legal hold covers it`, async () => {
    const { author, owner, community } = await place();
    const thread = await buildThread(ctx.db.pool, { author, community, body: 'v0' });
    const edit = (n: number) =>
      editThreadText(
        ctx.db.pool,
        thread.id,
        { title: thread.title, bodyMd: `v${n}`, bodyHtml: `<p>v${n}</p>` },
        { at: new Date(at(n)), by: author.id },
      );
    const kept = async () =>
      (
        await ctx.db.pool.query<{ n: number; oldest: string }>(
          `select count(*)::int as n,
                  (select body_md from post_versions where thread_id = $1 order by id limit 1) as oldest
             from post_versions where thread_id = $1`,
          [thread.id],
        )
      ).rows[0]!;
    const limit = EDIT_HISTORY.keptVersions;
    for (let n = 1; n <= limit + 2; n++) await edit(n);
    // limit + 2 edits replaced v0 … v(limit + 1); the two oldest went.
    expect(await kept()).toEqual({ n: limit, oldest: 'v2' });

    const hold = await ctx.db.pool.query<{ id: string }>(
      `insert into legal_holds (target_type, community_id, reason, placed_by) values ('community', $1, 'case', $2)
       returning id`,
      [community.id, owner.id],
    );
    for (let n = limit + 3; n <= limit + 5; n++) await edit(n);
    expect(await kept()).toEqual({ n: limit + 3, oldest: 'v2' });
    await ctx.db.pool.query('update legal_holds set released_at = now() where id = $1', [hold.rows[0]!.id]);
    await edit(limit + 6);
    expect(await kept()).toEqual({ n: limit, oldest: 'v6' });
  });
});
