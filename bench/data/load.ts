/**
 * npm run bench:data -- --people 100000 --posts 10000000 [--database bench_org] [--shape org|peer]
 * Fills a new PostgreSQL database with a scaled demo organisation (or the peer shape) by COPY, builds the
 * indexes after the load, and reports rows per second.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { HOUR } from '../../server/demo/calendar.js';
import { DEMO_DEFAULTS, type DemoOrganisation, generateOrganisation } from '../../server/demo/generate.js';
import { DEMO_PASSWORD } from '../../server/demo/organisation.js';
import { writeReads } from '../../server/demo/reads.js';
import { alignActivation } from '../../server/demo/seed-conditions.js';
import { rebuildParticipation } from '../../server/modules/activity/repository.js';
import { rebuildAnalytics } from '../../server/modules/analytics/refresh.js';
import { hashPassword } from '../../server/platform/auth/secrets.js';
import { inTransaction } from '../../server/platform/db/database.js';
import { migrate } from '../../server/platform/db/migrate.js';
import { copyOrganisation, LOADED_TABLES } from './copy-organisation.js';
import { deferIndexes, restore } from './deferred-indexes.js';
import { peerShape } from './peer-shape.js';

/** Posts (threads and replies) per thread in the generated history, measured on the demo organisation. */
const POSTS_PER_THREAD = 4.4;

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    posts: { type: 'string', default: '10000000' },
    database: { type: 'string', default: 'bench_org' },
    server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
    shape: { type: 'string', default: 'org' },
    seed: { type: 'string', default: DEMO_DEFAULTS.seed },
    // `--skip-rollups` leaves the participation and analytics roll-ups empty (to time their rebuilds apart).
    'skip-rollups': { type: 'boolean', default: false },
  },
});

const seconds = (since: number) => (performance.now() - since) / 1000;
const log = (message: string) =>
  console.log(`[bench:data ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main() {
  const name = values.database;
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || name === 'test' || name === 'postgres') {
    throw new Error(`Refusing database name "${name}": give a new one of letters, digits and underscores.`);
  }
  const admin = new pg.Client({ connectionString: `${values.server}/postgres` });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = `${values.server}/${name}`;
  // One connection per loaded table's COPY, plus a few for the work around it.
  const pool = new pg.Pool({ connectionString: url, max: LOADED_TABLES.length + 4 });
  const started = performance.now();
  await migrate(pool);
  const deferred = await deferIndexes(pool, LOADED_TABLES);
  // Each post's reaction counts come with it (copy-organisation.ts): the counting triggers wait out the load.
  await countingTriggers(pool, 'disable');

  const now = Math.floor(Date.now() / HOUR) * HOUR;
  const people = Number(values.people);
  const posts = Number(values.posts);
  const org: DemoOrganisation =
    values.shape === 'peer'
      ? peerShape(now)
      : generateOrganisation({
          seed: values.seed,
          now,
          people,
          threads: Math.round(posts / POSTS_PER_THREAD),
        });
  log(
    `${org.people.length} people, ${org.communities.length} communities; loading ${values.shape} into ${name}`,
  );

  const loading = performance.now();
  const counts = await copyOrganisation(pool, org, await hashPassword(DEMO_PASSWORD), now, (done) => {
    if (done % 1_000_000 < 100_000)
      log(
        `${done.toLocaleString('en')} posts, ${Math.round(done / seconds(loading)).toLocaleString('en')} posts/s`,
      );
  });
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  const loadSeconds = seconds(loading);
  const loadedPosts = counts.threads + counts.replies;
  log(
    `copied ${rows.toLocaleString('en')} rows (${loadedPosts.toLocaleString('en')} posts) in ${loadSeconds.toFixed(0)} s: ` +
      `${Math.round(rows / loadSeconds).toLocaleString('en')} rows/s, ${Math.round(loadedPosts / loadSeconds).toLocaleString('en')} posts/s`,
  );
  const indexing = performance.now();
  await restore(pool, deferred.keys, 2);
  await restore(pool, deferred.indexes, 2);
  await restore(pool, deferred.foreignKeys, 2);
  await countingTriggers(pool, 'enable');
  log(
    `keys, ${deferred.indexes.length} indexes and foreign keys rebuilt in ${seconds(indexing).toFixed(0)} s`,
  );
  const indexSeconds = seconds(indexing);
  if (!values['skip-rollups']) await rollUp(pool);
  const vacuuming = performance.now();
  for (const table of ['people', 'communities', 'hashtags', 'threads', 'replies', 'themes', 'goals']) {
    await pool.query(
      `select setval(pg_get_serial_sequence('${table}', 'id'), (select coalesce(max(id), 0) + 1 from ${table}), false)`,
    );
  }
  await pool.query('vacuum (analyze)');
  log(`vacuum analyze in ${seconds(vacuuming).toFixed(0)} s`);
  const size = await pool.query<{ size: string }>(
    'select pg_size_pretty(pg_database_size(current_database())) as size',
  );
  const total = seconds(started);
  const summary = {
    database: name,
    shape: values.shape,
    people: org.people.length,
    communities: org.communities.length,
    posts: loadedPosts,
    rows: counts,
    seconds: {
      load: Math.round(loadSeconds),
      indexes: Math.round(indexSeconds),
      vacuum: Math.round(seconds(vacuuming)),
      total: Math.round(total),
    },
    rowsPerSecond: Math.round(rows / loadSeconds),
    size: size.rows[0]!.size,
  };
  log(`done in ${total.toFixed(0)} s (${(total / 60).toFixed(1)} min), ${summary.size}`);
  console.log(JSON.stringify(summary));
  await pool.end();
}

async function countingTriggers(pool: pg.Pool, state: 'enable' | 'disable') {
  for (const table of ['thread_reactions', 'reply_reactions']) {
    for (const way of ['in', 'out']) {
      await pool.query(`alter table ${table} ${state} trigger ${table}_counted_${way}`);
    }
  }
}

/**
 * The participation roll-ups community health and the scorecard read (with sign-in no later than anyone's first
 * act), and the scorecard's own roll-ups: independent, so each on a connection (a core) of its own.
 */
async function rollUp(pool: pg.Pool) {
  const timed = async (what: string, work: () => Promise<void>) => {
    const from = performance.now();
    await work();
    log(`${what} rebuilt in ${seconds(from).toFixed(0)} s`);
  };
  await timed('participation roll-ups', () =>
    inTransaction(pool, async (tx) => {
      await tx.query(`set local work_mem = '1GB'`);
      await rebuildParticipation(tx);
      await alignActivation(tx);
      // Readers as the demo has them: the scorecard's participation ladder reads a range of them per period.
      await writeReads(tx, Date.now());
    }),
  );
  // After the participation commits: the activity and ladder roll-ups are built from its active and read days.
  await timed('analytics roll-ups', () => rebuildAnalytics(pool, new Date()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
