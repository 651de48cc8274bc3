import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Config } from '../config.js';

/** An empty database of a test's own: how to reach it in-process and from a child process, and how to drop it. */
export type FreshDatabase = {
  engine: 'pglite' | 'postgres';
  database: Config['database'];
  /** Environment for a child Plein process that should use this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
};

/**
 * On a PostgreSQL server (DATABASE_URL set): a new, uniquely named database beside the test database.
 * On PGlite: in memory, or in a temporary directory when a child process must open it (onDisk).
 */
export async function freshDatabase(options: { onDisk?: boolean } = {}): Promise<FreshDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) return freshServerDatabase(serverUrl);
  if (!options.onDisk) {
    return {
      engine: 'pglite',
      database: { kind: 'embedded', dataDir: 'memory://' },
      env: {},
      drop: async () => {},
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'plein-test-'));
  return {
    engine: 'pglite',
    database: { kind: 'embedded', dataDir: dir },
    env: { PLEIN_DATA_DIR: dir },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function freshServerDatabase(serverUrl: string): Promise<FreshDatabase> {
  // "test" in the name: the same guard worker-database.ts applies before it drops one.
  const name = `plein_test_${randomBytes(5).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    engine: 'postgres',
    database: { kind: 'server', url: url.toString() },
    env: { DATABASE_URL: url.toString() },
    drop: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`),
  };
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
