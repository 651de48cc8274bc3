/**
 * SCIM provisioning at scale: `npx tsx bench/scim.ts [--users 10000] [--database-url postgres://…/bench_scim]`.
 *
 * A Plein node on a fresh PGlite (or the given database, migrated; never `test`) provisions --users people the
 * way Entra ID does on its first cycle: one POST /scim/v2/Users after another, then one PATCH each to set the
 * manager (a tree eight wide), then userName lookups. Lookups are timed at a tenth of the people and at all of
 * them: an index-backed filter costs the same at both. The floor, measured in the same run on the same node:
 * an HTTP round trip that reads one row by primary key (GET /readyz-like), and one bare INSERT into people.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { digest, newSecret } from '../server/platform/auth/secrets.js';
import { openDatabase } from '../server/platform/db/database.js';
import { migrate } from '../server/platform/db/migrate.js';

const { values: options } = parseArgs({
  options: { users: { type: 'string', default: '10000' }, 'database-url': { type: 'string' } },
});
const users = Number(options.users);
const databaseUrl = options['database-url'];
if (databaseUrl && /\/(test|postgres)(\?|$)/.test(databaseUrl))
  throw new Error('Refusing the database test/postgres.');

const config = loadConfig({
  DATABASE_URL: databaseUrl,
  PLEIN_DATA_DIR: mkdtempSync(join(tmpdir(), 'plein-bench-scim-')),
  PLEIN_DEMO: '0',
  PLEIN_LOG_LEVEL: 'warn',
});
const db = await openDatabase(config.database);
await migrate(db.pool);
const { app } = await buildApp({ config, db, logger: false });
app.get('/bench/floor', async () => (await db.pool.query('select id from scim_tokens where id = 1')).rows);
const base = await app.listen({ host: '127.0.0.1', port: 0 });
const token = `plein_scim_${newSecret()}`;
await db.pool.query('insert into scim_tokens (name, token_hash) values ($1, $2)', ['bench', digest(token)]);
const run = newSecret(4)
  .toLowerCase()
  .replace(/[^a-z0-9]/g, 'x');
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };

type Timing = { label: string; ms: number[] };
const timings: Timing[] = [];
async function timed(label: string, n: number, step: (i: number) => Promise<void>): Promise<Timing> {
  const timing = { label, ms: [] as number[] };
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await step(i);
    timing.ms.push(performance.now() - started);
  }
  timings.push(timing);
  return timing;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  expected = 200,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status !== expected)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? {} : ((await response.json()) as Record<string, unknown>);
}

const userName = (i: number) => `user${i}.${run}@bench.example`;
const ids: string[] = [];
const lookups = Math.min(1000, users);
const lookup = (label: string, among: number) =>
  timed(label, lookups, async (i) => {
    const n = (i * 7919) % among;
    const found = await call(
      'GET',
      `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName(n)}"`)}`,
    );
    if (found.totalResults !== 1) throw new Error(`lookup of ${userName(n)} found ${found.totalResults}`);
  });

await timed('floor: HTTP round trip, one row by key', lookups, async () => {
  await fetch(`${base}/bench/floor`);
});
await timed('floor: one INSERT into people (SQL only)', lookups, async (i) => {
  await db.pool.query('insert into people (handle, email, name) values ($1, $2, $3)', [
    `floor${i}.${run}`,
    `floor${i}.${run}@bench.example`,
    'Floor',
  ]);
});
await db.pool.query("delete from people where handle like 'floor%' and email like '%@bench.example'");

const tenth = Math.max(1, Math.floor(users / 10));
const started = performance.now();
const post = async (i: number) => {
  const created = await call(
    'POST',
    '/scim/v2/Users',
    {
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:User',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      ],
      externalId: `ext-${run}-${i}`,
      userName: userName(i),
      active: true,
      displayName: `Person ${i}`,
      name: { givenName: `Given${i}`, familyName: `Family${run}${i}` },
      emails: [{ primary: true, type: 'work', value: userName(i) }],
      addresses: [{ type: 'work', locality: ['Amsterdam', 'Utrecht', 'Gent', 'London', 'Singapore'][i % 5] }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: `Dept ${i % 40}` },
    },
    201,
  );
  ids[i] = created.id as string;
};
await timed(`POST /Users, people 1–${tenth}`, tenth, post);
await lookup(`GET /Users?filter=userName eq, among ${tenth}`, tenth);
await timed(`POST /Users, people ${tenth + 1}–${users}`, users - tenth, (i) => post(i + tenth));
const provisioned = performance.now();
await lookup(`GET /Users?filter=userName eq, among ${users}`, users);
await timed(`PATCH manager (Entra: bare id), ${users - 1} people`, users - 1, async (i) => {
  const person = i + 1;
  await call(
    'PATCH',
    `/scim/v2/Users/${ids[person]}`,
    {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        {
          op: 'Add',
          path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
          value: ids[Math.floor((person - 1) / 8)],
        },
      ],
    },
    204,
  );
});
const managed = performance.now();

const pct = (ms: number[], p: number) =>
  [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.floor(ms.length * p))]!;
const floor = timings[0]!.ms.reduce((a, b) => a + b, 0) / timings[0]!.ms.length;
const rows = timings.map((t) => {
  const mean = t.ms.reduce((a, b) => a + b, 0) / t.ms.length;
  return {
    step: t.label,
    requests: t.ms.length,
    'mean ms': mean.toFixed(2),
    'p50 ms': pct(t.ms, 0.5).toFixed(2),
    'p95 ms': pct(t.ms, 0.95).toFixed(2),
    '× floor': (mean / floor).toFixed(1),
  };
});
console.log(
  `\nSCIM provisioning, ${users} people, ${config.database.kind === 'server' ? 'PostgreSQL server' : 'PGlite'}`,
);
console.table(rows);
console.log(
  `provisioned ${users} in ${((provisioned - started) / 1000).toFixed(1)} s ` +
    `(${(users / ((provisioned - started) / 1000)).toFixed(0)} per second); managers set in ` +
    `${((managed - provisioned) / 1000).toFixed(1)} s`,
);
await app.close();
await db.close();
