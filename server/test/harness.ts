import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import { type Clock, systemClock } from '../platform/clock.js';
import { type Database, openDatabase } from '../platform/db/database.js';
import { migrate } from '../platform/db/migrate.js';
import { freshDatabase } from './fresh-database.js';

export const TEST_MAIL_SECRET = 'plein-test-mail-secret-0123456789abcdef';
export const TEST_INBOUND_SECRET = 'plein-test-inbound-secret-0123456789abcdef';

/** The engine under test: the PostgreSQL server when DATABASE_URL is set, otherwise in-memory PGlite. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({
    DATABASE_URL: process.env.DATABASE_URL,
    PLEIN_DATA_DIR: 'memory://',
    PLEIN_DEMO: '0',
    PLEIN_LOG_LEVEL: 'silent',
    // Tests pose as different addresses with X-Forwarded-For.
    PLEIN_TRUST_PROXY: '1',
    // Fixed, so a test can sign the tokens a mail would carry (unsubscribe links, reply addresses).
    PLEIN_MAIL_SECRET: TEST_MAIL_SECRET,
    PLEIN_MAIL_INBOUND_SECRET: TEST_INBOUND_SECRET,
    // Uploaded files of this worker's tests, in a folder of its own.
    PLEIN_FILES_DIR: join(tmpdir(), `plein-test-files-${process.pid}`),
  });
  return { ...base, ...overrides };
}

let shared: Promise<Database> | null = null;

/** One migrated database per worker (PGlite takes seconds to start), shared by every test file in it. */
export function testDatabase(): Promise<Database> {
  shared ??= (async () => {
    const db = await openDatabase(testConfig().database);
    await migrate(db.pool);
    return db;
  })();
  return shared;
}

/**
 * A fresh, migrated database of the test file's own (PGlite in memory, or a new database on the server), for a test
 * that reads the whole organisation: it should neither pay for nor count every earlier file's rows.
 */
export async function ownTestDatabase(): Promise<{ db: Database; close: () => Promise<void> }> {
  const fresh = await freshDatabase();
  const db = await openDatabase(fresh.database);
  await migrate(db.pool);
  return {
    db,
    close: async () => {
      await db.close();
      await fresh.drop();
    },
  };
}

/** A Plein app on the shared database (or `db`); give a clock to control time. */
export async function testApp(options: { clock?: Clock; config?: Partial<Config>; db?: Database } = {}) {
  const db = options.db ?? (await testDatabase());
  const { app, deps } = await buildApp({
    config: testConfig(options.config),
    db,
    clock: options.clock ?? systemClock,
    logger: false,
    // Never the developer's web build: whether `npm run build:web` ran must not change what a test sees.
    webRoot: join(tmpdir(), 'plein-no-web-build'),
  });
  await app.ready();
  return { app, deps, db };
}
