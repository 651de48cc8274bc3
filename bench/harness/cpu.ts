/**
 * CPU time spent by the Plein node and by the PostgreSQL server's processes on this machine, from Linux's /proc
 * (time on a core, in nanoseconds, from schedstat): per request it says which side a figure is bound by. Null where
 * /proc cannot tell (another system, or PostgreSQL on another machine or in the node as PGlite).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const onCpuMs = (pid: string): number => {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return 0; // it ended meanwhile
  }
};

const isPostgres = (pid: string): boolean => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return false;
  }
};

export type CpuReading = { nodeMs: number; postgresMs: number | null };

export function readCpu(nodePid: number, postgresLocal: boolean): CpuReading | null {
  if (!existsSync(`/proc/${nodePid}/schedstat`)) return null;
  const nodeMs = onCpuMs(String(nodePid));
  if (!postgresLocal) return { nodeMs, postgresMs: null };
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name) && isPostgres(name));
  return { nodeMs, postgresMs: pids.reduce((sum, pid) => sum + onCpuMs(pid), 0) };
}

/** Core-milliseconds per request of each side between two readings; null where a reading could not be made. */
export function cpuPerRequest(before: CpuReading | null, after: CpuReading | null, requests: number) {
  if (!before || !after || requests === 0) return { nodeMs: null, postgresMs: null };
  const postgres =
    before.postgresMs === null || after.postgresMs === null
      ? null
      : (after.postgresMs - before.postgresMs) / requests;
  return { nodeMs: (after.nodeMs - before.nodeMs) / requests, postgresMs: postgres };
}
