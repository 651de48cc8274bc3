import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The port of a PostgreSQL cluster the tests may stop and restart (.ci/run creates it), or null. */
export const CLUSTER_PORT = process.env.PLEIN_TEST_CLUSTER_PORT
  ? Number(process.env.PLEIN_TEST_CLUSTER_PORT)
  : null;

export const NO_CLUSTER =
  'needs a PostgreSQL cluster of its own to restart: set PLEIN_TEST_CLUSTER_PORT (.ci/run creates one with ' +
  'pg_createcluster 15 failover -p 5433)';
export const NO_SERVER =
  'needs a PostgreSQL server (PGlite has no connections to cut): set DATABASE_URL or PLEIN_TEST_CLUSTER_PORT';

/** A database on a PostgreSQL server that one test owns: it may cut its connections, or restart the cluster. */
export type OwnedDatabase = {
  url: string;
  /** Environment for a Plein child process on this database. */
  env: Record<string, string>;
  /** Ends every connection to this database but the caller's own; how many it ended. */
  terminateBackends(): Promise<number>;
  /** Stops the cluster at once, as a crash or failover would (only on the test's own cluster). */
  stop(): Promise<void>;
  start(): Promise<void>;
  drop(): Promise<void>;
};

/**
 * A new database on the test's own cluster when PLEIN_TEST_CLUSTER_PORT is set, otherwise on DATABASE_URL's server
 * (then it cannot be restarted: `restartable` is false). Null when there is neither.
 */
export async function ownedDatabase(): Promise<(OwnedDatabase & { restartable: boolean }) | null> {
  const serverUrl = CLUSTER_PORT
    ? `postgres://postgres@127.0.0.1:${CLUSTER_PORT}/postgres`
    : (process.env.DATABASE_URL ?? null);
  if (!serverUrl) return null;
  // "test" in the name, like every database a test makes.
  const name = `plein_owned_test_${randomBytes(5).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const cluster = CLUSTER_PORT ? await clusterOnPort(CLUSTER_PORT) : null;
  const ctl = async (...args: string[]) => {
    if (!cluster) throw new Error('only the test’s own cluster may be stopped');
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', cluster.version, cluster.name, ...args]);
  };
  return {
    url: url.toString(),
    env: { DATABASE_URL: url.toString() },
    restartable: cluster !== null,
    terminateBackends: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number }>(
          `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
            where datname = $1 and pid <> pg_backend_pid()`,
          [name],
        );
        return rows[0]!.n;
      } finally {
        await client.end();
      }
    },
    stop: () => ctl('stop', '-m', 'immediate'),
    start: () => ctl('start'),
    drop: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

async function clusterOnPort(port: number): Promise<{ version: string; name: string }> {
  const { stdout } = await run('pg_lsclusters', ['--no-header']);
  for (const line of stdout.split('\n')) {
    const [version, name, clusterPort] = line.trim().split(/\s+/);
    if (version && name && Number(clusterPort) === port) return { version, name };
  }
  throw new Error(`PLEIN_TEST_CLUSTER_PORT=${port}, but no PostgreSQL cluster listens there (pg_lsclusters)`);
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
