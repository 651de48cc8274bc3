import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../platform/db/database.js';
import { buildWorld } from '../../test/authorization/world.js';
import { client } from '../../test/client.js';
import { buildCommunity, buildPerson, tokenFor } from '../../test/factories.js';
import { delivered, readyCursor, streamTestApp } from './stream-test-kit.js';

const kit = streamTestApp();

describe('no leak through the stream (the sweep that leak.test.ts leaves to this module)', () => {
  it('gives outsiders nothing of closed or secret communities, even with stale follows; members get it all', async () => {
    const world = await buildWorld(kit.ctx.db.pool);
    const outsiders = ['nonMember', 'leader', 'admin'] as const;
    const api = (actor: keyof typeof world.credentials) => client(kit.ctx.app, world.credentials[actor]);
    const cursor = readyCursor((await api('member').get('/api/v1/events?once=1')).body);
    for (const place of Object.values(world.places)) {
      for (const actor of outsiders) await kit.follow(place.thread, world.people[actor]);
      const about = { threadId: place.thread.id, communityId: place.community.id };
      await kit.record({ type: 'thread', ...about, payload: { marker: place.marker } });
      await kit.record({ type: 'reply', ...about, payload: { marker: place.marker } });
      await kit.record({
        type: 'notification',
        recipientId: place.member.id,
        ...about,
        payload: { marker: place.marker },
      });
    }
    const { open, closed, secret } = world.places;
    for (const actor of outsiders) {
      const body = (await api(actor).get(`/api/v1/events?once=1&lastEventId=${cursor}`)).body;
      for (const hidden of [closed, secret]) {
        expect(body, actor).not.toContain(hidden.marker);
        expect(body, actor).not.toContain(`"communityId":"${hidden.community.id}"`);
        expect(body, actor).not.toContain(`"threadId":"${hidden.thread.id}"`);
      }
      expect(body, actor).toContain(open.marker); // the open thread's reply: they follow it and may read it
    }
    const memberBody = (await api('member').get(`/api/v1/events?once=1&lastEventId=${cursor}`)).body;
    for (const place of [open, closed, secret]) {
      expect(memberBody.split(place.marker)).toHaveLength(4); // thread, reply (the author follows) and notification
    }
  });
});

describe('resuming with Last-Event-ID', () => {
  it('replays exactly the missed events the reader may see, then goes live', async () => {
    const reader = await buildPerson(kit.ctx.db.pool);
    const secret = await buildCommunity(kit.ctx.db.pool, { visibility: 'secret' });
    const first = await kit.connect(reader);
    const seen = await kit.record({ type: 'notification', recipientId: reader.id });
    await first.next((m) => m.id === seen.id);
    await first.close();

    const missed1 = await kit.record({ type: 'notification', recipientId: reader.id });
    await kit.record({ type: 'notification', recipientId: reader.id, communityId: secret.id });
    await kit.record({ type: 'notification', recipientId: (await buildPerson(kit.ctx.db.pool)).id });
    const missed2 = await kit.record({ type: 'notification', recipientId: reader.id });

    const again = await kit.connect(reader, { lastEventId: seen.id });
    expect(delivered(again.messages)).toEqual([missed1.id, missed2.id]);
    const ready = again.messages.find((m) => m.event === 'ready')!;
    expect(BigInt(ready.id!)).toBeGreaterThanOrEqual(BigInt(missed2.id));
    const live = await kit.record({ type: 'notification', recipientId: reader.id });
    await again.next((m) => m.id === live.id);
    expect(delivered(again.messages)).toEqual([missed1.id, missed2.id, live.id]);
    await again.close();

    // Resuming from the ready event's id (nothing came yet) loses nothing either.
    const later = await kit.record({ type: 'notification', recipientId: reader.id });
    const third = await kit.connect(reader, { lastEventId: live.id });
    expect(delivered(third.messages)).toEqual([later.id]);
    await third.close();
  });

  it('replays through ?lastEventId=&once=1 and closes, for clients that poll', async () => {
    const reader = await buildPerson(kit.ctx.db.pool);
    const api = client(kit.ctx.app, await tokenFor(kit.ctx.db.pool, reader));
    const start = (await api.get('/api/v1/events?once=1')).body;
    const cursor = readyCursor(start);
    const missed = await kit.record({ type: 'notification', recipientId: reader.id });
    const response = await api.get(`/api/v1/events?once=1&lastEventId=${cursor}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(response.body).toContain(`id: ${missed.id}\nevent: notification\n`);
    expect(response.body).toMatch(/event: ready\n/);
    // The header wins over the query: an EventSource reconnecting keeps its first URL.
    const byHeader = await api.get(`/api/v1/events?once=1&lastEventId=${cursor}`, {
      headers: { 'last-event-id': missed.id },
    });
    expect(byHeader.body).not.toContain(`id: ${missed.id}\nevent: notification`);
  });

  it('says resync when asked to resume after an id it never gave out', async () => {
    const reader = await buildPerson(kit.ctx.db.pool);
    const api = client(kit.ctx.app, await tokenFor(kit.ctx.db.pool, reader));
    const response = await api.get('/api/v1/events?once=1&lastEventId=999999999999999');
    expect(response.body).toContain('event: resync\ndata: {"reason":"unknown_event_id"}');
  });

  it('says resync instead of replaying more than 500 missed events', async () => {
    const reader = await buildPerson(kit.ctx.db.pool);
    const api = client(kit.ctx.app, await tokenFor(kit.ctx.db.pool, reader));
    const cursor = readyCursor((await api.get('/api/v1/events?once=1')).body);
    await inTransaction(kit.ctx.db.pool, async (tx) => {
      for (let i = 0; i < 501; i++)
        await kit.ctx.deps.bus.record(tx, { type: 'notification', recipientId: reader.id });
    });
    const body = (await api.get(`/api/v1/events?once=1&lastEventId=${cursor}`)).body;
    expect(body).toContain('"reason":"too_many_missed"');
    expect(body).not.toContain('event: notification');
    // 500 exactly still replays.
    const { rows } = await kit.ctx.db.pool.query<{ id: string }>(
      'select id from events where recipient_id = $1 order by id limit 1',
      [reader.id],
    );
    const fromFirst = (await api.get(`/api/v1/events?once=1&lastEventId=${rows[0]!.id}`)).body;
    expect(fromFirst.match(/event: notification/g)).toHaveLength(500);
    expect(fromFirst).not.toContain('resync');
  });

  it('says resync when the missed events are older than the replay window', async () => {
    const reader = await buildPerson(kit.ctx.db.pool);
    const api = client(kit.ctx.app, await tokenFor(kit.ctx.db.pool, reader));
    const cursor = readyCursor((await api.get('/api/v1/events?once=1')).body);
    const old = await kit.record({ type: 'notification', recipientId: reader.id });
    await kit.ctx.db.pool.query("update events set created_at = now() - interval '4 days' where id = $1", [
      old.id,
    ]);
    try {
      const body = (await api.get(`/api/v1/events?once=1&lastEventId=${cursor}`)).body;
      expect(body).toContain('"reason":"too_old"');
      expect(body).not.toContain('event: notification');
    } finally {
      await kit.ctx.db.pool.query('update events set created_at = now() where id = $1', [old.id]);
    }
  });

  it('rejects a Last-Event-ID that is not an event id, naming it', async () => {
    const api = client(kit.ctx.app, await tokenFor(kit.ctx.db.pool, await buildPerson(kit.ctx.db.pool)));
    const response = await api.get('/api/v1/events?once=1', { headers: { 'last-event-id': 'abc' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'Last-Event-ID' })]);
    const byQuery = await api.get('/api/v1/events?once=1&lastEventId=-1');
    expect(byQuery.statusCode).toBe(400);
    expect(JSON.stringify(byQuery.json().errors)).toContain('lastEventId');
  });
});
