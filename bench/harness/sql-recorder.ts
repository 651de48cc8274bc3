/**
 * Records the SQL one real request runs, so the bench can replay exactly that SQL in a bare route (the floor):
 * the difference between the two is what Plein's own code costs. Bench-only: it patches pg's Client.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';

export type RecordedQuery = {
  /** Set for a named (prepared) statement: the floor reuses its plan too, as the endpoint does. */
  name: string | undefined;
  text: string;
  values: unknown[] | undefined;
  /** Queries of one batch were sent while the others were still running (Promise.all in the service). */
  batch: number;
  /** Set inside a transaction: these must run in order on one connection. */
  transaction: number | null;
};

type Recording = {
  queries: RecordedQuery[];
  inflight: number;
  batch: number;
  transactions: Map<object, number>;
};

const storage = new AsyncLocalStorage<Recording>();
let installed = false;

/** Patches pg's Client.query once, so queries issued inside `record` are noted; outside it costs one lookup. */
export function installRecorder(): void {
  if (installed) return;
  installed = true;
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: object, ...args: unknown[]) {
    const recording = storage.getStore();
    if (!recording) return original.apply(this, args);
    const [config, second] = args;
    const text = typeof config === 'string' ? config : (config as { text: string }).text;
    const name = typeof config === 'string' ? undefined : (config as { name?: string }).name;
    const values = Array.isArray(second) ? second : (config as { values?: unknown[] }).values;
    if (recording.inflight === 0) recording.batch++;
    const word = text.trim().toLowerCase();
    if (word === 'begin') recording.transactions.set(this, recording.transactions.size + 1);
    recording.queries.push({
      name,
      text,
      values,
      batch: recording.batch,
      transaction: recording.transactions.get(this) ?? null,
    });
    if (word === 'commit' || word === 'rollback') recording.transactions.delete(this);
    recording.inflight++;
    const done = () => {
      recording.inflight--;
    };
    const callback = args.findIndex((arg) => typeof arg === 'function');
    if (callback >= 0) {
      const given = args[callback] as (...a: unknown[]) => void;
      args[callback] = (...a: unknown[]) => {
        done();
        given(...a);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args) as Promise<unknown>;
    result.then(done, done);
    return result;
  } as typeof pg.Client.prototype.query;
}

const HEADER = 'x-bench-record';
const pending = new Map<string, Recording>();
let recordingPhase = true;

/**
 * Fastify's inject does not carry the caller's async context into the request, so the request enters its
 * recording itself, found by a header, in a hook that runs before every other.
 */
export function recordRequests(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (!recordingPhase) return;
    const id = request.headers[HEADER];
    storage.enterWith(typeof id === 'string' ? pending.get(id)! : (undefined as unknown as Recording));
  });
}

/** Runs one request through the app and returns the SQL it ran; one at a time. */
export async function recordRequest(
  app: FastifyInstance,
  options: InjectOptions,
): Promise<{ response: LightMyRequestResponse; queries: RecordedQuery[] }> {
  const id = String(pending.size + 1);
  const recording: Recording = { queries: [], inflight: 0, batch: 0, transactions: new Map() };
  pending.set(id, recording);
  try {
    const response = await app.inject({ ...options, headers: { ...options.headers, [HEADER]: id } });
    return { response, queries: recording.queries };
  } finally {
    pending.delete(id);
  }
}

/**
 * After the recordings the hook does nothing, and the async context is switched off: while one is enabled, Node 20
 * tracks every promise, which production (no AsyncLocalStorage) does not pay for.
 */
export function stopRecording(): void {
  recordingPhase = false;
  storage.disable();
}

/**
 * Runs recorded SQL again with nothing around it: batches concurrently as they were sent, transactions on
 * one connection. Returns the rows of the last query.
 */
export async function replay(pool: pg.Pool, queries: RecordedQuery[]): Promise<unknown[]> {
  let last: unknown[] = [];
  let pending: Promise<unknown>[] = [];
  let batch = -1;
  let client: pg.PoolClient | null = null;
  try {
    for (const query of queries) {
      if (query.transaction !== null) {
        await Promise.all(pending);
        pending = [];
        client ??= await pool.connect();
        last = (await client.query(asConfig(query))).rows;
        if (/^(commit|rollback)$/i.test(query.text.trim())) {
          client.release();
          client = null;
        }
        continue;
      }
      if (query.batch !== batch) {
        await Promise.all(pending);
        pending = [];
        batch = query.batch;
      }
      pending.push(
        pool.query(asConfig(query)).then((result) => {
          last = result.rows;
        }),
      );
    }
    await Promise.all(pending);
  } finally {
    client?.release();
  }
  return last;
}

const asConfig = ({ name, text, values }: RecordedQuery): pg.QueryConfig =>
  name ? { name, text, values } : { text, values };
