/**
 * npx tsx bench/retention.ts [--database-url postgres://…] [--threads 200000]
 * The retention sweep over an organisation's worth of threads: 20 communities, ten with a period of their own
 * (five anonymise after 90 days, four delete after 180, one keeps), the rest and posts outside communities on the
 * organisation's year, deleted; last activity spread evenly over 1,000 days, a reply on every other thread, a file
 * on every tenth, one community and one person under legal hold. Times the preview (what an admin waits for) and
 * the sweep (one transaction). Default: a fresh in-memory PGlite.
 */
import { parseArgs } from 'node:util';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { previewRetention, sweepRetention } from '../server/modules/privacy/retention.js';
import type { Viewer } from '../server/platform/auth/viewer.js';
import { manualClock } from '../server/platform/clock.js';
import { openDatabase } from '../server/platform/db/database.js';
import { migrate } from '../server/platform/db/migrate.js';

const { values } = parseArgs({
  options: { 'database-url': { type: 'string' }, threads: { type: 'string', default: '200000' } },
});
const THREADS = Number(values.threads);
const config = loadConfig({
  DATABASE_URL: values['database-url'],
  PLEIN_DATA_DIR: 'memory://',
  PLEIN_DEMO: '0',
  PLEIN_LOG_LEVEL: 'silent',
});
const db = await openDatabase(config.database);
await migrate(db.pool);
const clock = manualClock(new Date('2030-01-01T00:00:00Z'));
const { app, deps } = await buildApp({ config, db, clock, logger: false, webRoot: '/nonexistent' });
const q = (sql: string, params: unknown[] = []) => db.pool.query(sql, params);
const ms = (start: bigint) => Math.round(Number(process.hrtime.bigint() - start) / 1e6);

const run = `b${Date.now()}`;
const started = process.hrtime.bigint();
await q(
  `insert into people (handle, email, name) select $1 || '-p' || i, $1 || '-p' || i || '@bench.example', 'P ' || i
     from generate_series(1, 1000) i`,
  [run],
);
await q(
  `insert into communities (slug, name, visibility, kind, viability_threshold)
   select $1 || '-c' || i, 'C ' || i, case when i % 5 = 0 then 'secret' else 'open' end, 'general', 250
     from generate_series(1, 20) i`,
  [run],
);
const { rows: people } = await q('select min(id)::int as lo from people where handle like $1', [`${run}-p%`]);
const { rows: groups } = await q('select min(id)::int as lo from communities where slug like $1', [
  `${run}-c%`,
]);
const [p0, c0] = [people[0].lo, groups[0].lo];
// Community i (0–19): 0–4 anonymise after 90 days, 5–8 delete after 180, 9 keeps; thread n % 21 = 20 is outside.
await q(
  `insert into community_retention (community_id, days, action)
   select $1 + i, case when i < 5 then 90 when i < 9 then 180 end, case when i < 5 then 'anonymise' else 'delete' end
     from generate_series(0, 9) i`,
  [c0],
);
await q(
  `insert into threads (community_id, author_id, kind, title, body_md, body_html, origin, created_at, last_activity_at)
   select case when n % 21 = 20 then null else $1 + n % 21 end, $2 + n % 1000, 'discussion', 'Thread ' || n,
          'Body ' || n, '<p>Body ' || n || '</p>', 'bottom_up', at, at
     from generate_series(1, $3) n, lateral (select $4::timestamptz - make_interval(days => n % 1000) as at) a`,
  [c0, p0, THREADS, clock.now()],
);
await q(
  `insert into replies (thread_id, author_id, body_md, body_html)
   select t.id, $1 + (t.id + 7) % 1000, 'Reply', '<p>Reply</p>' from threads t where t.id % 2 = 0`,
  [p0],
);
await q(
  `insert into attachments (owner_id, thread_id, purpose, status, name, content_type, is_image, size_bytes, sha256,
                            storage_key)
   select t.author_id, t.id, 'post', 'ready', 'f.txt', 'text/plain', false, 1, 'x', $1 || '/files/' || t.id
     from threads t where t.id % 10 = 0`,
  [run],
);
await q(`insert into legal_holds (target_type, community_id, reason) values ('community', $1, 'bench')`, [
  c0 + 6,
]);
await q(`insert into legal_holds (target_type, person_id, reason) values ('person', $1, 'bench')`, [p0 + 3]);
await q(`insert into retention_policies (category, days) values ('content', 365)
         on conflict (category) do update set days = 365`);
await q('analyze');
console.log(`data: ${THREADS} threads, built in ${ms(started)} ms`);

const admin: Viewer = {
  id: String(p0),
  handle: 'bench',
  name: 'Bench',
  role: 'admin',
  isLeader: false,
  locale: null,
  via: { kind: 'mail' },
};
const benchDeps = { ...deps, clock };
const times: number[] = [];
let preview: Awaited<ReturnType<typeof previewRetention>> | undefined;
for (let i = 0; i < 3; i++) {
  const start = process.hrtime.bigint();
  preview = await previewRetention(benchDeps, admin);
  times.push(ms(start));
}
console.log(
  `preview: ${times.join(', ')} ms; content ${preview!.counts.content}, held ${preview!.heldThreads}`,
);
const sweepStart = process.hrtime.bigint();
const swept = await sweepRetention(benchDeps);
console.log(
  `sweep: ${ms(sweepStart)} ms`,
  JSON.stringify({ deleted: swept.deleted, anonymised: swept.anonymised }),
);
const againStart = process.hrtime.bigint();
const again = await sweepRetention(benchDeps);
console.log(`second sweep (nothing to do): ${ms(againStart)} ms, content ${again.counts.content}`);
await app.close();
await db.close();
