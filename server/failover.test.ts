import { randomUUID } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSse, type SseConnection } from './modules/events/sse-client.js';
import {
  create,
  newThread,
  postingWorld,
  progressGate,
  type WriteResult,
  withPool,
} from './test/load-writers.js';
import {
  CLUSTER_PORT,
  NO_CLUSTER,
  NO_SERVER,
  type OwnedDatabase,
  ownedDatabase,
} from './test/owned-postgres.js';
import { buildServer, PleinProcess, START_TIMEOUT } from './test/plein-process.js';

const WRITERS = 6;
const MAX_WRITES_PER_WRITER = 60;
const hasServer = CLUSTER_PORT !== null || Boolean(process.env.DATABASE_URL);

let server: Awaited<ReturnType<typeof buildServer>>;
beforeAll(async () => {
  if (hasServer) server = await buildServer('failover-test');
});
afterAll(() => server?.remove());

type Scenario = {
  node: PleinProcess;
  port: number;
  world: Awaited<ReturnType<typeof postingWorld>>;
  results: WriteResult[];
  acked: () => number;
  /** Waits until the writers' results satisfy `condition`; fails if the node died or the writers gave up first. */
  waitFor: (condition: () => boolean) => Promise<void>;
};

/** A node on the owned database with writers posting threads until told to stop; `disrupt` runs meanwhile. */
async function underLoad(
  owned: OwnedDatabase,
  disrupt: (scenario: Scenario, recovered: () => void) => Promise<void>,
): Promise<Scenario & { stream: SseConnection; readyCursor: string }> {
  const node = new PleinProcess(server.file, { ...owned.env, PLEIN_DEMO: '0', PLEIN_LOG_LEVEL: 'info' });
  const port = await node.port();
  const world = await postingWorld(owned.url, WRITERS);
  const stream = await openSse(`http://127.0.0.1:${port}/api/v1/events`, {
    authorization: `Bearer ${world.reader}`,
  });
  const ready = await stream.next((message) => message.event === 'ready');
  const results: WriteResult[] = [];
  const acked = () => results.filter((r) => 'status' in r && r.status === 201).length;
  const gate = progressGate();
  let stopped = false;
  let isRecovered = false;
  const recovered = () => {
    isRecovered = true;
    gate.progress();
  };
  let writersDone = false;
  void node.exited.then(() => gate.progress());
  const waitFor = async (condition: () => boolean) => {
    await gate.until(() => condition() || !node.running || writersDone);
    expect(node.running, `the node exited:\n${node.stderr}`).toBe(true);
    expect(condition(), `the writers stopped first: ${JSON.stringify(results.slice(-WRITERS))}`).toBe(true);
  };
  const writing = Promise.all(
    world.writers.map(async (writer) => {
      for (let i = 0; i < MAX_WRITES_PER_WRITER && !stopped; i++) {
        const result = await create(port, writer, '/api/v1/threads', newThread(world.community));
        results.push(result);
        gate.progress();
        // A client told to come back later does so once the database is back, not in a tight loop.
        if ('status' in result && result.status === 503) await gate.until(() => isRecovered || stopped);
      }
    }),
  ).finally(() => {
    writersDone = true;
    gate.progress();
  });
  const scenario = { node, port, world, results, acked, waitFor };
  try {
    await disrupt(scenario, recovered);
    // The next requests succeed, with no restart of the node.
    const afterRecovery = acked();
    await waitFor(() => acked() >= afterRecovery + 2 * WRITERS);
  } finally {
    stopped = true;
    gate.progress();
    await writing;
  }
  return { ...scenario, stream, readyCursor: ready.id! };
}

/** What every scenario promises: the node lived, every answer was 201 or a 503 problem+json, streams replay. */
async function expectSurvived(scenario: Awaited<ReturnType<typeof underLoad>>) {
  const { node, port, results, world } = scenario;
  expect(node.running).toBe(true);
  expect(results.filter((r) => 'error' in r)).toEqual([]);
  for (const result of results) {
    if (!('status' in result)) continue;
    expect([201, 503]).toContain(result.status);
    if (result.status === 503) expect(result).toMatchObject({ problemJson: true, retryAfter: '5' });
  }
  expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

  // A client reconnecting with Last-Event-ID gets every thread event it missed, from before and after the outage.
  await scenario.stream.close();
  const threadIds = results.flatMap((r) => ('status' in r && r.status === 201 && r.id ? [r.id] : []));
  const replay = await openSse(`http://127.0.0.1:${port}/api/v1/events`, {
    authorization: `Bearer ${world.reader}`,
    'last-event-id': scenario.readyCursor,
  });
  try {
    const seen = () =>
      new Set(replay.events('thread').map((message) => JSON.parse(message.data).threadId as string));
    await replay.next(() => threadIds.every((id) => seen().has(id)), 20_000);
    // And live events flow again: the node listens for them on a new connection.
    const live = await create(port, world.writers[0]!, '/api/v1/threads', newThread(world.community));
    expect(live).toMatchObject({ status: 201 });
    const liveId = (live as { id: string }).id;
    await replay.next(
      (message) => message.event === 'thread' && JSON.parse(message.data).threadId === liveId,
      20_000,
    );
  } finally {
    await replay.close();
  }
}

describe.skipIf(CLUSTER_PORT === null)(`database failover (cluster of the test's own; ${NO_CLUSTER})`, () => {
  let owned: NonNullable<Awaited<ReturnType<typeof ownedDatabase>>>;
  beforeAll(async () => {
    owned = (await ownedDatabase())!;
  });
  afterAll(async () => {
    await owned?.start().catch(() => {});
    await owned?.drop();
  });

  it(
    'a busy node lives through a restart of PostgreSQL: 503s with Retry-After meanwhile, /readyz follows, then all is well',
    async () => {
      let node: PleinProcess | undefined;
      try {
        const scenario = await underLoad(
          owned,
          async ({ node: plein, port, results, acked, waitFor }, recovered) => {
            node = plein;
            const ready = async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
            await waitFor(() => acked() >= 2 * WRITERS);
            await owned.stop();
            await expect.poll(ready, { timeout: 20_000, interval: 100 }).toBe(503);
            await waitFor(() => results.some((r) => 'status' in r && r.status === 503));
            expect(plein.running).toBe(true);
            await owned.start();
            await expect.poll(ready, { timeout: 30_000, interval: 100 }).toBe(200);
            recovered();
          },
        );
        expect(scenario.results.some((r) => 'status' in r && r.status === 503)).toBe(true);
        await expectSurvived(scenario);
      } finally {
        node?.child.kill('SIGKILL');
      }
    },
    START_TIMEOUT * 2,
  );
});

describe.skipIf(!hasServer)(
  `connections cut with pg_terminate_backend (PostgreSQL server only; ${NO_SERVER})`,
  () => {
    let owned: NonNullable<Awaited<ReturnType<typeof ownedDatabase>>>;
    beforeAll(async () => {
      owned = (await ownedDatabase())!;
    });
    afterAll(() => owned?.drop());

    it(
      'a busy node whose every connection is ended three times keeps serving, answering 503 only to what was cut',
      async () => {
        let node: PleinProcess | undefined;
        try {
          const scenario = await underLoad(owned, async ({ node: plein, acked, waitFor }, recovered) => {
            node = plein;
            // The writers retry a 503 at once: the database itself never went away.
            recovered();
            for (let round = 1; round <= 3; round++) {
              await waitFor(() => acked() >= round * 2 * WRITERS);
              expect(await owned.terminateBackends()).toBeGreaterThan(0);
            }
          });
          await expectSurvived(scenario);
        } finally {
          node?.child.kill('SIGKILL');
        }
      },
      START_TIMEOUT * 2,
    );
  },
);

/** A port that was free a moment ago, so a node started again answers where the clients already are. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

type Acknowledged = { kind: 'thread' | 'reply'; id: string; marker: string };

describe.skipIf(!hasServer)(`durability (PostgreSQL server only; ${NO_SERVER})`, () => {
  let owned: NonNullable<Awaited<ReturnType<typeof ownedDatabase>>>;
  beforeAll(async () => {
    owned = (await ownedDatabase())!;
  });
  afterAll(() => owned?.drop());

  it(
    'every acknowledged thread and reply exists exactly once after SIGKILL of the node and cut connections',
    async () => {
      const port = await freePort();
      const env = { ...owned.env, PLEIN_DEMO: '0', PLEIN_LOG_LEVEL: 'info', PORT: String(port) };
      let node = new PleinProcess(server.file, env);
      const nodes = [node];
      try {
        await node.port();
        const world = await postingWorld(owned.url, WRITERS);
        const acknowledged: Acknowledged[] = [];
        const gate = progressGate();
        let stopped = false;
        // While the node is down, clients wait for it to be back instead of spinning.
        let nodeUp: Promise<void> = Promise.resolve();
        let retries = 0;

        /** Sends one create until it is answered 201, retrying with the same Idempotency-Key after any failure. */
        const createOnce = async (writer: (typeof world.writers)[number], path: string, body: object) => {
          const key = randomUUID();
          for (let attempt = 0; attempt < 50; attempt++) {
            const result = await create(port, writer, path, body as Record<string, unknown>, key);
            if ('status' in result && result.status === 201) return result.id!;
            if ('status' in result && result.status !== 503) throw new Error(JSON.stringify(result));
            retries++;
            await nodeUp;
          }
          throw new Error(`no answer for ${path} after 50 attempts`);
        };
        const writing = Promise.all(
          world.writers.map(async (writer) => {
            for (let i = 0; i < MAX_WRITES_PER_WRITER && !stopped; i++) {
              const thread = newThread(world.community);
              const threadId = await createOnce(writer, '/api/v1/threads', thread);
              acknowledged.push({ kind: 'thread', id: threadId, marker: thread.title });
              gate.progress();
              const reply = { body: `Reply ${thread.title}` };
              const replyId = await createOnce(writer, `/api/v1/threads/${threadId}/replies`, reply);
              acknowledged.push({ kind: 'reply', id: replyId, marker: reply.body });
              gate.progress();
            }
          }),
        );
        const more = async (count: number) => {
          const target = acknowledged.length + count;
          await gate.until(() => acknowledged.length >= target);
        };

        await more(2 * WRITERS);
        let up!: () => void;
        nodeUp = new Promise((resolve) => {
          up = resolve;
        });
        node.child.kill('SIGKILL');
        await node.exited;
        node = new PleinProcess(server.file, env);
        nodes.push(node);
        await node.port();
        up();
        await more(2 * WRITERS);
        expect(await owned.terminateBackends()).toBeGreaterThan(0);
        await more(2 * WRITERS);
        stopped = true;
        await writing;

        const { threads, replies, doubled } = await withPool(owned.url, async (pool) => {
          const count = async (sql: string, values: unknown[]) =>
            (await pool.query<{ n: number }>(sql, values)).rows[0]!.n;
          const found = async (kind: Acknowledged['kind']) => {
            const mine = acknowledged.filter((write) => write.kind === kind);
            const table = kind === 'thread' ? 'threads' : 'replies';
            const column = kind === 'thread' ? 'title' : 'body_md';
            return Promise.all(
              mine.map(async (write) => ({
                ...write,
                byId: await count(
                  `select count(*)::int as n from ${table} where id = $1 and ${column} = $2`,
                  [write.id, write.marker],
                ),
                byMarker: await count(`select count(*)::int as n from ${table} where ${column} = $1`, [
                  write.marker,
                ]),
              })),
            );
          };
          const doubledRows = await pool.query(
            `select title from threads where community_id = $1 group by title having count(*) > 1
             union all
             select r.body_md from replies r join threads t on t.id = r.thread_id
              where t.community_id = $1 group by r.body_md having count(*) > 1`,
            [world.community.id],
          );
          return { threads: await found('thread'), replies: await found('reply'), doubled: doubledRows.rows };
        });
        expect(threads.length).toBeGreaterThanOrEqual(3 * WRITERS);
        expect(replies.length).toBeGreaterThanOrEqual(2 * WRITERS);
        for (const write of [...threads, ...replies]) expect(write).toMatchObject({ byId: 1, byMarker: 1 });
        expect(doubled).toEqual([]);
        // The disruptions did hit requests: clients had to retry, and the retries created nothing twice.
        expect(retries).toBeGreaterThan(0);
      } finally {
        for (const plein of nodes) plein.child.kill('SIGKILL');
      }
    },
    START_TIMEOUT * 2,
  );
});
