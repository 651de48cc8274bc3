/**
 * npx tsx bench/import.ts --database-url postgres://… [--people 50000] [--messages 1000000] [--groups 500]
 *                         [--start 2017-01-01] [--source NAME]
 * Writes a synthetic Yammer network export (Users, Groups, Messages CSVs; a tenth of the messages start threads),
 * imports it with the importer into the given PostgreSQL database and prints its rate against a floor measured
 * in the same run: a bare COPY of the same Messages.csv rows into an unlogged table with no indexes. Prints each
 * stage's time and rate, and the CPU seconds of node and of the PostgreSQL backends (what an idle machine needs).
 * Not part of CI: at 1,000,000 messages it takes minutes. The database should be a scratch one.
 * `--start` (the first message's day; one message a minute from then) and `--source` (the network's name, default
 * a new one each run) measure an import into a database that already holds history: a later export of the same
 * network, or another network's, touches only its own days of the roll-ups.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { progressLine } from '../server/modules/import/progress.js';
import { runImport } from '../server/modules/import/service.js';
import { systemClock } from '../server/platform/clock.js';
import { migrate } from '../server/platform/db/migrate.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    people: { type: 'string', default: '50000' },
    messages: { type: 'string', default: '1000000' },
    groups: { type: 'string', default: '500' },
    start: { type: 'string', default: '2017-01-01' },
    source: { type: 'string' },
  },
});
const url = values['database-url'] ?? process.env.DATABASE_URL;
if (!url) throw new Error('--database-url (or DATABASE_URL) of a scratch PostgreSQL database is required');
const PEOPLE = Number(values.people);
const MESSAGES = Number(values.messages);
const GROUPS = Number(values.groups);
const REPLIES_PER_THREAD = 9;

const WORDS =
  'printer planning rooster magazijn budget onboarding laptop vpn kantine parking release klant offerte audit roadmap training'.split(
    ' ',
  );
const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const START = Date.parse(`${values.start}T00:00:00Z`);
const timeOf = (i: number) => new Date(START + i * 60_000).toISOString();

async function writeCsv(path: string, header: string[], rows: (i: number) => string[], count: number) {
  const out = createWriteStream(path);
  let chunk = `${header.join(',')}\n`;
  for (let i = 0; i < count; i++) {
    chunk += `${rows(i).map(cell).join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/** The synthetic export: people 1..P at bench.test, groups (one in ten private), threads with nine replies. */
async function generate(dir: string) {
  await writeCsv(
    join(dir, 'Users.csv'),
    ['id', 'name', 'email', 'job_title', 'location', 'department', 'joined_at'],
    (i) => [
      String(i + 1),
      `Person ${i + 1}`,
      `person${i + 1}@bench.test`,
      'Engineer',
      'Utrecht',
      `Dept ${i % 40}`,
      timeOf(i),
    ],
    PEOPLE,
  );
  await writeCsv(
    join(dir, 'Groups.csv'),
    ['id', 'name', 'description', 'privacy'],
    (i) => [String(i + 1), `Group ${i + 1}`, '', i % 10 === 0 ? 'private' : 'public'],
    GROUPS,
  );
  const stride = REPLIES_PER_THREAD + 1;
  await writeCsv(
    join(dir, 'Messages.csv'),
    [
      'id',
      'thread_id',
      'replied_to_id',
      'group_id',
      'in_private_group',
      'sender_id',
      'body',
      'message_type',
      'created_at',
    ],
    (i) => {
      const id = i + 1;
      const thread = Math.floor(i / stride) * stride + 1;
      const group = (Math.floor(i / stride) % GROUPS) + 1;
      const word = WORDS[i % WORDS.length]!;
      const body =
        id === thread
          ? `Who knows about the ${word}? #${word} Wie weet meer over ${WORDS[(i + 3) % WORDS.length]}?`
          : `Try this for the ${word}, [[user:${((i * 7) % PEOPLE) + 1}]] did it last week.`;
      return [
        String(id),
        String(thread),
        id === thread ? '' : String(thread),
        String(group),
        group % 10 === 1 ? 'true' : 'false',
        String(((i * 31) % PEOPLE) + 1),
        body,
        id === thread && i % 3 === 0 ? 'question' : 'update',
        timeOf(i),
      ];
    },
    MESSAGES,
  );
}

const CLOCK_TICKS = 100;
const rate = (rows: number, s: number) => Math.round(rows / s).toLocaleString('en');

/**
 * CPU seconds of the PostgreSQL backends serving this database (the server is on this machine): what an idle
 * machine would need, whatever other work shares the cores. Read synchronously from /proc (backends are found by
 * their process title, which names the database), so a stage's end can sample it; the pool keeps its
 * connections, so none of their time is lost.
 */
function backendCpuSeconds(database: string): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!title.startsWith('postgres: ') || !title.includes(` ${database} `)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A process that ended meanwhile: not counted.
    }
  }
  return ticks / CLOCK_TICKS;
}

/** The floor: the same Messages.csv bytes through a bare COPY into an unlogged table without indexes. */
async function floor(pool: pg.Pool, path: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query(`drop table if exists bench_import_floor;
      create unlogged table bench_import_floor (id text, thread_id text, replied_to_id text, group_id text,
        in_private_group text, sender_id text, body text, message_type text, created_at timestamptz)`);
    const started = performance.now();
    await pipeline(
      createReadStream(path),
      client.query(copyFrom('copy bench_import_floor from stdin with (format csv, header true)')),
    );
    const seconds = (performance.now() - started) / 1000;
    await client.query('drop table bench_import_floor');
    return seconds;
  } finally {
    client.release();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'plein-bench-import-'));
const pool = new pg.Pool({ connectionString: url, max: 8, idleTimeoutMillis: 0 });
try {
  let t = performance.now();
  await generate(dir);
  console.log(
    `generated ${PEOPLE} people, ${GROUPS} groups, ${MESSAGES} messages in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  await migrate(pool);
  const floorSeconds = await floor(pool, join(dir, 'Messages.csv'));
  const stages: string[] = [];
  const cpuBefore = process.cpuUsage();
  const database = new URL(url).pathname.slice(1);
  const pgBefore = backendCpuSeconds(database);
  // Each stage's CPU seconds of node and PostgreSQL beside its wall time: other sessions share the cores.
  let mark = { node: process.cpuUsage(), pg: pgBefore };
  const cpuOfStage = () => {
    const now = { node: process.cpuUsage(), pg: backendCpuSeconds(database) };
    const node = (now.node.user + now.node.system - mark.node.user - mark.node.system) / 1e6;
    const pgSeconds = now.pg - mark.pg;
    mark = now;
    return `  CPU node ${node.toFixed(1).padStart(6)} s, PostgreSQL ${pgSeconds.toFixed(1).padStart(6)} s, load ${loadavg()[0]!.toFixed(1)}`;
  };
  t = performance.now();
  const report = await runImport(pool, systemClock, {
    paths: [dir],
    format: 'yammer',
    sourceName: values.source ?? `bench-${Date.now()}`,
    homeDomain: 'bench.test',
    onProgress: (done, total) =>
      process.stderr.write(`\r${progressLine(done, total, performance.now() - t)}`),
    onStage: (stage, records, ms) =>
      stages.push(
        `  ${stage.padEnd(14)} ${(ms / 1000).toFixed(1).padStart(7)} s` +
          cpuOfStage() +
          (records > 0 ? `  ${records.toLocaleString('en')} records, ${rate(records, ms / 1000)}/s` : ''),
      ),
  });
  const seconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const pgSeconds = backendCpuSeconds(database) - pgBefore;
  process.stderr.write('\n');
  const c = report.counts;
  console.log(
    `imported: ${c.person.created + c.person.matched} people, ${c.community.created} communities, ${c.thread.created} threads, ${c.reply.created} replies, ${report.skipped.length} skipped`,
  );
  console.log(
    `floor  (bare COPY of Messages.csv): ${floorSeconds.toFixed(1)} s, ${rate(MESSAGES, floorSeconds)} messages/s`,
  );
  console.log(
    `import (read, check, load, roll-ups): ${seconds.toFixed(1)} s, ${rate(MESSAGES, seconds)} messages/s`,
  );
  console.log(`stages:\n${stages.join('\n')}`);
  console.log(
    `CPU: node ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s, PostgreSQL backends ${pgSeconds.toFixed(0)} s; load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `import / floor: ${(seconds / floorSeconds).toFixed(1)}× the time; target under 600 s: ${seconds < 600 ? 'met' : 'missed'}`,
  );
} finally {
  await pool.end();
  rmSync(dir, { recursive: true, force: true });
}
