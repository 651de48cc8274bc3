/**
 * npx tsx bench/mail.ts [--database-url postgres://…] [--members 5000]
 * A mention to every member of a 5,000-member community: 100 posts of 50 mentions each (Plein takes at most 50
 * mentions from one post), then the whole way out — the pump composes a mail per notice and relays it into
 * pg-boss ("enqueue"), the queue's workers deliver to a local SMTP server (`bench/harness/smtp-sink.ts`, a process
 * of its own). Floors in the same run: the same rows written by one bare INSERT, and the same mails sent through
 * Plein's own transport one after another with no queue around it. Default: a fresh in-memory PGlite.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { type MailRuntime, startMail } from '../server/modules/mail/queue.js';
import { createTransport } from '../server/modules/mail/transport.js';
import { openDatabase } from '../server/platform/db/database.js';
import { migrate } from '../server/platform/db/migrate.js';
import { client } from '../server/test/client.js';
import { buildCommunity, buildPerson, tokenFor, unique } from '../server/test/factories.js';

const { values } = parseArgs({
  options: { 'database-url': { type: 'string' }, members: { type: 'string', default: '5000' } },
});
const MEMBERS = Number(values.members);
const PER_POST = 50;

type Sink = { url: string; count: () => Promise<number>; stop: () => void };

async function startSink(): Promise<Sink> {
  const child: ChildProcess = fork(new URL('./harness/smtp-sink.ts', import.meta.url), {
    execArgv: process.execArgv,
  });
  process.once('exit', () => child.kill());
  const next = <T>() => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  const { port } = await next<{ port: number }>();
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: async () => {
      const answer = next<{ count: number }>();
      child.send('count');
      return (await answer).count;
    },
    stop: () => child.send('stop'),
  };
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const until = async (done: () => Promise<boolean>, what: string, limitSeconds = 900) => {
  const start = process.hrtime.bigint();
  while (!(await done())) {
    if (seconds(start) > limitSeconds) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const sink = await startSink();
const config = loadConfig({
  DATABASE_URL: values['database-url'],
  PLEIN_DATA_DIR: 'memory://',
  PLEIN_DEMO: '0',
  PLEIN_LOG_LEVEL: 'silent',
  SMTP_URL: sink.url,
  PLEIN_MAIL_SECRET: 'bench-mail-secret-0123456789abcdef-0123',
  PLEIN_MAIL_FROM: 'Plein <plein@bench.example>',
  PLEIN_PUBLIC_URL: 'https://plein.bench.example',
});
const db = await openDatabase(config.database);
await migrate(db.pool);
const { app, deps } = await buildApp({ config, db, logger: false, webRoot: '/nonexistent' });
await app.ready();
const load = loadavg()[0]!.toFixed(1);

// The community: one author and MEMBERS members, written in bulk.
const author = await buildPerson(db.pool);
const community = await buildCommunity(db.pool, { owners: [author] });
const prefix = unique('mb');
const { rows: members } = await db.pool.query<{ id: string; handle: string }>(
  `insert into people (handle, email, name, role, is_leader, department, location, time_zone, skills, status)
   select $1 || '-' || i, $1 || '-' || i || '@bench.example', 'Member ' || i, 'member', false, 'Sales',
          'Amsterdam', 'Europe/Amsterdam', '{}', 'active'
     from generate_series(1, $2::int) i
   returning id, handle`,
  [prefix, MEMBERS],
);
await db.pool.query(
  `insert into community_members (community_id, person_id, role) select $1, unnest($2::bigint[]), 'member'`,
  [community.id, members.map((m) => m.id)],
);
await db.pool.query('update communities set member_count = $2 where id = $1', [community.id, MEMBERS + 1]);
const ids = members.map((m) => m.id);
const mail: MailRuntime = await startMail(deps, { pumpEveryMs: 3_600_000, digests: false });

// 1. The posts: each mentions 50 members; notify() stores a notice per member and marks it for mail.
const api = client(app, await tokenFor(db.pool, author));
const postStart = process.hrtime.bigint();
for (let i = 0; i < MEMBERS; i += PER_POST) {
  const handles = members.slice(i, i + PER_POST).map((m) => `@${m.handle}`);
  const response = await api.post('/api/v1/threads', {
    communitySlug: community.slug,
    kind: 'announcement',
    title: `Office move, floor ${i / PER_POST + 1}`,
    body: `Heads-up ${handles.join(' ')}: the move starts Monday.`,
  });
  if (response.statusCode !== 201) throw new Error(`post: ${response.statusCode} ${response.body}`);
}
const postSeconds = seconds(postStart);
const posts = Math.ceil(MEMBERS / PER_POST);

// 2. Enqueue: the pump composes every notice into a mail and relays it into pg-boss; the workers start at once.
const counts = async () =>
  (
    await db.pool.query<{ pending: number; mails: number; waiting: number }>(
      `select (select count(*) from notifications where recipient_id = any($1::bigint[]) and mail_pending)::int
                as pending,
              count(*)::int as mails, count(*) filter (where status = 'queued')::int as waiting
         from outbound_mail where person_id = any($1::bigint[])`,
      [ids],
    )
  ).rows[0]!;
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
await until(async () => {
  await mail.pump();
  const now = await counts();
  return now.pending === 0 && now.waiting === 0 && now.mails === MEMBERS;
}, 'the pump');
const enqueueSeconds = seconds(start);
const sentAtEnqueue = await sink.count();
// 3. Delivery: until the SMTP server has every mail.
await until(async () => (await sink.count()) >= MEMBERS, 'delivery');
const deliverSeconds = seconds(start);
const cpu = process.cpuUsage(cpuStart);
const statuses = (
  await db.pool.query<{ status: string; n: number }>(
    `select status, count(*)::int as n from outbound_mail where person_id = any($1::bigint[]) group by status`,
    [ids],
  )
).rows;
await mail.stop();

// Floors: the same rows written by one statement, and the same mails sent by Plein's transport with no queue.
const floorStart = process.hrtime.bigint();
await db.pool.query(
  `insert into outbound_mail (idempotency_key, person_id, to_address, kind, locale, subject, text_body, html_body,
                              headers, status, not_before, created_at)
   select 'floor:' || idempotency_key, person_id, to_address, kind, locale, subject, text_body, html_body, headers,
          'outbox', now(), now()
     from outbound_mail where person_id = any($1::bigint[]) and idempotency_key like 'notice:%'`,
  [ids],
);
const insertFloorSeconds = seconds(floorStart);
await db.pool.query(
  `delete from outbound_mail where idempotency_key like 'floor:%' and person_id = any($1)`,
  [ids],
);
const { rows: composed } = await db.pool.query(
  'select * from outbound_mail where person_id = any($1::bigint[]) order by id',
  [ids],
);
const transport = createTransport(config.mail);
const before = await sink.count();
const sendStart = process.hrtime.bigint();
for (const row of composed) await transport.send(row);
const sendFloorSeconds = seconds(sendStart);
transport.close();
// For reference: five pooled connections, the same messages, five at a time.
const pooled = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: 5 } as never);
const pooledStart = process.hrtime.bigint();
for (let i = 0; i < composed.length; i += 5) {
  await Promise.all(
    composed.slice(i, i + 5).map((row) =>
      pooled.sendMail({
        from: config.mail.from,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
      }),
    ),
  );
}
const pooledSeconds = seconds(pooledStart);
pooled.close();
const floorsDelivered = (await sink.count()) - before;

const perSecond = (n: number, s: number) => Math.round(n / s).toLocaleString('en');
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const engine = config.database.kind === 'server' ? 'PostgreSQL server' : 'PGlite';
console.log(`\n### A mention to a ${MEMBERS.toLocaleString('en')}-member community (${engine})\n`);
console.log(row(['step', 'mails', 'seconds', 'mails/s', 'floor s', 'floor mails/s', '% of floor']));
console.log(row(['---', '--:', '--:', '--:', '--:', '--:', '--:']));
console.log(
  row([
    `${posts} posts of ${PER_POST} mentions (HTTP)`,
    String(MEMBERS),
    postSeconds.toFixed(2),
    perSecond(MEMBERS, postSeconds),
    '',
    '',
    '',
  ]),
);
console.log(
  row([
    'enqueue: compose + relay to pg-boss',
    String(MEMBERS),
    enqueueSeconds.toFixed(2),
    perSecond(MEMBERS, enqueueSeconds),
    insertFloorSeconds.toFixed(2),
    perSecond(MEMBERS, insertFloorSeconds),
    `${Math.round((insertFloorSeconds / enqueueSeconds) * 100)}%`,
  ]),
);
console.log(
  row([
    'queue to SMTP sink, from the first pump',
    String(MEMBERS),
    deliverSeconds.toFixed(2),
    perSecond(MEMBERS, deliverSeconds),
    sendFloorSeconds.toFixed(2),
    perSecond(composed.length, sendFloorSeconds),
    `${Math.round((sendFloorSeconds / deliverSeconds) * 100)}%`,
  ]),
);
console.log(
  row([
    'reference: 5 pooled SMTP connections',
    String(composed.length),
    pooledSeconds.toFixed(2),
    perSecond(composed.length, pooledSeconds),
    '',
    '',
    '',
  ]),
);
console.log(
  `\nDelivered while enqueueing: ${sentAtEnqueue}. Rows: ${statuses.map((s) => `${s.status} ${s.n}`).join(', ')}. ` +
    `Floors delivered ${floorsDelivered} of ${composed.length * 2}. Node CPU during enqueue and delivery: ` +
    `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s. Machine load ${load} before, ${loadavg()[0]!.toFixed(1)} after.`,
);
sink.stop();
await app.close();
await db.close();
