import { beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import {
  buildCommunity,
  buildPerson,
  buildReply,
  buildThread,
  sessionFor,
  type TestPerson,
  unique,
} from '../../test/factories.js';
import { testApp } from '../../test/harness.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  ctx = await testApp();
});

const as = async (person: TestPerson) => client(ctx.app, await sessionFor(ctx.db.pool, person));

/** An open community with an owner, a member who posts, a thread of theirs with a word only it holds. */
async function scene(visibility: 'open' | 'closed' | 'secret' = 'open') {
  const owner = await buildPerson(ctx.db.pool, { name: 'Olga Owner' });
  const author = await buildPerson(ctx.db.pool, { name: 'Arie Author' });
  const reader = await buildPerson(ctx.db.pool, { name: 'Rita Reader' });
  const community = await buildCommunity(ctx.db.pool, {
    visibility,
    owners: [owner],
    members: [author, reader],
  });
  const marker = unique('zeldzaam').replaceAll('-', '');
  const thread = await buildThread(ctx.db.pool, {
    author,
    community,
    title: `Over ${marker}`,
    body: `Tekst met ${marker}`,
  });
  return { owner, author, reader, community, thread, marker };
}

async function reportThread(reporter: TestPerson, threadId: string, note = 'Dit hoort hier niet') {
  const response = await (await as(reporter)).post('/api/v1/reports', {
    targetType: 'thread',
    targetId: threadId,
    reason: 'harassment',
    note,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

describe('reports and the moderation queue', () => {
  it("puts a report in its community owners' queue and the admins', and once per reporter", async () => {
    const { owner, reader, thread, community } = await scene();
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    const id = await reportThread(reader, thread.id);
    expect(await reportThread(reader, thread.id)).toBe(id);

    const ownerQueue = (
      await (await as(owner)).get(`/api/v1/moderation/queue?community=${community.slug}`)
    ).json();
    expect(ownerQueue.items).toHaveLength(1);
    expect(ownerQueue.items[0]).toMatchObject({
      id,
      kind: 'report',
      reason: 'harassment',
      note: 'Dit hoort hier niet',
      reporter: { handle: reader.handle },
      where: { community: { slug: community.slug }, hiddenCommunity: false },
      content: { threadId: thread.id, title: thread.title, state: null },
      actions: ['dismiss', 'hide', 'remove'],
    });
    const adminItem = (await (await as(admin)).get('/api/v1/moderation/queue?limit=100')).json().items;
    expect(adminItem.find((item: { id: string }) => item.id === id).actions).toEqual([
      'dismiss',
      'hide',
      'remove',
      'warn',
      'suspend',
    ]);
  });

  it('refuses the queue to people who moderate nothing, and reports of what one cannot read', async () => {
    const { reader, community } = await scene('secret');
    const outsider = await buildPerson(ctx.db.pool);
    expect((await (await as(reader)).get('/api/v1/moderation/queue')).statusCode).toBe(403);
    const secretThread = await buildThread(ctx.db.pool, { author: reader, community });
    const refused = await (await as(outsider)).post('/api/v1/reports', {
      targetType: 'thread',
      targetId: secretThread.id,
      reason: 'spam',
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
  });

  it('shows an admin outside a closed community only that a report exists and where; a secret one unnamed', async () => {
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    const closed = await scene('closed');
    const secret = await scene('secret');
    const closedId = await reportThread(closed.reader, closed.thread.id, `quote ${closed.marker}`);
    const secretId = await reportThread(secret.reader, secret.thread.id, `quote ${secret.marker}`);
    const response = await (await as(admin)).get('/api/v1/moderation/queue?limit=100');
    const items = response.json().items as { id: string }[];
    const closedItem = items.find((item) => item.id === closedId);
    const secretItem = items.find((item) => item.id === secretId);
    expect(closedItem).toMatchObject({
      where: { community: { slug: closed.community.slug }, hiddenCommunity: false },
      content: null,
      person: null,
      reporter: null,
      note: '',
      actions: [],
    });
    expect(secretItem).toMatchObject({ where: { community: null, hiddenCommunity: true }, content: null });
    // Nothing of either post, its people or the secret community's name reaches the admin.
    for (const text of [closed.marker, secret.marker, secret.community.name, secret.author.handle]) {
      expect(response.body).not.toContain(text);
    }
    const act = await (await as(admin)).post(`/api/v1/reports/${closedId}/actions`, {
      action: 'hide',
      reason: 'harassment',
    });
    expect(act.statusCode).toBe(403);
    expect(act.json().detail).toMatch(/cannot read/);
    const thread = await ctx.db.pool.query('select deleted_at from threads where id = $1', [
      closed.thread.id,
    ]);
    expect(thread.rows[0].deleted_at).toBeNull();
  });
});

describe('hide → appeal → restore', () => {
  it('hides a thread from everyone but its author and moderators, in lists, search and counts', async () => {
    const { owner, author, reader, community, thread, marker } = await scene();
    const reply = await buildReply(ctx.db.pool, { thread, author: reader, body: `Antwoord ${marker}` });
    const id = await reportThread(reader, thread.id);
    const hidden = await (await as(owner)).post(`/api/v1/reports/${id}/actions`, {
      action: 'hide',
      reason: 'harassment',
      note: 'Persoonlijke aanval',
    });
    expect(hidden.statusCode, hidden.body).toBe(201);

    const readerApi = await as(reader);
    const list = (await readerApi.get(`/api/v1/groups/${community.slug}/threads`)).json();
    expect(list.items.map((item: { id: string }) => item.id)).not.toContain(thread.id);
    const search = await readerApi.get(`/api/v1/search?q=${marker}`);
    expect(search.statusCode).toBe(200);
    expect(search.json().items.map((item: { id: string }) => item.id)).not.toContain(thread.id);
    const forReader = (await readerApi.get(`/api/v1/threads/${thread.id}`)).json();
    expect(forReader).toMatchObject({ removed: true, title: '', bodyHtml: '', moderation: null });

    for (const person of [author, owner]) {
      const seen = (await (await as(person)).get(`/api/v1/threads/${thread.id}`)).json();
      expect(seen).toMatchObject({ removed: false, title: thread.title, moderation: 'hidden' });
      expect(seen.bodyHtml).toContain(marker);
    }
    // Replies to a hidden thread are as hidden as it is: nobody adds one.
    expect(
      (await readerApi.post(`/api/v1/threads/${thread.id}/replies`, { body: 'nog iets' })).statusCode,
    ).toBe(409);
    expect(reply.id).toBeTruthy();
  });

  it('tells the author why, in the notification, and lets them appeal once; the appeal goes back to the queue', async () => {
    const { owner, author, reader, community, thread } = await scene();
    const id = await reportThread(reader, thread.id);
    const taken = (
      await (
        await as(owner)
      ).post(`/api/v1/reports/${id}/actions`, {
        action: 'hide',
        reason: 'off_topic',
        note: 'Hoort in #kantine',
      })
    ).json();
    const authorApi = await as(author);
    const notifications = (await authorApi.get('/api/v1/notifications')).json().items;
    const notice = notifications.find((item: { kind: string }) => item.kind === 'moderation');
    expect(notice.moderation).toMatchObject({
      actionId: taken.id,
      action: 'hide',
      reason: 'off_topic',
      note: 'Hoort in #kantine',
      threadId: thread.id,
      title: thread.title,
      appealable: true,
    });
    // Someone else cannot appeal for the author.
    const stranger = await (await as(reader)).post(`/api/v1/moderation/actions/${taken.id}/appeal`, {
      statement: 'Namens hem',
    });
    expect(stranger.statusCode).toBe(404);
    const appeal = await authorApi.post(`/api/v1/moderation/actions/${taken.id}/appeal`, {
      statement: 'Het was on-topic: het ging over ons project.',
    });
    expect(appeal.statusCode, appeal.body).toBe(201);
    const again = await authorApi.post(`/api/v1/moderation/actions/${taken.id}/appeal`, {
      statement: 'Nogmaals',
    });
    expect(again.statusCode).toBe(409);

    const queue = (
      await (await as(owner)).get(`/api/v1/moderation/queue?community=${community.slug}`)
    ).json();
    const item = queue.items.find((entry: { kind: string }) => entry.kind === 'appeal');
    expect(item).toMatchObject({
      note: 'Het was on-topic: het ging over ons project.',
      appeal: { actionId: taken.id, action: 'hide', reason: 'off_topic' },
      content: { state: 'hidden' },
      actions: ['restore', 'dismiss'],
    });
    // The original report was answered by the hide: only the appeal is open.
    expect(queue.items.filter((entry: { kind: string }) => entry.kind === 'report')).toHaveLength(0);

    const granted = await (await as(owner)).post(`/api/v1/reports/${item.id}/actions`, {
      action: 'restore',
      reason: 'other',
      note: 'Je hebt gelijk',
    });
    expect(granted.statusCode).toBe(201);
    const back = (await (await as(reader)).get(`/api/v1/threads/${thread.id}`)).json();
    expect(back).toMatchObject({ removed: false, title: thread.title });
    const list = (await (await as(reader)).get(`/api/v1/groups/${community.slug}/threads`)).json();
    expect(list.items.map((entry: { id: string }) => entry.id)).toContain(thread.id);
    const told = (await authorApi.get('/api/v1/notifications')).json().items;
    expect(told[0].moderation).toMatchObject({ action: 'appeal_granted', note: 'Je hebt gelijk' });
  });

  it('hides a reply: the thread counts it out, its author still sees it marked; audited with before and after', async () => {
    const { owner, author, reader, thread } = await scene();
    const reply = await buildReply(ctx.db.pool, { thread, author, body: 'Scheldwoorden' });
    await ctx.db.pool.query('update threads set reply_count = 1 where id = $1', [thread.id]);
    const report = await (await as(reader)).post('/api/v1/reports', {
      targetType: 'reply',
      targetId: reply.id,
      reason: 'hate',
    });
    const taken = await (await as(owner)).post(`/api/v1/reports/${report.json().id}/actions`, {
      action: 'hide',
      reason: 'hate',
    });
    expect(taken.statusCode).toBe(201);
    expect((await (await as(reader)).get(`/api/v1/threads/${thread.id}`)).json().replyCount).toBe(0);
    const forReader = (await (await as(reader)).get(`/api/v1/threads/${thread.id}/replies`)).json().items[0];
    expect(forReader).toMatchObject({ removed: true, bodyHtml: '', moderation: null });
    const forAuthor = (await (await as(author)).get(`/api/v1/threads/${thread.id}/replies`)).json().items[0];
    expect(forAuthor).toMatchObject({ removed: false, moderation: 'hidden' });
    expect(forAuthor.bodyHtml).toContain('Scheldwoorden');

    const { rows } = await ctx.db.pool.query(
      "select actor_id, before, after from audit_entries where action = 'moderation.hide' and target_id = $1",
      [reply.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_id: owner.id,
      before: { state: null, kind: 'report' },
      after: { state: 'hidden', reason: 'hate' },
    });
  });

  it('refuses an action the item does not take, and a second decision, changing nothing', async () => {
    const { owner, reader, thread } = await scene();
    const id = await reportThread(reader, thread.id);
    const ownerApi = await as(owner);
    // Suspending people is the organisation's moderators' work, not an owner's.
    const suspend = await ownerApi.post(`/api/v1/reports/${id}/actions`, {
      action: 'suspend',
      reason: 'spam',
      until: '2099-01-01T00:00:00Z',
    });
    expect(suspend.statusCode).toBe(409);
    expect(
      (await ownerApi.post(`/api/v1/reports/${id}/actions`, { action: 'dismiss', reason: 'other' }))
        .statusCode,
    ).toBe(201);
    const twice = await ownerApi.post(`/api/v1/reports/${id}/actions`, { action: 'hide', reason: 'other' });
    expect(twice.statusCode).toBe(409);
    const { rows } = await ctx.db.pool.query('select deleted_at from threads where id = $1', [thread.id]);
    expect(rows[0].deleted_at).toBeNull();
  });
});
