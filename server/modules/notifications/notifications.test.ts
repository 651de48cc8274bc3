import { beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../platform/db/database.js';
import type { EventSignal } from '../../platform/events/bus.js';
import { client } from '../../test/client.js';
import {
  buildCommunity,
  buildPerson,
  buildReply,
  buildThread,
  sessionFor,
  type TestCommunity,
  type TestPerson,
  tokenFor,
} from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { rowCounts } from '../../test/row-counts.js';
import { type NewNotification, notify } from './notify.js';

let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp();
});

/** What the threads module does when someone replies: notify inside the write's transaction. */
const notifyNow = (items: NewNotification[]) =>
  inTransaction(ctx.db.pool, (tx) => notify(tx, ctx.deps.bus, items, ctx.deps.clock.now()));

type Item = {
  id: string;
  kind: string;
  actor: { handle: string } | null;
  thread: { id: string; title: string } | null;
  replyId: string | null;
  community: { slug: string; name: string } | null;
  createdAt: string;
  readAt: string | null;
};

async function asClient(person: TestPerson) {
  return client(ctx.app, await tokenFor(ctx.db.pool, person));
}

/** A reader, an actor and a thread of the reader's in a community both belong to, with one reply by the actor. */
async function scene(visibility: 'open' | 'closed' | 'secret' = 'open') {
  const reader = await buildPerson(ctx.db.pool);
  const actor = await buildPerson(ctx.db.pool);
  const community = await buildCommunity(ctx.db.pool, { visibility, members: [reader, actor] });
  const thread = await buildThread(ctx.db.pool, { author: reader, community, kind: 'question' });
  const reply = await buildReply(ctx.db.pool, { thread, author: actor });
  const about = { threadId: thread.id, replyId: reply.id, communityId: community.id };
  return { reader, actor, community, thread, reply, about };
}

const leave = (community: TestCommunity, person: TestPerson) =>
  ctx.db.pool.query('delete from community_members where community_id = $1 and person_id = $2', [
    community.id,
    person.id,
  ]);

describe('listing my notifications', () => {
  it('lists mine newest first with actor, thread, reply and community, and pages by cursor', async () => {
    const { reader, actor, community, thread, reply, about } = await scene();
    for (const kind of ['mention', 'reply_to_thread', 'reply_to_reply', 'accepted_answer']) {
      await notifyNow([{ recipientId: reader.id, kind, actorId: actor.id, ...about }]);
    }
    const api = await asClient(reader);
    const all = await api.get('/api/v1/notifications');
    expect(all.statusCode).toBe(200);
    const items: Item[] = all.json().items;
    expect(items.map((n) => n.kind)).toEqual([
      'accepted_answer',
      'reply_to_reply',
      'reply_to_thread',
      'mention',
    ]);
    expect(items[0]).toMatchObject({
      actor: { handle: actor.handle },
      thread: { id: thread.id, title: thread.title },
      replyId: reply.id,
      community: { slug: community.slug, name: community.name },
      readAt: null,
    });
    expect(items[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(typeof items[0]!.id).toBe('string');
    expect(all.json().nextCursor).toBeNull();

    const first = await api.get('/api/v1/notifications?limit=3');
    expect(first.json().items.map((n: Item) => n.id)).toEqual(items.slice(0, 3).map((n) => n.id));
    const cursor = first.json().nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const second = await api.get(`/api/v1/notifications?limit=3&cursor=${cursor}`);
    expect(second.json().items.map((n: Item) => n.id)).toEqual([items[3]!.id]);
    expect(second.json().nextCursor).toBeNull();
  });

  it('shows a notification without a thread or actor with nulls', async () => {
    const reader = await buildPerson(ctx.db.pool);
    await notifyNow([{ recipientId: reader.id, kind: 'welcome', actorId: null }]);
    const items: Item[] = (await (await asClient(reader)).get('/api/v1/notifications')).json().items;
    expect(items).toEqual([
      expect.objectContaining({ kind: 'welcome', actor: null, thread: null, community: null }),
    ]);
  });

  it("never shows anyone else's notifications", async () => {
    const { reader, actor, about } = await scene();
    await notifyNow([{ recipientId: reader.id, kind: 'reply_to_thread', actorId: actor.id, ...about }]);
    const other = await buildPerson(ctx.db.pool);
    const theirs = await (await asClient(other)).get('/api/v1/notifications');
    expect(theirs.json().items).toEqual([]);
    expect((await (await asClient(other)).get('/api/v1/notifications/unread-count')).json()).toEqual({
      count: 0,
    });
    expect((await (await asClient(actor)).get('/api/v1/notifications')).json().items).toEqual([]);
  });

  it('filters unread ones with ?unread=1 and counts them', async () => {
    const { reader, actor, about } = await scene();
    await notifyNow([
      { recipientId: reader.id, kind: 'mention', actorId: actor.id, ...about },
      { recipientId: reader.id, kind: 'reply_to_thread', actorId: actor.id, ...about },
    ]);
    const api = await asClient(reader);
    const [newest, older] = (await api.get('/api/v1/notifications')).json().items as Item[];
    expect((await api.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 2 });

    expect((await api.post(`/api/v1/notifications/${older!.id}/read`)).statusCode).toBe(204);
    const unread = (await api.get('/api/v1/notifications?unread=1')).json().items as Item[];
    expect(unread.map((n) => n.id)).toEqual([newest!.id]);
    expect((await api.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 1 });
    const all = (await api.get('/api/v1/notifications')).json().items as Item[];
    expect(all.find((n) => n.id === older!.id)?.readAt).toEqual(expect.any(String));
  });

  it('rejects a cursor it did not give out, naming the field', async () => {
    const api = await asClient(await buildPerson(ctx.db.pool));
    const response = await api.get('/api/v1/notifications?cursor=nonsense');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });
});

describe('marking notifications read', () => {
  it('keeps the first read time when marked again', async () => {
    const { reader, actor, about } = await scene();
    await notifyNow([{ recipientId: reader.id, kind: 'mention', actorId: actor.id, ...about }]);
    const api = await asClient(reader);
    const [item] = (await api.get('/api/v1/notifications')).json().items as Item[];
    await api.post(`/api/v1/notifications/${item!.id}/read`);
    const firstRead = ((await api.get('/api/v1/notifications')).json().items as Item[])[0]!.readAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await api.post(`/api/v1/notifications/${item!.id}/read`)).statusCode).toBe(204);
    expect(((await api.get('/api/v1/notifications')).json().items as Item[])[0]!.readAt).toBe(firstRead);
  });

  it("answers 404 for someone else's notification and changes nothing", async () => {
    const { reader, actor, about } = await scene();
    await notifyNow([{ recipientId: reader.id, kind: 'mention', actorId: actor.id, ...about }]);
    const [item] = (await (await asClient(reader)).get('/api/v1/notifications')).json().items as Item[];
    const intruder = await asClient(actor);
    const before = await rowCounts(ctx.db.pool);
    const response = await intruder.post(`/api/v1/notifications/${item!.id}/read`);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await intruder.post('/api/v1/notifications/999999999999/read')).statusCode).toBe(404);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    const { rows } = await ctx.db.pool.query('select read_at from notifications where id = $1', [item!.id]);
    expect(rows[0].read_at).toBeNull();
  });

  it('rejects an id that is not an id, naming the field', async () => {
    const api = await asClient(await buildPerson(ctx.db.pool));
    const response = await api.post('/api/v1/notifications/abc/read');
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().errors)).toContain('id');
  });

  it('marks all mine read, and only mine', async () => {
    const { reader, actor, about } = await scene();
    const bystander = await buildPerson(ctx.db.pool);
    await notifyNow([
      { recipientId: reader.id, kind: 'mention', actorId: actor.id, ...about },
      { recipientId: reader.id, kind: 'reply_to_thread', actorId: actor.id, ...about },
      { recipientId: bystander.id, kind: 'mention', actorId: actor.id, ...about },
    ]);
    const api = await asClient(reader);
    expect((await api.post('/api/v1/notifications/read-all')).statusCode).toBe(204);
    expect((await api.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await api.get('/api/v1/notifications?unread=1')).json().items).toEqual([]);
    const theirs = await asClient(bystander);
    expect((await theirs.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 1 });
  });

  it('marks only those up to upTo, so one that came meanwhile stays unread', async () => {
    const { reader, actor, about } = await scene();
    await notifyNow([{ recipientId: reader.id, kind: 'mention', actorId: actor.id, ...about }]);
    const api = await asClient(reader);
    const [shown] = (await api.get('/api/v1/notifications')).json().items as Item[];
    await notifyNow([{ recipientId: reader.id, kind: 'reply_to_thread', actorId: actor.id, ...about }]);
    expect((await api.post('/api/v1/notifications/read-all', { upTo: shown!.id })).statusCode).toBe(204);
    const unread = (await api.get('/api/v1/notifications?unread=1')).json().items as Item[];
    expect(unread.map((n) => n.kind)).toEqual(['reply_to_thread']);
  });

  it('refuses a cookie write without the CSRF token, and changes nothing', async () => {
    const { reader, actor, about } = await scene();
    await notifyNow([{ recipientId: reader.id, kind: 'mention', actorId: actor.id, ...about }]);
    const browser = client(ctx.app, await sessionFor(ctx.db.pool, reader));
    const before = await rowCounts(ctx.db.pool);
    const response = await browser.post('/api/v1/notifications/read-all', {}, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect((await browser.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 1 });
    expect((await browser.post('/api/v1/notifications/read-all', {})).statusCode).toBe(204);
    expect((await browser.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });
  });

  it('rejects an unknown field in read-all, naming it', async () => {
    const api = await asClient(await buildPerson(ctx.db.pool));
    const before = await rowCounts(ctx.db.pool);
    const response = await api.post('/api/v1/notifications/read-all', { upTo: 'x' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'upTo' })]);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });
});

describe('notifications about what I can no longer read', () => {
  it.each(['closed', 'secret'] as const)(
    'hides them, title and community and count, once I leave a %s community; shows them again if I return',
    async (visibility) => {
      const { reader, actor, community, thread, about } = await scene(visibility);
      await notifyNow([{ recipientId: reader.id, kind: 'reply_to_thread', actorId: actor.id, ...about }]);
      const api = await asClient(reader);
      const before = (await api.get('/api/v1/notifications')).json();
      expect(before.items).toHaveLength(1);
      expect(JSON.stringify(before)).toContain(thread.title);

      await leave(community, reader);
      const after = await api.get('/api/v1/notifications');
      expect(after.json().items).toEqual([]);
      expect(after.body).not.toContain(thread.title);
      expect(after.body).not.toContain(community.slug);
      expect((await api.get('/api/v1/notifications?unread=1')).json().items).toEqual([]);
      expect((await api.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });

      await ctx.db.pool.query('insert into community_members (community_id, person_id) values ($1, $2)', [
        community.id,
        reader.id,
      ]);
      expect((await api.get('/api/v1/notifications')).json().items).toHaveLength(1);
    },
  );

  it('keeps showing them after leaving an open community, which anyone may read', async () => {
    const { reader, actor, community, thread, about } = await scene('open');
    await notifyNow([{ recipientId: reader.id, kind: 'reply_to_thread', actorId: actor.id, ...about }]);
    await leave(community, reader);
    const items = (await (await asClient(reader)).get('/api/v1/notifications')).json().items as Item[];
    expect(items.map((n) => n.thread?.title)).toEqual([thread.title]);
  });

  it('hides them once the thread is deleted', async () => {
    const { reader, actor, thread, about } = await scene('open');
    await notifyNow([{ recipientId: reader.id, kind: 'reply_to_thread', actorId: actor.id, ...about }]);
    await ctx.db.pool.query('update threads set deleted_at = now() where id = $1', [thread.id]);
    const api = await asClient(reader);
    expect((await api.get('/api/v1/notifications')).json().items).toEqual([]);
    expect((await api.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });
  });

  it('pages correctly past hidden ones', async () => {
    const { reader, actor, about } = await scene('open');
    const secret = await scene('secret');
    await ctx.db.pool.query('insert into community_members (community_id, person_id) values ($1, $2)', [
      secret.community.id,
      reader.id,
    ]);
    await notifyNow([{ recipientId: reader.id, kind: 'mention', actorId: actor.id, ...about }]);
    await notifyNow([{ recipientId: reader.id, kind: 'mention', actorId: actor.id, ...secret.about }]);
    await notifyNow([{ recipientId: reader.id, kind: 'reply_to_thread', actorId: actor.id, ...about }]);
    await leave(secret.community, reader);
    const api = await asClient(reader);
    const first = (await api.get('/api/v1/notifications?limit=1')).json();
    const second = (await api.get(`/api/v1/notifications?limit=1&cursor=${first.nextCursor}`)).json();
    expect([...first.items, ...second.items].map((n: Item) => n.kind)).toEqual([
      'reply_to_thread',
      'mention',
    ]);
    expect(second.items[0].thread.id).toBe(about.threadId);
  });
});

describe('storing notifications with their events', () => {
  const setKinds = (person: TestPerson, kinds: Record<string, string>) =>
    ctx.db.pool.query(
      `insert into mail_preferences (person_id, kinds, updated_at) values ($1, $2, now())
       on conflict (person_id) do update set kinds = excluded.kinds`,
      [person.id, JSON.stringify(kinds)],
    );

  it('stores each notice once on its channel, and records its event and the caller’s own, each signalled', async () => {
    const { reader, actor, about } = await scene();
    const other = await buildPerson(ctx.db.pool);
    await setKinds(reader, { mention: 'off', reply: 'app' });
    await setKinds(other, { reply: 'email' });
    const heard: EventSignal[] = [];
    const stop = ctx.deps.bus.subscribe((signal) => {
      if (signal.threadId === about.threadId) heard.push(signal);
    });
    const post = {
      type: 'reply',
      actorId: actor.id,
      threadId: about.threadId,
      communityId: about.communityId,
    };
    await inTransaction(ctx.db.pool, (tx) =>
      notify(
        tx,
        ctx.deps.bus,
        [
          { recipientId: reader.id, kind: 'mention', actorId: actor.id, ...about },
          { recipientId: reader.id, kind: 'reply_to_thread', actorId: actor.id, ...about },
          { recipientId: other.id, kind: 'reply_to_reply', actorId: actor.id, ...about },
          { recipientId: other.id, kind: 'reply_to_reply', actorId: actor.id, ...about },
          { recipientId: actor.id, kind: 'mention', actorId: actor.id, ...about },
        ],
        ctx.deps.clock.now(),
        [{ ...post, payload: { replyId: about.replyId } }],
      ),
    );
    // The reader's mention is off, the second reply_to_reply repeats the first, the actor's own never counts.
    const { rows: stored } = await ctx.db.pool.query<{
      id: string;
      who: string;
      kind: string;
      mail: boolean;
    }>(
      `select id::text, recipient_id::text as who, kind, mail_pending as mail from notifications
        where reply_id = $1 order by id`,
      [about.replyId],
    );
    expect(stored.map(({ who, kind, mail }) => ({ who, kind, mail }))).toEqual([
      { who: reader.id, kind: 'reply_to_thread', mail: false },
      { who: other.id, kind: 'reply_to_reply', mail: true },
    ]);
    const { rows: events } = await ctx.db.pool.query<{
      id: string;
      type: string;
      who: string | null;
      payload: object;
    }>(
      `select id::text, type, recipient_id::text as who, payload from events where thread_id = $1 order by id`,
      [about.threadId],
    );
    expect(events.map(({ id: _, ...event }) => event)).toEqual([
      {
        type: 'notification',
        who: reader.id,
        payload: { notificationId: stored[0]!.id, kind: 'reply_to_thread' },
      },
      {
        type: 'notification',
        who: other.id,
        payload: { notificationId: stored[1]!.id, kind: 'reply_to_reply' },
      },
      { type: 'reply', who: null, payload: { replyId: about.replyId } },
    ]);
    // Each signal carries its own event's id, and who caused it only where the caller said so.
    await expect.poll(() => heard.length, { timeout: 5_000 }).toBe(3);
    stop();
    const byId = (a: { id: string }, b: { id: string }) => Number(a.id) - Number(b.id);
    expect([...heard].sort(byId)).toEqual([
      {
        id: events[0]!.id,
        type: 'notification',
        recipientId: reader.id,
        threadId: about.threadId,
        communityId: about.communityId,
        actorId: null,
      },
      {
        id: events[1]!.id,
        type: 'notification',
        recipientId: other.id,
        threadId: about.threadId,
        communityId: about.communityId,
        actorId: null,
      },
      { id: events[2]!.id, ...post, recipientId: null },
    ]);
  });
});
