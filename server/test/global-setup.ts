import pg from 'pg';
import { migrate } from '../platform/db/migrate.js';

/** On a PostgreSQL server, start every run from an empty schema; PGlite workers start empty anyway. */
export async function setup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const name = new URL(url).pathname.slice(1);
  if (!/test/.test(name))
    throw new Error(`Refusing to wipe database "${name}": test databases must have "test" in their name.`);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await pool.query('drop schema if exists public cascade');
    await pool.query('create schema public');
    // pg-boss keeps its queue in a schema of its own; jobs of an earlier run name mails that no longer exist.
    await pool.query('drop schema if exists pgboss cascade');
    await migrate(pool);
  } finally {
    await pool.end();
  }
}
