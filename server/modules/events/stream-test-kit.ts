import { afterAll, afterEach, beforeAll } from 'vitest';
import { inTransaction } from '../../platform/db/database.js';
import type { NewEvent } from '../../platform/events/bus.js';
import { type TestPerson, type TestThread, tokenFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { notify } from '../notifications/notify.js';
import { openSse, type SseMessage } from './sse-client.js';
import { streamTimings } from './stream.js';

export type App = Awaited<ReturnType<typeof testApp>>;

/** For the events tests: one app listening on a real port, and what the threads module would do to it. */
export function streamTestApp() {
  const timings = { ...streamTimings };
  const state = { ctx: null as unknown as App, base: '' };

  /** Records an event inside a transaction, as the threads module does. */
  const record = (event: NewEvent, app: App = state.ctx) =>
    inTransaction(app.db.pool, (tx) => app.deps.bus.record(tx, event));

  /** A reply_to_thread notification for the recipient, made through notify() as the threads module does. */
  const notifyNow = (recipient: TestPerson, thread: TestThread | null, communityId: string | null) =>
    inTransaction(state.ctx.db.pool, (tx) =>
      notify(
        tx,
        state.ctx.deps.bus,
        [
          {
            recipientId: recipient.id,
            kind: 'reply_to_thread',
            actorId: null,
            threadId: thread?.id,
            communityId,
          },
        ],
        state.ctx.deps.clock.now(),
      ),
    );

  /** Opens the person's stream (Bearer token) and waits until it is live. */
  const connect = async (person: TestPerson, options: { lastEventId?: string; url?: string } = {}) => {
    const credentials = (await tokenFor(state.ctx.db.pool, person)) as { bearer: string };
    const headers: Record<string, string> = { authorization: `Bearer ${credentials.bearer}` };
    if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
    const sse = await openSse(`${options.url ?? state.base}/api/v1/events`, headers);
    await sse.next((m) => m.event === 'ready');
    return sse;
  };

  const follow = (thread: TestThread, person: TestPerson) =>
    state.ctx.db.pool.query('insert into thread_follows (thread_id, person_id) values ($1, $2)', [
      thread.id,
      person.id,
    ]);

  beforeAll(async () => {
    state.ctx = await testApp();
    state.base = await state.ctx.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(() => {
    Object.assign(streamTimings, timings);
  });
  afterAll(async () => {
    await state.ctx.app.close();
  });
  return Object.assign(state, { record, notifyNow, connect, follow });
}

export const data = (message: SseMessage) => JSON.parse(message.data);

/** The ids of the events a stream delivered, leaving out its bookkeeping messages. */
export const delivered = (messages: SseMessage[]) =>
  messages.filter((m) => !['ready', 'retry', 'comment', 'resync'].includes(m.event)).map((m) => m.id);

/** The cursor a `ready` message carries in a raw text/event-stream body. */
export const readyCursor = (body: string) => /id: (\d+)\nevent: ready/.exec(body)![1]!;
