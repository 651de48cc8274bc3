/**
 * npx tsx bench/attachments.ts [--database-url postgres://…] [--uploads 40] [--megabytes 4] [--views 100]
 * Files over real HTTP on 127.0.0.1, a node in this process on a fresh PGlite (or the given database), folder
 * storage in a temporary directory:
 * 1. upload throughput: `--uploads` files of `--megabytes` each through POST /api/v1/attachments (multipart,
 *    streamed, type sniffed, stored), four at a time; floor: the same bytes over HTTP into a bare route that streams
 *    them to a file in the same folder, with no parsing, sniffing, limits or database.
 * 2. the thread page with 20 images: the thread, its replies, its files and the 20 thumbnails, as the browser asks
 *    for them (four at a time); floor: the same number of requests and bytes from a bare route that streams the
 *    same stored files with no session, authorisation or database.
 * Prints a table and a JSON line.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { processPendingFiles } from '../server/modules/attachments/jobs.js';
import { variantKey } from '../server/modules/attachments/keys.js';
import { openDatabase } from '../server/platform/db/database.js';
import { migrate } from '../server/platform/db/migrate.js';
import type { Credentials } from '../server/test/client.js';
import { buildCommunity, buildPerson, tokenFor } from '../server/test/factories.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    uploads: { type: 'string', default: '40' },
    megabytes: { type: 'string', default: '4' },
    views: { type: 'string', default: '100' },
  },
});
const UPLOADS = Number(values.uploads);
const BYTES = Math.round(Number(values.megabytes) * 1024 * 1024);
const VIEWS = Number(values.views);
const IMAGES = 20;
const PARALLEL = 4;

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
const stored = new Map<string, string>();
app.get('/bench/floor/file/:id', (request, reply) => {
  const key = stored.get((request.params as { id: string }).id);
  if (!key) return reply.code(404).send();
  return reply.type('image/webp').send(createReadStream(join(filesDir, key)));
});
app.get('/bench/floor/json', async () => ({ ok: true }));
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
async function inParallel(count: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < count) await task(next++);
    }),
  );
}
async function ok(response: Response, what: string) {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return response;
}

// 1. Upload throughput. A PDF header so the type sniffs as a document, not as a picture to process.
const payload = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(BYTES - 9)]);
function form(name: string, content: Buffer) {
  const data = new FormData();
  data.append('file', new Blob([new Uint8Array(content)], { type: 'application/pdf' }), name);
  return data;
}
const uploadStart = process.hrtime.bigint();
await inParallel(UPLOADS, async (i) => {
  await ok(
    await fetch(`${base}/api/v1/attachments`, {
      method: 'POST',
      headers: auth,
      body: form(`report-${i}.pdf`, payload),
    }),
    'upload',
  );
});
const uploadSeconds = seconds(uploadStart);
const floorUploadStart = process.hrtime.bigint();
await inParallel(UPLOADS, async () => {
  await ok(
    await fetch(`${base}/bench/floor/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-plein-bench' },
      body: payload,
    }),
    'floor upload',
  );
});
const floorUploadSeconds = seconds(floorUploadStart);

// 2. A thread with 20 photos (1600×1200, as phones send them after the browser's own downscale), processed.
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
const processStart = process.hrtime.bigint();
while ((await processPendingFiles(deps, 10)) > 0);
const processSeconds = seconds(processStart);
const created = await ok(
  await fetch(`${base}/api/v1/threads`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      communitySlug: community.slug,
      kind: 'discussion',
      title: 'The new office, in pictures',
      body: images.map((image, i) => `![Room ${i + 1}](${image.url})`).join('\n\n'),
    }),
  }),
  'thread',
);
const thread = (await created.json()) as { id: string };
const { rows: keys } = await db.pool.query<{ id: string; storage_key: string }>(
  'select id::text, storage_key from attachments where thread_id = $1',
  [thread.id],
);
if (keys.length !== IMAGES) throw new Error(`the thread holds ${keys.length} files, not ${IMAGES}`);
// The floor serves the stored thumbnails: the same bytes the real page transfers.
for (const key of keys) stored.set(key.id, variantKey(key.storage_key, 'thumb'));

async function view(real: boolean): Promise<number> {
  let bytes = 0;
  const json = real
    ? [
        `/api/v1/threads/${thread.id}`,
        `/api/v1/threads/${thread.id}/replies`,
        `/api/v1/threads/${thread.id}/attachments`,
      ]
    : ['/bench/floor/json', '/bench/floor/json', '/bench/floor/json'];
  await Promise.all(
    json.map(async (path) => {
      bytes += (await (await ok(await fetch(base + path, { headers: real ? auth : {} }), path)).arrayBuffer())
        .byteLength;
    }),
  );
  const files = keys.map((key) =>
    real ? `/api/v1/attachments/${key.id}/content?size=thumb` : `/bench/floor/file/${key.id}`,
  );
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < files.length) {
        const path = files[next++]!;
        const body = await (
          await ok(await fetch(base + path, { headers: real ? auth : {} }), path)
        ).arrayBuffer();
        bytes += body.byteLength;
      }
    }),
  );
  return bytes;
}
// Warm up both.
const pageBytes = await view(true);
const { rows: variant } = await db.pool.query<{ has_variants: boolean }>(
  'select bool_and(has_variants) as has_variants from attachments where thread_id = $1',
  [thread.id],
);
if (!variant[0]?.has_variants) throw new Error('the images were not processed');
await view(false);
const pageStart = process.hrtime.bigint();
for (let i = 0; i < VIEWS; i++) await view(true);
const pageSeconds = seconds(pageStart);
const floorPageStart = process.hrtime.bigint();
for (let i = 0; i < VIEWS; i++) await view(false);
const floorPageSeconds = seconds(floorPageStart);

const mb = (UPLOADS * BYTES) / (1024 * 1024);
const result = {
  bench: 'attachments',
  engine: values['database-url'] ? 'postgresql' : 'pglite',
  load,
  upload: {
    files: UPLOADS,
    megabytesEach: BYTES / (1024 * 1024),
    mbPerSecond: +(mb / uploadSeconds).toFixed(1),
    floorMbPerSecond: +(mb / floorUploadSeconds).toFixed(1),
    share: +(floorUploadSeconds / uploadSeconds).toFixed(2),
  },
  imagesProcessedPerSecond: +(IMAGES / processSeconds).toFixed(1),
  threadPage: {
    images: IMAGES,
    views: VIEWS,
    kilobytesPerView: Math.round(pageBytes / 1024),
    msPerView: +((pageSeconds / VIEWS) * 1000).toFixed(1),
    floorMsPerView: +((floorPageSeconds / VIEWS) * 1000).toFixed(1),
    share: +(floorPageSeconds / pageSeconds).toFixed(2),
  },
};
console.table({
  'upload MB/s': {
    plein: result.upload.mbPerSecond,
    floor: result.upload.floorMbPerSecond,
    share: result.upload.share,
  },
  'thread page ms': {
    plein: result.threadPage.msPerView,
    floor: result.threadPage.floorMsPerView,
    share: result.threadPage.share,
  },
});
console.log(JSON.stringify(result));
await app.close();
await db.close();
await rm(filesDir, { recursive: true, force: true });
