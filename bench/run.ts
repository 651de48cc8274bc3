/**
 * npm run bench -- [--database-url postgres://…] [--connections 16] [--seconds 10] [--tool wrk|autocannon]
 *   [--only feed,search] [--cpu-prof] [--log-sql]
 * Starts a Plein node on the given database (default: a fresh PGlite loaded with the peer shape), warms up,
 * then loads every scenario and its floor (the same SQL in a bare route) and a bare "hello", as signed-in
 * people. Prints a table, writes JSON to bench/results/ and reports the node's memory after the run, and each
 * scenario's CPU per request in the node and (on a server on this machine) in PostgreSQL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { bundle } from '../server/build.js';
import { runAutocannon } from './harness/autocannon.js';
import { cpuPerRequest, readCpu } from './harness/cpu.js';
import type { LoadResult, LoadRun } from './harness/load-result.js';
import type { BenchRequest } from './harness/scenarios.js';
import { runWrk, wrkInstalled } from './harness/wrk.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    connections: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    tool: { type: 'string' },
    only: { type: 'string' },
    label: { type: 'string', default: '' },
    'cpu-prof': { type: 'boolean', default: false },
    'log-sql': { type: 'boolean', default: false },
  },
});

type Ready = {
  port: number;
  pid: number;
  engine: string;
  loadedPeerShape: boolean;
  loadSeconds: number;
  scenarios: { name: string; label: string; requests: BenchRequest[]; floorQueries: number[] }[];
};

async function startNode(): Promise<{ child: ChildProcess; ready: Ready }> {
  // Built as `npm start` builds the server: plain JavaScript, so the memory measured is production's.
  await bundle('bench/harness/node.ts', 'dist/bench-node.js');
  const env: NodeJS.ProcessEnv = { ...process.env, PLEIN_LOG_LEVEL: process.env.PLEIN_LOG_LEVEL ?? 'warn' };
  // Without --database-url the node runs on a fresh PGlite, whatever the shell's environment says.
  if (values['database-url']) env.DATABASE_URL = values['database-url'];
  else delete env.DATABASE_URL;
  if (values.only) env.PLEIN_BENCH_ONLY = values.only;
  else delete env.PLEIN_BENCH_ONLY;
  // --log-sql: the node prints the statements it recorded for each scenario's floor.
  if (values['log-sql']) env.PLEIN_BENCH_LOG_SQL = '1';
  else delete env.PLEIN_BENCH_LOG_SQL;
  // --cpu-prof: the node writes a V8 profile of the whole run (open it in Chrome's DevTools) when it stops.
  const profile = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir=bench/results/profiles'] : [];
  const child = spawn(process.execPath, [...profile, 'dist/bench-node.js'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The node never outlives the bench, whichever way the bench ends.
  process.once('exit', () => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the Plein node exited with ${code} before it was ready`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"ready"')) resolve({ child, ready: JSON.parse(line) as Ready });
      else if (line.trim()) process.stderr.write(`[node] ${line}\n`);
    });
  });
}

/** Resident and peak memory of a process, from /proc. */
function memoryOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

/**
 * Starts the node's peak memory anew (Linux: "5" to clear_refs) and returns the peak before: the setup's (64
 * sign-ins, each hashing a password in memory, and the scenarios' preparation) apart from the runs', and each
 * scenario's apart from the others'.
 */
function resetPeak(pid: number): number {
  const before = memoryOf(pid).peakRssMb;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not Linux, or not allowed: the peak then runs on from the start.
  }
  return before;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const p95 = (result: LoadResult) => (result.p95Ms === null ? '–' : fmt(result.p95Ms, 2));

async function main() {
  const tool = values.tool ?? (wrkInstalled() ? 'wrk' : 'autocannon');
  const load = tool === 'wrk' ? runWrk : runAutocannon;
  const connections = Number(values.connections);
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  const loadBefore = loadavg()[0]!;
  const { child, ready } = await startNode();
  const setupPeakMb = resetPeak(ready.pid);
  const baseUrl = `http://127.0.0.1:${ready.port}`;
  const run = (requests: BenchRequest[], time: number): Promise<LoadResult> =>
    load({ baseUrl, requests, connections, seconds: time } satisfies LoadRun);
  console.log(
    `Plein on ${ready.engine}${ready.loadedPeerShape ? ` (peer shape loaded in ${ready.loadSeconds.toFixed(1)} s)` : ''}, ` +
      `${tool}, ${connections} connections, ${seconds} s per run, ${warmup} s warm-up`,
  );
  const hello = await run([{ method: 'GET', path: '/bench/hello', headers: {} }], seconds);
  const rows: {
    scenario: string;
    label: string;
    plein: LoadResult;
    floor: LoadResult;
    queries: number;
    peakRssMb: number;
    cpu: ReturnType<typeof cpuPerRequest>;
  }[] = [];
  let runsPeakMb = 0;
  // PostgreSQL's processes are counted only when the server runs on this machine (PGlite's work is the node's).
  const host = values['database-url'] ? new URL(values['database-url']).hostname : null;
  const postgresHere = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  const only = values.only?.split(',');
  for (const scenario of ready.scenarios) {
    if (only && !only.includes(scenario.name)) continue;
    const floorRequests = scenario.requests.map((r, i) => ({
      ...r,
      path: `/bench/floor/${scenario.name}/${i}`,
    }));
    // The node's peak memory over the scenario's own requests (its floor's come after the reading).
    runsPeakMb = Math.max(runsPeakMb, resetPeak(ready.pid));
    if (warmup > 0) await run(scenario.requests, warmup);
    const cpuBefore = readCpu(ready.pid, postgresHere);
    const plein = await run(scenario.requests, seconds);
    const cpu = cpuPerRequest(cpuBefore, readCpu(ready.pid, postgresHere), plein.requests);
    const peakRssMb = memoryOf(ready.pid).peakRssMb;
    if (warmup > 0) await run(floorRequests, warmup);
    const floor = await run(floorRequests, seconds);
    const queries = Math.round(
      scenario.floorQueries.reduce((a, b) => a + b, 0) / scenario.floorQueries.length,
    );
    rows.push({ scenario: scenario.name, label: scenario.label, plein, floor, queries, peakRssMb, cpu });
    console.log(`  ${scenario.label}: ${fmt(plein.rps)} req/s (floor ${fmt(floor.rps)})`);
  }
  const memory = memoryOf(ready.pid);
  memory.peakRssMb = Math.max(memory.peakRssMb, runsPeakMb);
  child.kill('SIGTERM');

  const header = [
    'endpoint',
    'SQL',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'errors',
    'floor req/s',
    'floor p99',
    '% of floor',
    'peak MB',
    'node ms',
    'PG ms',
  ];
  const table = [
    header,
    [
      'hello (bare route)',
      '0',
      fmt(hello.rps),
      fmt(hello.p50Ms, 2),
      p95(hello),
      fmt(hello.p99Ms, 2),
      String(hello.errors),
      '',
      '',
      '',
      '',
      '',
      '',
    ],
    ...rows.map((r) => [
      r.label,
      String(r.queries),
      fmt(r.plein.rps),
      fmt(r.plein.p50Ms, 2),
      p95(r.plein),
      fmt(r.plein.p99Ms, 2),
      String(r.plein.errors + r.floor.errors),
      fmt(r.floor.rps),
      fmt(r.floor.p99Ms, 2),
      `${fmt((100 * r.plein.rps) / r.floor.rps)}%`,
      String(r.peakRssMb),
      r.cpu.nodeMs === null ? '' : fmt(r.cpu.nodeMs, 2),
      r.cpu.postgresMs === null ? '' : fmt(r.cpu.postgresMs, 2),
    ]),
  ];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const [n, row] of table.entries()) {
    console.log(
      row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
    );
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log(
    `node RSS after the run: ${memory.rssMb} MB (peak during the runs ${memory.peakRssMb} MB; during setup ${setupPeakMb} MB)`,
  );
  // Other work on the machine skews every figure: the load average says how quiet it was.
  const machineLoad = { before: loadBefore, after: loadavg()[0]! };
  console.log(
    `machine load average (1 min): ${machineLoad.before.toFixed(2)} before, ${machineLoad.after.toFixed(2)} after`,
  );

  const result = {
    at: new Date().toISOString(),
    label: values.label,
    engine: ready.engine,
    database: values['database-url']
      ? new URL(values['database-url']).pathname.slice(1)
      : 'pglite (peer shape)',
    tool,
    connections,
    seconds,
    hello,
    endpoints: rows,
    memory: { ...memory, setupPeakMb },
    machineLoad,
  };
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${result.at.replace(/[:.]/g, '-')}-${ready.engine}${values.label ? `-${values.label}` : ''}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
