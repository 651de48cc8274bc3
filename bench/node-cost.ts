/**
 * Plein's own CPU per request, with no sockets, load generator or other process in the figure:
 * npx tsx bench/node-cost.ts --database-url postgres://… [--only feed,profile] [--requests 4000] [--rounds 3]
 * The real app on the given database (the peer shape, loaded as `npm run bench` loads it), each read scenario's
 * requests injected 16 at a time, and the node's CPU time per request (process.cpuUsage, user + system) — beside
 * its floor: the same recorded SQL replayed on the pool, no HTTP at all. The difference is what Plein's own code
 * (routing, who is asking, validation, presenting, the response check and JSON) costs per request. Rounds
 * alternate endpoint and floor; the medians are printed. Add `node --cpu-prof` (`npx tsx --cpu-prof …`) to see
 * where that difference goes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/platform/db/database.js';
import { type BenchRequest, prepareScenarios } from './harness/scenarios.js';
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
    only: { type: 'string', default: 'feed,community,thread,replies10,profile' },
    requests: { type: 'string', default: '4000' },
    rounds: { type: 'string', default: '3' },
  },
});
if (!values['database-url']) throw new Error('--database-url is required (a database with the peer shape)');
const total = Number(values.requests);
const IN_FLIGHT = 16;

installRecorder();
const config = loadConfig({
  ...process.env,
  DATABASE_URL: values['database-url'],
  PLEIN_DATA_DIR: mkdtempSync(join(tmpdir(), 'plein-node-cost-')),
  PLEIN_DEMO: '0',
  PLEIN_LOG_LEVEL: 'warn',
});
const db = await openDatabase(config.database);
const { app } = await buildApp({ config, db, logger: false });
app.get('/bench/hello', async (_request, reply) => reply.type('text/plain').send('hello'));
recordRequests(app);
await app.ready();
const only = values.only.split(',');
const scenarios = (await prepareScenarios(app, db.pool)).filter((s) => only.includes(s.name) && !s.write);
const floors = new Map<string, RecordedQuery[][]>();
for (const scenario of scenarios) {
  const recorded: RecordedQuery[][] = [];
  for (const request of scenario.requests) recorded.push((await recordRequest(app, inject(request))).queries);
  floors.set(scenario.name, recorded);
}
stopRecording();

function inject(request: BenchRequest) {
  return { method: request.method, url: request.path, headers: request.headers, payload: request.body };
}

/** Runs `count` calls of `one(i)`, IN_FLIGHT at a time; returns the process's CPU milliseconds per call. */
async function cpuPerCall(count: number, one: (i: number) => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  let next = 0;
  const worker = async () => {
    while (next < count) await one(next++);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / count;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `node CPU ms per request, medians of ${values.rounds} rounds of ${total} requests, ${IN_FLIGHT} at a time`,
);
console.log('scenario      endpoint   floor  Plein own');
// What injecting a request costs by itself: a bare route, no hooks of Plein's beyond the app-wide ones.
const hello = () => app.inject({ url: '/bench/hello' });
await cpuPerCall(total / 4, hello);
const hellos: number[] = [];
for (let round = 0; round < Number(values.rounds); round++) hellos.push(await cpuPerCall(total, hello));
console.log(`${'hello'.padEnd(12)} ${median(hellos).toFixed(3).padStart(9)}`);
for (const scenario of scenarios) {
  const recorded = floors.get(scenario.name)!;
  const endpoint = async (i: number) => {
    const response = await app.inject(inject(scenario.requests[i % scenario.requests.length]!));
    if (response.statusCode !== 200)
      throw new Error(`${scenario.name}: ${response.statusCode} ${response.body}`);
  };
  const floor = (i: number) => replay(db.pool, recorded[i % recorded.length]!);
  await cpuPerCall(total / 4, endpoint);
  await cpuPerCall(total / 4, floor);
  const endpoints: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    endpoints.push(await cpuPerCall(total, endpoint));
    bare.push(await cpuPerCall(total, floor));
  }
  const [e, f] = [median(endpoints), median(bare)];
  console.log(
    `${scenario.name.padEnd(12)} ${e.toFixed(3).padStart(9)} ${f.toFixed(3).padStart(7)} ${(e - f).toFixed(3).padStart(10)}`,
  );
}
await app.close();
await db.close();
