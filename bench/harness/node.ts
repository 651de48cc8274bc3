/**
 * The Plein node under test: the real app on the given database, plus bench-only routes — a bare "hello" and,
 * per scenario, a floor that replays the SQL the real endpoint ran. Prints one JSON line when ready.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { HOUR } from '../../server/demo/calendar.js';
import { DEMO_PASSWORD } from '../../server/demo/organisation.js';
import { writeOrganisation } from '../../server/demo/seed.js';
import { hashPassword } from '../../server/platform/auth/secrets.js';
import { inTransaction, openDatabase } from '../../server/platform/db/database.js';
import { migrate } from '../../server/platform/db/migrate.js';
import { peerShape } from '../data/peer-shape.js';
import { prepareScenarios } from './scenarios.js';
import {
  installRecorder,
  type RecordedQuery,
  recordRequest,
  recordRequests,
  replay,
  stopRecording,
} from './sql-recorder.js';

installRecorder();
const config = loadConfig({
  ...process.env,
  PLEIN_DATA_DIR: process.env.PLEIN_DATA_DIR || mkdtempSync(join(tmpdir(), 'plein-bench-')),
  PLEIN_DEMO: '0',
  PLEIN_LOG_LEVEL: process.env.PLEIN_LOG_LEVEL || 'warn',
  PORT: '0',
});
const db = await openDatabase(config.database);
await migrate(db.pool);
const loadStarted = performance.now();
const empty = (await db.pool.query('select 1 from people limit 1')).rows.length === 0;
if (empty) {
  // No data given: the peer shape, through the demo's own loader (PGlite has no COPY through its pg adapter).
  const now = Math.floor(Date.now() / HOUR) * HOUR;
  const hash = await hashPassword(DEMO_PASSWORD);
  await inTransaction(db.pool, (tx) => writeOrganisation(tx, peerShape(now), hash, now));
  await db.pool.query('analyze');
}
const loadSeconds = empty ? (performance.now() - loadStarted) / 1000 : 0;

const { app } = await buildApp({ config, db });
app.get('/bench/hello', async (_request, reply) => reply.type('text/plain').send('hello'));
const floors = new Map<string, RecordedQuery[][]>();
recordRequests(app);
app.route({
  method: ['GET', 'POST'],
  url: '/bench/floor/:scenario/:index',
  handler: async (request, reply) => {
    const { scenario, index } = request.params as { scenario: string; index: string };
    const queries = floors.get(scenario)?.[Number(index)];
    if (!queries) return reply.code(404).send('no such floor');
    const rows = await replay(db.pool, queries);
    return reply.type('application/json').send(JSON.stringify(rows));
  },
});
await app.ready();

// Only the scenarios the run asks for are recorded: their writes and slow reads stay off a shared database.
const only = process.env.PLEIN_BENCH_ONLY?.split(',');
const scenarios = (await prepareScenarios(app, db.pool)).filter((s) => !only || only.includes(s.name));
// Each request of each scenario runs once for real, with its SQL recorded for the floor.
for (const scenario of scenarios) {
  // As under load, each viewer is in the node's viewer cache (looked up again once per 5 seconds).
  for (const headers of new Set(scenario.requests.map((request) => request.headers))) {
    await app.inject({ url: '/api/v1/auth/session', headers });
  }
  const recorded: RecordedQuery[][] = [];
  for (const request of scenario.requests) {
    const { response, queries } = await recordRequest(app, {
      method: request.method,
      url: request.path,
      headers: request.headers,
      payload: request.body,
    });
    if (response.statusCode >= 400) {
      throw new Error(
        `${scenario.name} ${request.path}: ${response.statusCode} ${response.body.slice(0, 300)}`,
      );
    }
    recorded.push(queries);
  }
  floors.set(scenario.name, recorded);
  if (process.env.PLEIN_BENCH_LOG_SQL) logStatements(scenario.name, recorded);
}
stopRecording();

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(
  `${JSON.stringify({
    ready: true,
    port,
    pid: process.pid,
    engine: db.engine,
    loadedPeerShape: empty,
    loadSeconds,
    scenarios: scenarios.map((s) => ({
      name: s.name,
      label: s.label,
      requests: s.requests,
      floorQueries: floors.get(s.name)!.map((q) => q.length),
    })),
  })}\n`,
);

const stop = async () => {
  await app.close();
  // Floors whose client already hung up may still be replaying: let them finish before the pool ends.
  await new Promise((resolve) => setTimeout(resolve, 500));
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

/** --log-sql: each scenario's statements per request, and the first request's in the order they ran. */
function logStatements(scenario: string, recorded: RecordedQuery[][]): void {
  const counts = recorded.map((queries) => queries.length);
  const lines = (recorded[0] ?? []).map(
    (query, i) =>
      `  ${i + 1}. ${query.transaction === null ? '  ' : 'tx'} ${query.text.replace(/\s+/g, ' ').slice(0, 110)}`,
  );
  process.stderr.write(
    `[sql] ${scenario}: ${counts.join(' ')} statements per request\n${lines.join('\n')}\n`,
  );
}
