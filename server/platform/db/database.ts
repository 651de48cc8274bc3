import { mkdirSync } from 'node:fs';
import pg from 'pg';
import type { Config } from '../../config.js';
import './timestamps.js';

/** Anything that runs a query: the pool, or one client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export type Database = {
  engine: 'pglite' | 'postgres';
  pool: pg.Pool;
  /** A dedicated connection for LISTEN; null on PGlite, whose single process needs no cross-node channel. */
  listenClient(): Promise<pg.Client | null>;
  close(): Promise<void>;
};

// Timestamps stay Date objects (timestamps.ts); bigint ids stay strings (JSON ids are strings, DESIGN.md §5).
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export async function openDatabase(database: Config['database']): Promise<Database> {
  if (database.kind === 'server') {
    // JIT compiling and parallel workers pay off for long analytic scans, not for requests: compiling cost seconds
    // on search statements whose never-run fallback branch the planner costs high, and starting two workers cost
    // 20 ms on a search that found nothing — while other requests wait for the same cores.
    const pool = new pg.Pool({
      connectionString: database.url,
      max: 20,
      options: '-c jit=off -c max_parallel_workers_per_gather=0',
    });
    pool.on('error', () => {}); // an idle client's network error is retried on next checkout
    // A checked-out client has no listener of the pool's: without this, a connection lost mid-request (failover,
    // restart, pg_terminate_backend) is an unhandled 'error' event that ends the process. The query in flight fails
    // with the same error, and the pool drops the broken client when it is released.
    pool.on('connect', (client) => client.on('error', () => {}));
    return {
      engine: 'postgres',
      pool,
      listenClient: async () => {
        // TCP keep-alive: a listener whose server vanished without a word is noticed, and listens again.
        const client = new pg.Client({ connectionString: database.url, keepAlive: true });
        await client.connect();
        return client;
      },
      close: () => pool.end(),
    };
  }
  const dataDir = database.dataDir;
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  // Loaded only when used: a node on a PostgreSQL server never holds the embedded engine's code in memory.
  const [{ PGlite }, { pg_trgm }, { createPgConfig }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/node-postgres'),
  ]);
  const lite = await PGlite.create(dataDir, { extensions: { pg_trgm }, relaxedDurability: true });
  const pool = new pg.Pool(createPgConfig(lite));
  return {
    engine: 'pglite',
    pool,
    listenClient: async () => null,
    close: async () => {
      await pool.end();
      await lite.close();
    },
  };
}

const enclosing = new WeakMap<object, pg.PoolClient>();

/**
 * A stand-in for the pool whose every query and transaction runs in `client`'s open transaction: a whole request
 * (its create and its Idempotency-Key) then commits or rolls back as one. `inTransaction` on it nests as a savepoint.
 */
export function poolInTransaction(client: pg.PoolClient): pg.Pool {
  const pool = {
    query: (...args: unknown[]) => (client.query as (...a: unknown[]) => unknown)(...args),
    connect: async () => client,
  } as unknown as pg.Pool;
  enclosing.set(pool, client);
  return pool;
}

/** Runs fn in one transaction on one client; rolls back on any error. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const outer = enclosing.get(pool);
  if (outer) return inSavepoint(outer, fn);
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Inside an enclosing transaction: fn's writes are undone on error, and the enclosing transaction carries on. */
async function inSavepoint<T>(client: pg.PoolClient, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  await client.query('savepoint nested');
  try {
    const result = await fn(client);
    await client.query('release savepoint nested');
    return result;
  } catch (error) {
    await client.query('rollback to savepoint nested').catch(() => {});
    throw error;
  }
}
