import autocannon from 'autocannon';
import type { LoadResult, LoadRun } from './load-result.js';

/** autocannon in this (the orchestrating) process, never in the Plein node being measured. */
export async function runAutocannon(run: LoadRun): Promise<LoadResult> {
  const result = await autocannon({
    url: run.baseUrl,
    connections: run.connections,
    duration: run.seconds,
    requests: run.requests.map((r) => ({
      method: r.method as 'GET' | 'POST',
      path: r.path,
      headers: r.headers,
      body: r.body,
    })),
  });
  const seconds = result.duration;
  return {
    requests: result.requests.total,
    seconds,
    rps: result.requests.total / seconds,
    p50Ms: result.latency.p50,
    p95Ms: null,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}
