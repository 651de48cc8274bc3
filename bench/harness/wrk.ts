import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LoadResult, LoadRun } from './load-result.js';

export function wrkInstalled(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version exits 1 after printing its version; only a missing binary is ENOENT.
    return (error as { code?: string }).code !== 'ENOENT';
  }
}

/** A Lua string literal: JSON's escapes are Lua's for the ASCII the bench sends. */
const lua = (text: string) => JSON.stringify(text);

/** wrk with a script that rotates through the requests (each thread from its own offset) and reports JSON. */
export async function runWrk(run: LoadRun): Promise<LoadResult> {
  const entries = run.requests.map((r) => {
    const headers = Object.entries(r.headers)
      .map(([k, v]) => `[${lua(k)}]=${lua(v)}`)
      .join(',');
    return `{${lua(r.method)},${lua(r.path)},{${headers}},${r.body === undefined ? 'nil' : lua(r.body)}}`;
  });
  const script = `
local requests = {${entries.join(',\n')}}
local threads = 0
function setup(thread) thread:set("offset", threads * 17) threads = threads + 1 end
local counter = 0
function init(args) counter = offset or 0 end
function request()
  counter = counter + 1
  local r = requests[(counter % #requests) + 1]
  return wrk.format(r[1], r[2], r[3], r[4])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests":%d,"micros":%d,"p50":%d,"p95":%d,"p99":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end`;
  const dir = mkdtempSync(join(tmpdir(), 'plein-wrk-'));
  const file = join(dir, 'requests.lua');
  writeFileSync(file, script);
  const threads = Math.min(2, run.connections);
  const { stdout } = await promisify(execFile)(
    'wrk',
    [
      `-t${threads}`,
      `-c${run.connections}`,
      `-d${run.seconds}s`,
      '--timeout',
      '10s',
      '-s',
      file,
      run.baseUrl,
    ],
    { maxBuffer: 1 << 20 },
  );
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
  const r = JSON.parse(line.slice(7)) as {
    requests: number;
    micros: number;
    p50: number;
    p95: number;
    p99: number;
    errors: number;
  };
  const seconds = r.micros / 1e6;
  return {
    requests: r.requests,
    seconds,
    rps: r.requests / seconds,
    p50Ms: r.p50 / 1000,
    p95Ms: r.p95 / 1000,
    p99Ms: r.p99 / 1000,
    errors: r.errors,
  };
}
