/**
 * npx tsx bench/digest.ts [--database-url postgres://…] [--people 100000] [--communities 200] [--organisation]
 * The weekly digest for 100,000 people: every person is a member of three communities, away for 30 days, and each
 * community had 20 threads in the past week, so every person is due and gets a digest of the best 8. `runDigests`
 * (the job's whole run: pages of 200 people, each page ranked, its notices read and its mails stored in a few
 * set-based statements) is timed while one reader reads the feed over HTTP as fast as it answers, for the feed's
 * p99 during the run (about 20 reads a second, in the same node). Floor in the same run: one bare SQL statement
 * that ranks the same 8 threads for every person and writes one row each. Default: a fresh in-memory PGlite.
 * `--organisation`: no synthetic week; the digest runs over the organisation already in the database (`npm run
 * bench:data`: its people, memberships, followed themes and posts), where who is due and what they missed come
 * from the generated history.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { DIGEST_ITEMS, runDigests } from '../server/modules/mail/digest.js';
import { openDatabase } from '../server/platform/db/database.js';
import { migrate } from '../server/platform/db/migrate.js';
import { client } from '../server/test/client.js';
import { buildPerson, tokenFor, unique } from '../server/test/factories.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    people: { type: 'string', default: '100000' },
    communities: { type: 'string', default: '200' },
    organisation: { type: 'boolean', default: false },
  },
});
const ORGANISATION = values.organisation;
let PEOPLE = Number(values.people);
const COMMUNITIES = Number(values.communities);
const PER_PERSON = 3;
const THREADS = 20;

const progress = (what: string) => console.error(`${new Date().toISOString()} ${what}`);
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const config = loadConfig({
  DATABASE_URL: values['database-url'],
  PLEIN_DATA_DIR: 'memory://',
  PLEIN_DEMO: '0',
  PLEIN_LOG_LEVEL: 'silent',
  PLEIN_MAIL_SECRET: 'bench-mail-secret-0123456789abcdef-0123',
  PLEIN_MAIL_FROM: 'Plein <plein@bench.example>',
  PLEIN_PUBLIC_URL: 'https://plein.bench.example',
});
const db = await openDatabase(config.database);
await migrate(db.pool);
progress('migrated');
const { app, deps } = await buildApp({ config, db, logger: false, webRoot: '/nonexistent' });
await app.ready();
const load = loadavg()[0]!.toFixed(1);

// The world, in bulk: people away for 30 days, communities, three memberships each, 20 threads a community this week.
// With --organisation the world is the one in the database: every active person, their own communities.
const setupStart = process.hrtime.bigint();
const { first, last, communityIds } = ORGANISATION ? await organisation() : await syntheticWeek();
const setupSeconds = seconds(setupStart);
progress(`set-up done in ${setupSeconds.toFixed(1)} s`);

async function organisation() {
  const { rows } = await db.pool.query<{ first: string; last: string; n: number }>(
    `select min(id)::text as first, max(id)::text as last, count(*)::int as n from people where status = 'active'`,
  );
  PEOPLE = rows[0]!.n;
  // The reader reads the feed of the three largest communities.
  const { rows: largest } = await db.pool.query<{ id: string }>(
    'select id from communities order by member_count desc, id limit $1',
    [PER_PERSON],
  );
  return { first: rows[0]!.first, last: rows[0]!.last, communityIds: largest.map((c) => c.id) };
}

async function syntheticWeek() {
  const prefix = unique('dg');
  const { rows: range } = await db.pool.query<{ first: string; last: string }>(
    `with made as (
       insert into people (handle, email, name, role, is_leader, department, location, time_zone, skills, status,
                           created_at, activated_at)
       select $1 || '-' || i, $1 || '-' || i || '@bench.example', 'Person ' || i, 'member', false, 'Sales',
              'Amsterdam', 'Europe/Amsterdam', '{}', 'active', now() - interval '60 days', now() - interval '30 days'
         from generate_series(1, $2::int) i
       returning id)
     select min(id)::text as first, max(id)::text as last from made`,
    [prefix, PEOPLE],
  );
  const { first, last } = range[0]!;
  await db.pool.query(
    `insert into communities (slug, name, description, visibility, kind, viability_threshold, member_count, created_at)
     select $1 || '-' || i, 'Community ' || i, '', 'open', 'general', 50, $3::int, now() - interval '60 days'
       from generate_series(1, $2::int) i`,
    [prefix, COMMUNITIES, Math.round((PEOPLE * PER_PERSON) / COMMUNITIES)],
  );
  const { rows: communityRows } = await db.pool.query<{ id: string }>(
    `select id from communities where slug like $1 || '-%' order by id`,
    [prefix],
  );
  const communityIds = communityRows.map((c) => c.id);
  // Person k joins communities k, k+1 and k+2 (mod the number of communities).
  await db.pool.query(
    `insert into community_members (community_id, person_id, role)
     select ($3::bigint[])[1 + ((p.id - $1::bigint + j) % $4::int)], p.id, 'member'
       from people p cross join generate_series(0, $5::int - 1) j
      where p.id between $1::bigint and $2::bigint`,
    [first, last, communityIds, COMMUNITIES, PER_PERSON],
  );
  await db.pool.query(
    `insert into threads (community_id, author_id, kind, title, body_md, body_html, origin, created_at,
                          last_activity_at, reply_count)
     select c, $2::bigint + (i * 7919 + c) % ($3::bigint - $2::bigint), 'discussion', 'Week news ' || i, 'b', '<p>b</p>',
            'bottom_up', now() - (i || ' hours')::interval, now() - (i || ' hours')::interval, i % 9
       from unnest($1::bigint[]) c cross join generate_series(1, $4::int) i`,
    [communityIds, first, last, THREADS],
  );
  await db.pool.query('analyze');
  return { first, last, communityIds };
}

// The feed, read by one person over HTTP while the digests run: its latencies say whether the run holds the database.
// The reader is someone of their own (an API token, no session): the digest run does not count them.
const readerPerson = await buildPerson(db.pool);
await db.pool.query(
  `insert into community_members (community_id, person_id, role) select unnest($1::bigint[]), $2, 'member'`,
  [communityIds.slice(0, PER_PERSON), readerPerson.id],
);
const reader = client(app, await tokenFor(db.pool, readerPerson));
const latencies: number[] = [];
let running = true;
const feedLoop = (async () => {
  while (running) {
    const start = process.hrtime.bigint();
    const response = await reader.get('/api/v1/feed');
    if (response.statusCode !== 200) throw new Error(`feed: ${response.statusCode} ${response.body}`);
    latencies.push(seconds(start) * 1000);
    // About 20 reads a second: a busy reader, not a load generator that takes the node's CPU from the run.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
})();
const quietStart = process.hrtime.bigint();
while (seconds(quietStart) < 5) await new Promise((resolve) => setTimeout(resolve, 100));
const quiet = latencies.splice(0);

const cpuStart = process.cpuUsage();
const runStart = process.hrtime.bigint();
progress('digests start');
const sent = await runDigests(deps);
progress('digests done');
const runSeconds = seconds(runStart);
const cpu = process.cpuUsage(cpuStart);
running = false;
await feedLoop;
const during = latencies.splice(0);
const { rows: made } = await db.pool.query<{ n: number }>(
  `select count(*)::int as n from outbound_mail where kind = 'digest' and person_id between $1 and $2`,
  [first, last],
);
// The synthetic week owes everyone a digest; in an organisation, whoever is due and missed something gets one.
if ((!ORGANISATION && sent !== PEOPLE) || made[0]!.n !== sent) {
  throw new Error(`expected ${ORGANISATION ? sent : PEOPLE} digests, enqueued ${sent}, stored ${made[0]!.n}`);
}

// Floor: the same ranking of the same threads for everyone, one row each, in one statement.
const floorStart = process.hrtime.bigint();
await db.pool.query(
  `create temporary table digest_floor as
   select m.person_id, array_agg(best.id) as threads
     from community_members m
     cross join lateral (
       select t.id, t.reply_count * 2 as score from threads t
        where t.community_id = m.community_id and t.deleted_at is null
          and t.last_activity_at > now() - interval '7 days' and t.author_id <> m.person_id
        order by t.last_activity_at desc limit 50) best
    where m.person_id between $1 and $2
    group by m.person_id`,
  [first, last],
);
await db.pool.query(
  `select count(*) from digest_floor f cross join lateral (select unnest(f.threads) limit $1) x`,
  [DIGEST_ITEMS],
);
const floorSeconds = seconds(floorStart);

const p = (list: number[], q: number) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(0) : '—';
};
const perSecond = (n: number, s: number) => Math.round(n / s).toLocaleString('en');
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const engine = config.database.kind === 'server' ? 'PostgreSQL server' : 'PGlite';
console.log(`\n### The weekly digest for ${PEOPLE.toLocaleString('en')} people (${engine})\n`);
console.log(
  row(['step', 'people', 'digests', 'seconds', 'people/s', 'floor s', 'floor people/s', '% of floor']),
);
console.log(row(['---', '--:', '--:', '--:', '--:', '--:', '--:', '--:']));
console.log(row(['set-up', String(PEOPLE), '', setupSeconds.toFixed(1), '', '', '', '']));
console.log(
  row([
    'runDigests: rank, compose, outbox row',
    String(PEOPLE),
    String(sent),
    runSeconds.toFixed(1),
    perSecond(PEOPLE, runSeconds),
    floorSeconds.toFixed(1),
    perSecond(PEOPLE, floorSeconds),
    `${Math.round((floorSeconds / runSeconds) * 100)}%`,
  ]),
);
console.log(
  `\nFeed over HTTP before the run: ${quiet.length} reads, p50 ${p(quiet, 0.5)} ms, p99 ${p(quiet, 0.99)} ms; ` +
    `during it: ${during.length} reads, p50 ${p(during, 0.5)} ms, p99 ${p(during, 0.99)} ms. ` +
    (ORGANISATION
      ? 'The organisation in the database. '
      : `${COMMUNITIES} communities, ${PER_PERSON} each, ${THREADS} threads a community this week. `) +
    `Node CPU during ` +
    `the run ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s. Machine load ${load} before, ` +
    `${loadavg()[0]!.toFixed(1)} after.`,
);
await app.close();
await db.close();
