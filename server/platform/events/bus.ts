import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { Database, Queryable } from '../db/database.js';

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
      const { rows } = await db.query<{ id: string }>(
        `insert into events (type, recipient_id, thread_id, community_id, payload)
         values ($1, $2, $3, $4, $5) returning id`,
        [
          event.type,
          event.recipientId ?? null,
          event.threadId ?? null,
          event.communityId ?? null,
          event.payload ?? {},
        ],
      );
      const signal: EventSignal = {
        id: rows[0]!.id,
        type: event.type,
        recipientId: event.recipientId ?? null,
        threadId: event.threadId ?? null,
        communityId: event.communityId ?? null,
        actorId: event.actorId ?? null,
      };
      if (listener) {
        await db.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(signal)]);
      } else {
        // PGlite has one connection: whoever reacts queries after this transaction has released it.
        setImmediate(() => emitter.emit('event', signal));
      }
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
