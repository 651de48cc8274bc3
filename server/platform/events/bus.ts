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

const RECORD_SQL = `insert into events (type, recipient_id, thread_id, community_id, payload)
  values ($1, $2, $3, $4, $5) returning id`;
const RECORD = statement(RECORD_SQL);
// The signal (an EventSignal as JSON) goes out in the same statement: one round trip per event.
const RECORD_AND_SIGNAL = statement(
  `with recorded as (${RECORD_SQL})
   select id, pg_notify($6, json_build_object('id', id::text, 'type', $1::text, 'recipientId', $2::text,
            'threadId', $3::text, 'communityId', $4::text, 'actorId', $7::text)::text) as signalled
     from recorded`,
);

export type EventBus = {
  /** Stores the event in the caller's transaction; every node hears of it once that transaction commits. */
  record(db: Queryable, event: NewEvent): Promise<EventSignal>;
  subscribe(listener: (signal: EventSignal) => void): () => void;
  close(): Promise<void>;
};

/** Events live in the `events` table; PostgreSQL NOTIFY carries the signal across nodes (in-process on PGlite). */
export async function createEventBus(database: Database): Promise<EventBus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const listener: pg.Client | null = await database.listenClient();
  if (listener) {
    listener.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) emitter.emit('event', JSON.parse(message.payload));
    });
    listener.on('error', () => {});
    await listener.query(`listen ${CHANNEL}`);
  }
  return {
    async record(db, event) {
      const { rows } = await db.query<{ id: string }>({
        ...(listener ? RECORD_AND_SIGNAL : RECORD),
        values: [
          event.type,
          event.recipientId ?? null,
          event.threadId ?? null,
          event.communityId ?? null,
          event.payload ?? {},
          ...(listener ? [CHANNEL, event.actorId ?? null] : []),
        ],
      });
      const signal: EventSignal = {
        id: rows[0]!.id,
        type: event.type,
        recipientId: event.recipientId ?? null,
        threadId: event.threadId ?? null,
        communityId: event.communityId ?? null,
        actorId: event.actorId ?? null,
      };
      // PGlite has one connection: whoever reacts queries after this transaction has released it.
      if (!listener) setImmediate(() => emitter.emit('event', signal));
      return signal;
    },
    subscribe(fn) {
      emitter.on('event', fn);
      return () => emitter.off('event', fn);
    },
    async close() {
      emitter.removeAllListeners();
      await listener?.end();
    },
  };
}
