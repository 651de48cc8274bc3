import { describe, expect, it } from 'vitest';
import { buildCommunity, buildPerson, buildThread, sessionFor, unique } from '../../test/factories.js';
import { hubFor } from './hub.js';
import { openSse } from './sse-client.js';
import { streamTimings } from './stream.js';
import { data, delivered, streamTestApp } from './stream-test-kit.js';

const kit = streamTestApp();

describe('GET /api/v1/events over a real port', () => {
  it('answers as an event stream that proxies do not buffer', async () => {
    const sse = await kit.connect(await buildPerson(kit.ctx.db.pool));
    expect(sse.response.status).toBe(200);
    expect(sse.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(sse.response.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(sse.response.headers.get('x-accel-buffering')).toBe('no');
    expect(sse.messages[0]!.event).toBe('retry');
    const ready = sse.messages.find((m) => m.event === 'ready')!;
    expect(ready.id).toMatch(/^\d+$/);
    expect(data(ready)).toEqual({ cursor: ready.id });
    await sse.close();
  });

  it('delivers a new notification live, with its id and small fields only', async () => {
    const reader = await buildPerson(kit.ctx.db.pool);
    const author = await buildPerson(kit.ctx.db.pool);
    const community = await buildCommunity(kit.ctx.db.pool, { members: [reader, author] });
    const thread = await buildThread(kit.ctx.db.pool, { author: reader, community });
    const sse = await kit.connect(reader);
    await kit.notifyNow(reader, thread, community.id);
    const message = await sse.next((m) => m.event === 'notification');
    const { rows } = await kit.ctx.db.pool.query<{ id: string }>(
      'select id from notifications where recipient_id = $1',
      [reader.id],
    );
    expect(data(message)).toEqual({
      id: message.id,
      type: 'notification',
      threadId: thread.id,
      communityId: community.id,
      createdAt: expect.stringMatching(/Z$/),
      payload: { notificationId: rows[0]!.id, kind: 'reply_to_thread' },
    });
    await sse.close();
  });

  it('delivers replies in threads I follow, and not in threads I do not', async () => {
    const reader = await buildPerson(kit.ctx.db.pool);
    const community = await buildCommunity(kit.ctx.db.pool);
    const followed = await buildThread(kit.ctx.db.pool, {
      author: await buildPerson(kit.ctx.db.pool),
      community,
    });
    const other = await buildThread(kit.ctx.db.pool, {
      author: await buildPerson(kit.ctx.db.pool),
      community,
    });
    await kit.follow(followed, reader);
    const sse = await kit.connect(reader);
    const unseen = await kit.record({ type: 'reply', threadId: other.id, communityId: community.id });
    const seen = await kit.record({ type: 'reply', threadId: followed.id, communityId: community.id });
    const message = await sse.next((m) => m.event === 'reply');
    expect(message.id).toBe(seen.id);
    expect(data(message)).toMatchObject({ threadId: followed.id, communityId: community.id });
    expect(delivered(sse.messages)).toEqual([seen.id]);
    expect(delivered(sse.messages)).not.toContain(unseen.id);
    await sse.close();
  });

  it('hears replies to a thread I just started at once, without waiting for the next refresh', async () => {
    const reader = await buildPerson(kit.ctx.db.pool);
    const community = await buildCommunity(kit.ctx.db.pool, { members: [reader] });
    const sse = await kit.connect(reader);
    // As the threads module does: the author's own 'thread' event, then (the author now follows it) a reply.
    const thread = await buildThread(kit.ctx.db.pool, { author: reader, community });
    await kit.record({ type: 'thread', threadId: thread.id, communityId: community.id, actorId: reader.id });
    await sse.next((m) => m.event === 'thread');
    const reply = await kit.record({ type: 'reply', threadId: thread.id, communityId: community.id });
    const message = await sse.next((m) => m.event === 'reply');
    expect(message.id).toBe(reply.id);
    await sse.close();
  });

  it('delivers new threads in my communities and company-wide ones, not in others or personal updates', async () => {
    const reader = await buildPerson(kit.ctx.db.pool);
    const author = await buildPerson(kit.ctx.db.pool);
    const mine = await buildCommunity(kit.ctx.db.pool, { members: [reader] });
    const notMine = await buildCommunity(kit.ctx.db.pool);
    const inMine = await buildThread(kit.ctx.db.pool, { author, community: mine });
    const inOther = await buildThread(kit.ctx.db.pool, { author, community: notMine });
    const personal = await buildThread(kit.ctx.db.pool, { author });
    const companyWide = await buildThread(kit.ctx.db.pool, {
      author,
      kind: 'announcement',
      companyWide: true,
    });
    const sse = await kit.connect(reader);
    const skipped = [
      await kit.record({ type: 'thread', threadId: inOther.id, communityId: notMine.id }),
      await kit.record({ type: 'thread', threadId: personal.id, communityId: null }),
      await kit.record({ type: 'other', threadId: inMine.id, communityId: mine.id }),
    ];
    const expected = [
      await kit.record({ type: 'thread', threadId: inMine.id, communityId: mine.id }),
      // As the threads module records it: the thread itself says it is company-wide.
      await kit.record({
        type: 'thread',
        threadId: companyWide.id,
        communityId: null,
        payload: { kind: 'announcement' },
      }),
    ];
    await sse.next((m) => m.id === expected[1]!.id);
    expect(delivered(sse.messages)).toEqual(expected.map((e) => e.id));
    for (const event of skipped) expect(delivered(sse.messages)).not.toContain(event.id);
    await sse.close();
  });

  it('never delivers anything from a secret community I am not in, whoever it is addressed to', async () => {
    const reader = await buildPerson(kit.ctx.db.pool);
    const insider = await buildPerson(kit.ctx.db.pool);
    const marker = unique('secretword').replaceAll('-', '');
    const secret = await buildCommunity(kit.ctx.db.pool, {
      visibility: 'secret',
      members: [insider],
      name: marker,
    });
    const hidden = await buildThread(kit.ctx.db.pool, { author: insider, community: secret, title: marker });
    await kit.follow(hidden, reader); // a follow left over from before, say: it must not open the door
    const open = await buildCommunity(kit.ctx.db.pool, { members: [reader] });
    const visible = await buildThread(kit.ctx.db.pool, { author: insider, community: open });
    const sse = await kit.connect(reader);
    const leaks = [
      await kit.record({
        type: 'thread',
        threadId: hidden.id,
        communityId: secret.id,
        payload: { title: marker },
      }),
      await kit.record({
        type: 'reply',
        threadId: hidden.id,
        communityId: secret.id,
        payload: { title: marker },
      }),
      // A careless caller notifying someone who may not read the thread: the stream still holds it back.
      await kit.record({
        type: 'notification',
        recipientId: reader.id,
        threadId: hidden.id,
        communityId: secret.id,
        payload: { title: marker },
      }),
      await kit.record({
        type: 'notification',
        recipientId: reader.id,
        threadId: hidden.id,
        communityId: null,
        payload: { title: marker },
      }),
      await kit.record({ type: 'notification', recipientId: insider.id, payload: { title: marker } }),
    ];
    const shown = await kit.record({ type: 'thread', threadId: visible.id, communityId: open.id });
    await sse.next((m) => m.id === shown.id);
    expect(delivered(sse.messages)).toEqual([shown.id]);
    for (const leak of leaks) expect(delivered(sse.messages)).not.toContain(leak.id);
    expect(JSON.stringify(sse.messages)).not.toContain(marker);
    await sse.close();
  });

  it('stops delivering a closed community the moment I leave it, though the stream still thinks I am in', async () => {
    const reader = await buildPerson(kit.ctx.db.pool);
    const closed = await buildCommunity(kit.ctx.db.pool, { visibility: 'closed', members: [reader] });
    const open = await buildCommunity(kit.ctx.db.pool, { members: [reader] });
    const author = await buildPerson(kit.ctx.db.pool);
    const inClosed = await buildThread(kit.ctx.db.pool, { author, community: closed });
    const inOpen = await buildThread(kit.ctx.db.pool, { author, community: open });
    const sse = await kit.connect(reader);
    const before = await kit.record({ type: 'thread', threadId: inClosed.id, communityId: closed.id });
    await sse.next((m) => m.id === before.id);
    await kit.ctx.db.pool.query('delete from community_members where community_id = $1 and person_id = $2', [
      closed.id,
      reader.id,
    ]);
    const after = await kit.record({ type: 'thread', threadId: inClosed.id, communityId: closed.id });
    const shown = await kit.record({ type: 'thread', threadId: inOpen.id, communityId: open.id });
    await sse.next((m) => m.id === shown.id);
    expect(delivered(sse.messages)).toEqual([before.id, shown.id]);
    expect(delivered(sse.messages)).not.toContain(after.id);
    await sse.close();
  });

  it('picks up a thread I start following after connecting, at the next refresh', async () => {
    streamTimings.refreshMs = 300;
    const reader = await buildPerson(kit.ctx.db.pool);
    const community = await buildCommunity(kit.ctx.db.pool);
    const thread = await buildThread(kit.ctx.db.pool, {
      author: await buildPerson(kit.ctx.db.pool),
      community,
    });
    const sse = await kit.connect(reader);
    await kit.follow(thread, reader);
    // Its signal passes by a stream that does not know of the follow yet; the refresh reads it.
    const reply = await kit.record({ type: 'reply', threadId: thread.id, communityId: community.id });
    const message = await sse.next((m) => m.id === reply.id, 3_000);
    expect(message.event).toBe('reply');
    expect(delivered(sse.messages)).toEqual([reply.id]);
    await sse.close();
  });

  it('ends the stream when the reader is signed out (token revoked) at the next refresh', async () => {
    streamTimings.refreshMs = 200;
    const reader = await buildPerson(kit.ctx.db.pool);
    const sse = await kit.connect(reader);
    await kit.ctx.db.pool.query('update api_tokens set revoked_at = now() where person_id = $1', [reader.id]);
    await Promise.race([
      sse.done,
      new Promise((_, reject) => setTimeout(() => reject(new Error('stream stayed open')), 3_000)),
    ]);
    expect(sse.ended).toBe(true);
  });

  it('sends a heartbeat comment while nothing happens', async () => {
    streamTimings.heartbeatMs = 100;
    const sse = await kit.connect(await buildPerson(kit.ctx.db.pool));
    const beat = await sse.next((m) => m.event === 'comment', 2_000);
    expect(beat.comment).toBe('keep-alive');
    await sse.close();
  });

  it('accepts the session cookie as well as a Bearer token', async () => {
    const reader = await buildPerson(kit.ctx.db.pool);
    const credentials = (await sessionFor(kit.ctx.db.pool, reader)) as { cookie: string };
    const sse = await openSse(`${kit.base}/api/v1/events`, { cookie: `plein_session=${credentials.cookie}` });
    await sse.next((m) => m.event === 'ready');
    await kit.notifyNow(reader, null, null);
    await sse.next((m) => m.event === 'notification');
    await sse.close();
  });

  it('delivers an event whose transaction committed after a later one had already been sent', async () => {
    const reader = await buildPerson(kit.ctx.db.pool);
    const sse = await kit.connect(reader);
    // The late event's id is taken first (its transaction began first) but it commits after the next one.
    const { rows } = await kit.ctx.db.pool.query<{ id: string }>(
      "select nextval(pg_get_serial_sequence('events', 'id'))::text as id",
    );
    const lateId = rows[0]!.id;
    const early = await kit.record({ type: 'notification', recipientId: reader.id });
    await sse.next((m) => m.id === early.id);
    await kit.ctx.db.pool.query(
      `insert into events (id, type, recipient_id) overriding system value values ($1, 'notification', $2)`,
      [lateId, reader.id],
    );
    hubFor(kit.ctx.deps).dispatch({
      id: lateId,
      type: 'notification',
      recipientId: reader.id,
      threadId: null,
      communityId: null,
    });
    await sse.next((m) => m.id === lateId);
    expect(delivered(sse.messages)).toEqual([early.id, lateId]);
    await sse.close();
  });
});
