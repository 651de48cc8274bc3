import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { Database, Queryable } from '../db/database.js';
import { statement } from '../db/statement.js';

/** What a node learns about a new event: enough to decide, in memory, which open streams it may concern. */
export type EventSignal = {
  id: string;
  type: string;
  recipientId: string | null;
  threadId: string | null;
  communityId: string | null;
  /** Who caused it, when someone did: their own open streams start following what they just joined in. */
  actorId?: string | null;
};

export type NewEvent = {
  type: string;
  recipientId?: string | null;
  threadId?: string | null;
  communityId?: string | null;
  actorId?: string | null;
  payload?: Record<string, unknown>;
};

const CHANNEL = 'plein_events';

// Ids are drawn before the insert, so each row's signal (an EventSignal as JSON) can carry who caused it.
const RECORD_ALL_SQL = `with drawn as (
     select nextval(pg_get_serial_sequence('events', 'id')) as id, e.*
       from unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::jsonb[], $6::bigint[]) with ordinality
         as e(type, recipient_id, thread_id, community_id, payload, actor_id, n)),
   recorded as (
     insert into events (id, type, recipient_id, thread_id, community_id, payload) overriding system value
     select id, type, recipient_id, thread_id, community_id, payload from drawn)`;
const RECORD_ALL = statement(`${RECORD_ALL_SQL} select id from drawn order by n`);
// On a server the signals go out in the same statement: one round trip for any number of events.
const RECORD_ALL_AND_SIGNAL = statement(
  `${RECORD_ALL_SQL}
   select id, pg_notify($7, json_build_object('id', id::text, 'type', type, 'recipientId', recipient_id::text,
            'threadId', thread_id::text, 'communityId', community_id::text, 'actorId', actor_id::text)::text)
     from drawn order by n`,
);

export type EventBus = {
  /** Stores the event in the caller's transaction; every node hears of it once that transaction commits. */
  record(db: Queryable, event: NewEvent): Promise<EventSignal>;
  /** As record, for several events in one statement; the signals come back in the order given. */
  recordAll(db: Queryable, events: NewEvent[]): Promise<EventSignal[]>;
  subscribe(listener: (signal: EventSignal) => void): () => void;
  /** Called when the node listens again after losing its connection: signals sent meanwhile were missed. */
  onResume(listener: () => void): () => void;
  close(): Promise<void>;
};

type Log = { info(object: object, message: string): void; warn(object: object, message: string): void };

/** Waits between attempts to listen again after the connection was lost (a failover takes seconds). */
const RELISTEN_DELAYS_MS = [100, 250, 500, 1_000, 2_000, 5_000];

/** Events live in the `events` table; PostgreSQL NOTIFY carries the signal across nodes (in-process on PGlite). */
export async function createEventBus(database: Database, log?: Log): Promise<EventBus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let listener: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const listen = async (client: pg.Client) => {
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) emitter.emit('event', JSON.parse(message.payload));
    });
    // A failover, restart or pg_terminate_backend ends this connection: listen again on a new one.
    const lost = (error?: Error) => {
      if (closed || listener !== client) return;
      listener = null;
      log?.warn({ err: error }, 'event bus lost its database connection; listening again');
      client.end().catch(() => {});
      relisten(0);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    await client.query(`listen ${CHANNEL}`);
    listener = client;
  };
  const relisten = (attempt: number) => {
    const delay = RELISTEN_DELAYS_MS[Math.min(attempt, RELISTEN_DELAYS_MS.length - 1)]!;
    retry = setTimeout(async () => {
      retry = null;
      let client: pg.Client | null = null;
      try {
        client = await database.listenClient();
        if (!client || closed) return void (await client?.end());
        await listen(client);
        log?.info({ attempts: attempt + 1 }, 'event bus listening again');
        emitter.emit('resumed');
      } catch {
        client?.on('error', () => {});
        client?.end().catch(() => {});
        if (!closed) relisten(attempt + 1);
      }
    }, delay);
    retry.unref();
  };

  const first = await database.listenClient();
  // On a server the signal always goes out with the event, also while this node's own listener is away.
  const onServer = first !== null;
  if (first) await listen(first);
  const recordAll = async (db: Queryable, events: NewEvent[]): Promise<EventSignal[]> => {
    if (events.length === 0) return [];
    const column = <K extends keyof NewEvent>(key: K) => events.map((event) => event[key] ?? null);
    const { rows } = await db.query<{ id: string }>({
      ...(onServer ? RECORD_ALL_AND_SIGNAL : RECORD_ALL),
      values: [
        column('type'),
        column('recipientId'),
        column('threadId'),
        column('communityId'),
        events.map((event) => JSON.stringify(event.payload ?? {})),
        column('actorId'),
        ...(onServer ? [CHANNEL] : []),
      ],
    });
    const signals = events.map(
      (event, i): EventSignal => ({
        id: rows[i]!.id,
        type: event.type,
        recipientId: event.recipientId ?? null,
        threadId: event.threadId ?? null,
        communityId: event.communityId ?? null,
        actorId: event.actorId ?? null,
      }),
    );
    // PGlite has one connection: whoever reacts queries after this transaction has released it.
    if (!onServer) {
      setImmediate(() => {
        for (const signal of signals) emitter.emit('event', signal);
      });
    }
    return signals;
  };
  return {
    async record(db, event) {
      const [signal] = await recordAll(db, [event]);
      return signal!;
    },
    recordAll,
    subscribe(fn) {
      emitter.on('event', fn);
      return () => emitter.off('event', fn);
    },
    onResume(fn) {
      emitter.on('resumed', fn);
      return () => emitter.off('resumed', fn);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      emitter.removeAllListeners();
      const open = listener;
      listener = null;
      await open?.end();
    },
  };
}
