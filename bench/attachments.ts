/**
 * npx tsx bench/attachments.ts [--database-url postgres://…] [--only upload,page] [--uploads 40] [--megabytes 4]
 *   [--rounds 7] [--views 20] [--warmup 10] [--explain]
 * Files over real HTTP on 127.0.0.1, a node in this process on a fresh PGlite (or the given database), folder
 * storage in a temporary directory:
 * 1. upload throughput: `--uploads` files of `--megabytes` each through POST /api/v1/attachments (multipart,
 *    streamed, type sniffed, stored), four at a time; floor: the same bytes over HTTP into a bare route that streams
 *    them to a file in the same folder, with no parsing, sniffing, limits or database.
 * 2. the thread page with 20 images, read as the web app reads it: the thread view, then the 20 pictures its body
 *    shows (web size, six at a time, as a browser does per host). Floor: the same requests answered by bare
 *    routes that run the very SQL each real request ran (recorded once) and send the same JSON or stream the same
 *    stored file, with no session, validation, authorisation or presenting. After `--warmup` views of each, the
 *    two take turns for `--rounds` rounds of `--views` views; the figures are the rounds' medians, with CPU per
 *    request of this process (client and node: the floor pays the same client) and of PostgreSQL on this machine.
 * --explain prints EXPLAIN ANALYZE of the thread view's statements and of one picture's.
 * Prints a table and a JSON line.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import sharp from 'sharp';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { processPendingFiles } from '../server/modules/attachments/jobs.js';
import { variantKey } from '../server/modules/attachments/keys.js';
import { openDatabase } from '../server/platform/db/database.js';
import { migrate } from '../server/platform/db/migrate.js';
import type { Credentials } from '../server/test/client.js';
import { buildCommunity, buildPerson, tokenFor } from '../server/test/factories.js';
import { cpuPerRequest, readCpu } from './harness/cpu.js';
import {
  installRecorder,
  type RecordedQuery,
  recordRequest,
  recordRequests,
  replay,
  stopRecording,
} from './harness/sql-recorder.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    only: { type: 'string', default: 'upload,page' },
    uploads: { type: 'string', default: '40' },
    megabytes: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '7' },
    views: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '10' },
    explain: { type: 'boolean', default: false },
  },
});
const ONLY = new Set(values.only.split(','));
const UPLOADS = Number(values.uploads);
const BYTES = Math.round(Number(values.megabytes) * 1024 * 1024);
const ROUNDS = Number(values.rounds);
const VIEWS = Number(values.views);
const WARMUP = Number(values.warmup);
const IMAGES = 20;
const PARALLEL = 4;
// Chromium opens at most six connections per host over HTTP/1.1.
const BROWSER_PARALLEL = 6;
// As web/src/pages/ThreadPage.tsx asks.
const REPLIES_PER_PAGE = 100;

installRecorder();
const filesDir = await mkdtemp(join(tmpdir(), 'plein-bench-files-'));
const config = loadConfig({
  DATABASE_URL: values['database-url'],
  PLEIN_DATA_DIR: 'memory://',
  PLEIN_FILES_DIR: filesDir,
  PLEIN_DEMO: '0',
  PLEIN_LOG_LEVEL: 'silent',
  PLEIN_LINK_PREVIEWS: 'off',
});
const db = await openDatabase(config.database);
await migrate(db.pool);
const { app, deps } = await buildApp({ config, db, logger: false, webRoot: '/nonexistent' });

// The floors: bare routes on the same server, so both sides pay the same HTTP and the same disk.
// A type of its own: the import route already parses application/octet-stream.
app.addContentTypeParser('application/x-plein-bench', (_request, _payload, done) => done(null));
app.post('/bench/floor/upload', async (request) => {
  await pipeline(request.raw, createWriteStream(join(filesDir, `floor-${randomBytes(8).toString('hex')}`)));
  return { ok: true };
});
// The page's floor: request `index` runs the SQL the real one ran (see page()), then sends what it sent.
const pageFloor: { queries: RecordedQuery[]; file: string | null }[] = [];
let pageFilesFloor: RecordedQuery[] = [];
app.get('/bench/floor/page/:index', async (request, reply) => {
  const step = pageFloor[Number((request.params as { index: string }).index)];
  if (!step) return reply.code(404).send();
  const [rows] = await Promise.all([
    replay(db.pool, step.queries),
    step.file ? null : replay(db.pool, pageFilesFloor),
  ]);
  if (!step.file) return reply.type('application/json').send(JSON.stringify(rows[0]));
  return reply.type('image/webp').send(createReadStream(join(filesDir, step.file)));
});
// Statements sent to the database, counted over each measured round.
let statements = 0;
const sendQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return sendQuery.apply(this, args);
} as typeof pg.Client.prototype.query;
recordRequests(app);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const load = loadavg()[0]!.toFixed(1);

const author = await buildPerson(db.pool);
const community = await buildCommunity(db.pool, { owners: [author] });
const credentials: Credentials = await tokenFor(db.pool, author);
const auth: Record<string, string> =
  credentials && 'bearer' in credentials
    ? { authorization: `Bearer ${credentials.bearer}` }
    : credentials
      ? { cookie: `plein_session=${credentials.cookie}`, 'x-csrf-token': credentials.csrfToken }
      : {};
// The largest upload this run makes must pass the limits.
await db.pool.query(
  `insert into settings (key, value) values ('attachmentLimits', $1)
   on conflict (key) do update set value = excluded.value`,
  [JSON.stringify({ maxFileBytes: BYTES * 2, maxPostBytes: BYTES * 2 * IMAGES })],
);

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
async function inParallel(count: number, parallel: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) await task(next++);
    }),
  );
}
async function ok(response: Response, what: string) {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return response;
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;

// 1. Upload throughput. A PDF header so the type sniffs as a document, not as a picture to process.
async function uploads() {
  const payload = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(BYTES - 9)]);
  const form = (name: string) => {
    const data = new FormData();
    data.append('file', new Blob([new Uint8Array(payload)], { type: 'application/pdf' }), name);
    return data;
  };
  const start = process.hrtime.bigint();
  await inParallel(UPLOADS, PARALLEL, async (i) => {
    await ok(
      await fetch(`${base}/api/v1/attachments`, {
        method: 'POST',
        headers: auth,
        body: form(`report-${i}.pdf`),
      }),
      'upload',
    );
  });
  const plein = seconds(start);
  const floorStart = process.hrtime.bigint();
  await inParallel(UPLOADS, PARALLEL, async () => {
    await ok(
      await fetch(`${base}/bench/floor/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-plein-bench' },
        body: payload,
      }),
      'floor upload',
    );
  });
  const floor = seconds(floorStart);
  const mb = (UPLOADS * BYTES) / (1024 * 1024);
  return {
    files: UPLOADS,
    megabytesEach: BYTES / (1024 * 1024),
    mbPerSecond: round1(mb / plein),
    floorMbPerSecond: round1(mb / floor),
    share: round2(floor / plein),
  };
}

// 2. A thread with 20 photos (1600×1200, as phones send them after the browser's own downscale), processed, shown
// in its body at web size as the composer writes them.
async function threadWithImages() {
  const photos = await Promise.all(
    Array.from({ length: IMAGES }, (_, i) =>
      sharp({
        create: { width: 1600, height: 1200, channels: 3, background: { r: i * 12, g: 120, b: 200 - i * 8 } },
      })
        .jpeg({ quality: 85 })
        .toBuffer(),
    ),
  );
  const images: { id: string; url: string }[] = [];
  for (const [i, photo] of photos.entries()) {
    const data = new FormData();
    data.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), `office-${i}.jpg`);
    const response = await ok(
      await fetch(`${base}/api/v1/attachments`, { method: 'POST', headers: auth, body: data }),
      'image upload',
    );
    images.push((await response.json()) as { id: string; url: string });
  }
  const start = process.hrtime.bigint();
  while ((await processPendingFiles(deps, 10)) > 0);
  const processSeconds = seconds(start);
  const created = await ok(
    await fetch(`${base}/api/v1/threads`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        communitySlug: community.slug,
        kind: 'discussion',
        title: 'The new office, in pictures',
        body: images.map((image, i) => `![Room ${i + 1}](${image.url}?size=web)`).join('\n\n'),
      }),
    }),
    'thread',
  );
  const thread = (await created.json()) as { id: string };
  const { rows } = await db.pool.query<{ id: string; storage_key: string; has_variants: boolean }>(
    'select id::text, storage_key, has_variants from attachments where thread_id = $1 order by id',
    [thread.id],
  );
  if (rows.length !== IMAGES) throw new Error(`the thread holds ${rows.length} files, not ${IMAGES}`);
  if (!rows.every((row) => row.has_variants)) throw new Error('the images were not processed');
  return { thread, files: rows, imagesProcessedPerSecond: round1(IMAGES / processSeconds) };
}

/** Each statement's plan with its planning and execution time, run five times first as a warm node runs it. */
async function explain(queries: RecordedQuery[]) {
  for (const query of queries) {
    for (let i = 0; i < 5; i++) await db.pool.query(query.text, query.values);
    const { rows } = await db.pool.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers) ${query.text}`,
      query.values,
    );
    console.log(
      `${query.text.replace(/\s+/g, ' ').slice(0, 100)}…\n${rows.map((row) => row['QUERY PLAN']).join('\n')}\n`,
    );
  }
}

async function page() {
  const { thread, files, imagesProcessedPerSecond } = await threadWithImages();
  const paths = [
    `/api/v1/threads/${thread.id}?replies=${REPLIES_PER_PAGE}`,
    ...files.map((file) => `/api/v1/attachments/${file.id}/content?size=web`),
  ];
  // Each real request's SQL recorded for the floor, as a returning reader's: the viewer in the node's viewer cache
  // and today's read of the thread already noted (the first view of a day notes it once, after answering).
  for (const path of ['/api/v1/auth/session', ...paths]) await app.inject({ url: path, headers: auth });
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (const [i, path] of paths.entries()) {
    const { response, queries } = await recordRequest(app, { url: path, headers: auth });
    if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode} ${response.body}`);
    pageFloor.push({ queries, file: i === 0 ? null : variantKey(files[i - 1]!.storage_key, 'web') });
  }
  stopRecording();
  // The page's reads at their fewest: where a picture's statement takes a list of ids (access-batch.ts), the floor
  // reads all 20 in one statement beside the thread's, and its pictures only stream; otherwise each picture's own.
  const [picture] = pageFloor[1]!.queries;
  if (pageFloor[1]!.queries.length === 1 && Array.isArray(picture!.values?.[0])) {
    pageFilesFloor = [{ ...picture!, values: [files.map((file) => file.id), ...picture!.values!.slice(1)] }];
    for (const step of pageFloor.slice(1)) step.queries = [];
  }
  if (values.explain) await explain([...pageFloor[0]!.queries, ...pageFloor[1]!.queries]);

  // The JSON first, then the pictures its body shows.
  async function view(real: boolean): Promise<number> {
    const get = async (i: number) => {
      const path = real ? paths[i]! : `/bench/floor/page/${i}`;
      return (await (await ok(await fetch(base + path, { headers: real ? auth : {} }), path)).arrayBuffer())
        .byteLength;
    };
    let bytes = await get(0);
    await inParallel(IMAGES, BROWSER_PARALLEL, async (i) => {
      bytes += await get(i + 1);
    });
    return bytes;
  }
  const realBytes = await view(true);
  const floorBytes = await view(false);
  for (let i = 0; i < WARMUP; i++) {
    await view(true);
    await view(false);
  }
  const requests = VIEWS * paths.length;
  const postgresLocal = Boolean(values['database-url']?.match(/@(127\.0\.0\.1|localhost)[:/]/));
  async function measure(real: boolean) {
    const before = readCpu(process.pid, postgresLocal);
    const sent = statements;
    const start = process.hrtime.bigint();
    for (let i = 0; i < VIEWS; i++) await view(real);
    const ms = (seconds(start) / VIEWS) * 1000;
    return {
      ms,
      statements: (statements - sent) / VIEWS,
      ...cpuPerRequest(before, readCpu(process.pid, postgresLocal), requests),
    };
  }
  const rounds: { plein: Awaited<ReturnType<typeof measure>>; floor: Awaited<ReturnType<typeof measure>> }[] =
    [];
  for (let r = 0; r < ROUNDS; r++) {
    // Turns swap each round, so neither side always runs on a warmer (or busier) machine.
    if (r % 2 === 0) {
      const plein = await measure(true);
      rounds.push({ plein, floor: await measure(false) });
    } else {
      const floor = await measure(false);
      rounds.push({ plein: await measure(true), floor });
    }
  }
  const of = (side: 'plein' | 'floor', key: 'ms' | 'statements' | 'nodeMs' | 'postgresMs') => {
    const figures = rounds.map((round) => round[side][key]);
    return figures.some((figure) => figure === null) ? null : round2(median(figures as number[]));
  };
  const shares = rounds.map((round) => round.floor.ms / round.plein.ms);
  return {
    imagesProcessedPerSecond,
    threadPage: {
      images: IMAGES,
      rounds: ROUNDS,
      viewsPerRound: VIEWS,
      requestsPerView: paths.length,
      statementsPerView: of('plein', 'statements'),
      floorStatementsPerView: of('floor', 'statements'),
      kilobytesPerView: Math.round(realBytes / 1024),
      floorKilobytesPerView: Math.round(floorBytes / 1024),
      msPerView: of('plein', 'ms'),
      floorMsPerView: of('floor', 'ms'),
      share: round2(median(shares)),
      shares: shares.map(round2),
      cpuMsPerRequest: { node: of('plein', 'nodeMs'), postgres: of('plein', 'postgresMs') },
      floorCpuMsPerRequest: { node: of('floor', 'nodeMs'), postgres: of('floor', 'postgresMs') },
    },
  };
}

const upload = ONLY.has('upload') ? await uploads() : null;
const pageResult = ONLY.has('page') ? await page() : null;
const result = {
  bench: 'attachments',
  engine: values['database-url'] ? 'postgresql' : 'pglite',
  load,
  loadAfter: loadavg()[0]!.toFixed(1),
  upload,
  ...pageResult,
};
console.table({
  ...(upload && {
    'upload MB/s': { plein: upload.mbPerSecond, floor: upload.floorMbPerSecond, share: upload.share },
  }),
  ...(pageResult && {
    'thread page ms (median)': {
      plein: pageResult.threadPage.msPerView,
      floor: pageResult.threadPage.floorMsPerView,
      share: pageResult.threadPage.share,
    },
    'statements per view (median)': {
      plein: pageResult.threadPage.statementsPerView,
      floor: pageResult.threadPage.floorStatementsPerView,
    },
    'CPU ms per request, this process': {
      plein: pageResult.threadPage.cpuMsPerRequest.node,
      floor: pageResult.threadPage.floorCpuMsPerRequest.node,
    },
    'CPU ms per request, PostgreSQL': {
      plein: pageResult.threadPage.cpuMsPerRequest.postgres,
      floor: pageResult.threadPage.floorCpuMsPerRequest.postgres,
    },
  }),
});
console.log(JSON.stringify(result));
await app.close();
await db.close();
await rm(filesDir, { recursive: true, force: true });
