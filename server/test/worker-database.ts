import pg from 'pg';

/**
 * On a PostgreSQL server each test worker gets a database of its own (the run's database name plus the worker's
 * number), so test files run side by side there as they do on PGlite, and no file sees another worker's rows.
 */
async function openWorkerDatabase(): Promise<void> {
  const base = process.env.DATABASE_URL;
  const worker = process.env.VITEST_POOL_ID;
  if (!base || !worker || process.env.PLEIN_TEST_WORKER_DATABASE) return;
  const url = new URL(base);
  const name = `${url.pathname.slice(1)}_w${worker}`;
  if (!/^[a-z0-9_]*test[a-z0-9_]*$/.test(name))
    throw new Error(`Refusing database "${name}": test databases must have "test" in their name.`);
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    // A worker of an earlier run left its database behind: start from an empty one.
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.PLEIN_TEST_WORKER_DATABASE = name;
}

await openWorkerDatabase();
