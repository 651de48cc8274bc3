import type { FastifyBaseLogger } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import type { Config } from './config.js';
import { DEMO_PASSWORD } from './demo/organisation.js';
import { openDatabase, type Queryable } from './platform/db/database.js';
import { migrate } from './platform/db/migrate.js';
import type { Deps } from './platform/http/deps.js';
import { client } from './test/client.js';
import { buildPerson, unique } from './test/factories.js';
import { freshDatabase } from './test/fresh-database.js';
import { testApp, testConfig } from './test/harness.js';
import { rowCounts } from './test/row-counts.js';

/** A logger that keeps what was logged at info level, to check what an operator sees. */
function recordingLogger() {
  const lines: { data: Record<string, unknown>; message: string }[] = [];
  const ignore = () => {};
  const log = {
    level: 'info',
    info: (data: Record<string, unknown>, message: string) => lines.push({ data, message }),
    warn: ignore,
    error: ignore,
    fatal: ignore,
    debug: ignore,
    trace: ignore,
    silent: ignore,
    child: () => log,
  };
  return { log: log as unknown as FastifyBaseLogger, lines };
}

const withConfig = (deps: Deps, config: Partial<Config>, log = deps.log): Deps => ({
  ...deps,
  config: { ...deps.config, ...config },
  log,
});

const peopleWithEmail = async (db: Queryable, email: string) =>
  (
    await db.query<{ name: string; role: string; password_hash: string; updated_at: Date }>(
      'select name, role, password_hash, updated_at from people where lower(email) = lower($1)',
      [email],
    )
  ).rows;

describe('the configured admin (PLEIN_ADMIN_EMAIL, PLEIN_ADMIN_PASSWORD)', () => {
  let ctx: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    ctx = await testApp();
  });

  it('is created once, can sign in as an admin, and a second start neither duplicates nor changes them', async () => {
    const email = `${unique('admin')}@example.test`;
    const password = 'first admin password';
    const { log, lines } = recordingLogger();
    await bootstrap(withConfig(ctx.deps, { admin: { email, password }, demo: false }, log));
    expect(lines.map((line) => line.message)).toEqual(['admin created']);
    const [created] = await peopleWithEmail(ctx.db.pool, email);
    expect(created).toMatchObject({ name: 'Administrator', role: 'admin' });

    const login = await client(ctx.app).post('/api/v1/auth/login', { email, password });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().person.role).toBe('admin');

    // A later start with another password leaves the existing admin alone: the password is theirs now.
    await bootstrap(
      withConfig(ctx.deps, { admin: { email: email.toUpperCase(), password: 'another password!' } }),
    );
    expect(await peopleWithEmail(ctx.db.pool, email)).toEqual([created]);
    expect((await client(ctx.app).post('/api/v1/auth/login', { email, password })).statusCode).toBe(200);
  });

  it('is created once when two nodes start at the same moment', async () => {
    const email = `${unique('admin')}@example.test`;
    const deps = withConfig(ctx.deps, { admin: { email, password: 'simultaneous start' }, demo: false });
    await Promise.all([bootstrap(deps), bootstrap(deps)]);
    expect(await peopleWithEmail(ctx.db.pool, email)).toHaveLength(1);
  });

  it('does nothing when not configured', async () => {
    const before = await rowCounts(ctx.db.pool);
    await bootstrap(withConfig(ctx.deps, { admin: null, demo: false }));
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });
});

describe('the demo organisation (PLEIN_DEMO)', () => {
  /** Runs fn against an app on an empty, migrated database of its own. */
  async function onFreshDatabase(fn: (deps: Deps, db: Queryable) => Promise<void>) {
    const fresh = await freshDatabase();
    const db = await openDatabase(fresh.database);
    const { app, deps } = await buildApp({ config: testConfig(), db, logger: false });
    try {
      await migrate(db.pool);
      await fn(deps, db.pool);
    } finally {
      await app.close();
      await db.close();
      await fresh.drop();
    }
  }

  it('is seeded into an empty database once, with the admin beside it, even when two nodes start together', async () => {
    await onFreshDatabase(async (deps, db) => {
      const { log, lines } = recordingLogger();
      const admin = { email: 'it@example.test', password: 'admin of the demo' };
      const starting = withConfig(deps, { demo: true, admin }, log);
      await Promise.all([bootstrap(starting), bootstrap(starting)]);

      const counts = await rowCounts(db);
      const seededLines = lines.filter((line) => line.message.startsWith('demo organisation created'));
      expect(seededLines).toHaveLength(1);
      // The log line tells an operator how to sign in as a demo person, and what was made.
      expect(seededLines[0]!.message).toContain(DEMO_PASSWORD);
      const made = seededLines[0]!.data as { people: number; communities: number; threads: number };
      expect(made).toMatchObject({ password: DEMO_PASSWORD });
      expect(counts).toMatchObject({
        people: made.people + 1,
        communities: made.communities,
        threads: made.threads,
      });
      expect(made.people).toBeGreaterThan(500);
      expect(await peopleWithEmail(db, admin.email)).toHaveLength(1);

      await bootstrap(starting);
      expect(await rowCounts(db)).toEqual(counts);
    });
  }, 600_000); // seeds the whole demo organisation: 10 s on a quiet machine, minutes on a busy one

  it('is not seeded when PLEIN_DEMO is off, nor into a database that already has people', async () => {
    await onFreshDatabase(async (deps, db) => {
      await bootstrap(withConfig(deps, { demo: false, admin: null }));
      expect(await rowCounts(db)).toMatchObject({ people: 0, communities: 0 });

      await buildPerson(db);
      await bootstrap(withConfig(deps, { demo: true, admin: null }));
      expect(await rowCounts(db)).toMatchObject({ people: 1, communities: 0, threads: 0 });
    });
  });
});
