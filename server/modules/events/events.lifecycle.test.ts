import { describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import { buildCommunity, buildPerson, buildThread, tokenFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { hubFor, MAX_STREAMS_PER_PERSON } from './hub.js';
import { data, streamTestApp } from './stream-test-kit.js';

const kit = streamTestApp();

describe('requests that do not stay open', () => {
  it('answers HEAD without leaving a stream open', async () => {
    const reader = await buildPerson(kit.ctx.db.pool);
    const api = client(kit.ctx.app, await tokenFor(kit.ctx.db.pool, reader));
    const response = await api.send('HEAD', '/api/v1/events');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hubFor(kit.ctx.deps).openFor(reader.id)).toEqual([]);
  });

  it('refuses anyone not signed in', async () => {
    const response = await fetch(`${kit.base}/api/v1/events`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});

describe('streams per person', () => {
  it(`keeps at most ${MAX_STREAMS_PER_PERSON} open per person on a node: the oldest yields`, async () => {
    const reader = await buildPerson(kit.ctx.db.pool);
    const streams = [];
    for (let i = 0; i <= MAX_STREAMS_PER_PERSON; i++) streams.push(await kit.connect(reader));
    await streams[0]!.done;
    expect(streams[0]!.ended).toBe(true);
    expect(streams.slice(1).every((sse) => !sse.ended)).toBe(true);
    expect(hubFor(kit.ctx.deps).openFor(reader.id)).toHaveLength(MAX_STREAMS_PER_PERSON);
    await Promise.all(streams.map((sse) => sse.close()));
  });
});

describe('closing the app', () => {
  it('ends open streams promptly, so app.close() and SIGTERM do not hang', async () => {
    const other = await testApp();
    const url = await other.app.listen({ port: 0, host: '127.0.0.1' });
    const readers = [await buildPerson(kit.ctx.db.pool), await buildPerson(kit.ctx.db.pool)];
    const streams = await Promise.all(readers.map((reader) => kit.connect(reader, { url })));
    const started = Date.now();
    await other.app.close();
    // Promptly: well inside the 72 s keep-alive a hanging stream would hold the close for, on however busy a machine.
    expect(Date.now() - started).toBeLessThan(30_000);
    await Promise.all(streams.map((sse) => sse.done));
    expect(streams.every((sse) => sse.ended)).toBe(true);
    expect(hubFor(other.deps).size).toBe(0);
  });
});

describe('two nodes on one database', () => {
  it('delivers an event recorded on one node to a stream open on another', async () => {
    // On a PostgreSQL server: two apps, each with its own LISTEN connection. PGlite is one process, one node.
    const server = kit.ctx.db.engine === 'postgres';
    const nodeA = server ? await testApp() : kit.ctx;
    const nodeB = server ? await testApp() : kit.ctx;
    expect(nodeA.deps.bus === nodeB.deps.bus).toBe(!server);
    const url = server ? await nodeB.app.listen({ port: 0, host: '127.0.0.1' }) : kit.base;
    try {
      const reader = await buildPerson(kit.ctx.db.pool);
      const community = await buildCommunity(kit.ctx.db.pool, { members: [reader] });
      const thread = await buildThread(kit.ctx.db.pool, {
        author: await buildPerson(kit.ctx.db.pool),
        community,
      });
      const sse = await kit.connect(reader, { url });
      const event = await kit.record(
        { type: 'thread', threadId: thread.id, communityId: community.id },
        nodeA,
      );
      const message = await sse.next((m) => m.id === event.id);
      expect(data(message)).toMatchObject({ type: 'thread', threadId: thread.id });
      if (server) expect(hubFor(nodeA.deps).openFor(reader.id)).toEqual([]); // it came across, through PostgreSQL
      await sse.close();
    } finally {
      if (server) await Promise.all([nodeA.app.close(), nodeB.app.close()]);
    }
  });
});
