import { readdirSync, readFileSync } from 'node:fs';
import type pg from 'pg';
import { inProject } from '../project-root.js';
import { inTransaction } from './database.js';

const migrationsDir = inProject('server', 'platform', 'db', 'migrations');
// Any constant: nodes starting together take turns instead of racing to migrate.
const MIGRATION_LOCK = 7_215_001;

export type Migration = { name: string; sql: string };

export function readMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((name) => ({ name, sql: readFileSync(`${dir}/${name}`, 'utf8') }));
}

/** Applies the migrations not yet recorded, all in one transaction; returns their names. */
export async function migrate(pool: pg.Pool, migrations = readMigrations()): Promise<string[]> {
  return inTransaction(pool, async (client) => {
    await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
    );
    const done = new Set(
      (await client.query<{ name: string }>('select name from schema_migrations')).rows.map(
        (row) => row.name,
      ),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      await client.query(migration.sql);
      await client.query('insert into schema_migrations (name) values ($1)', [migration.name]);
      applied.push(migration.name);
    }
    return applied;
  });
}
