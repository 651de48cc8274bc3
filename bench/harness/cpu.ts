/**
 * CPU time spent by the Plein node and by the PostgreSQL server's processes on this machine, from Linux's /proc:
 * per request it says which side a figure is bound by. Null where /proc cannot tell (another system, or PostgreSQL
 * on another machine or in the node as PGlite).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** The node's time on a core, in milliseconds (schedstat: nanoseconds, the finest /proc has). */
const onCpuMs = (pid: string): number => {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return 0; // it ended meanwhile
  }
};

let ticksPerSecond: number | null = null;
const msPerTick = () => {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return 1000 / ticksPerSecond;
};

type ProcessTimes = { comm: string; parent: string; ownTicks: number; exitedChildrenTicks: number };

/** From /proc/<pid>/stat: its name, its parent, its own user + system time and that of its children that ended. */
export function parseStat(stat: string): ProcessTimes {
  // The name sits in parentheses and may hold spaces or parentheses itself: the fields follow the last ')'.
  const close = stat.lastIndexOf(')');
  const comm = stat.slice(stat.indexOf('(') + 1, close);
  const fields = stat.slice(close + 2).split(' ');
  // Fields 4, 14–17 of proc(5), counted from the state (field 3) at index 0.
  return {
    comm,
    parent: fields[1]!,
    ownTicks: Number(fields[11]) + Number(fields[12]),
    exitedChildrenTicks: Number(fields[13]) + Number(fields[14]),
  };
}

const timesOf = (pid: string): ProcessTimes | null => {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null; // it ended meanwhile
  }
};

/**
 * All PostgreSQL CPU so far, in milliseconds: every live postgres process's own time, plus, on each postmaster
 * (a postgres process whose parent is not one), the time of its children that have ended. A connection closing
 * mid-run moves its time from the first sum to the second instead of out of the total, which made the figure
 * negative when it was the live processes alone.
 */
export function postgresCpuMs(processes: Map<string, ProcessTimes>): number {
  let ticks = 0;
  for (const times of processes.values()) {
    if (times.comm !== 'postgres') continue;
    ticks += times.ownTicks;
    if (processes.get(times.parent)?.comm !== 'postgres') ticks += times.exitedChildrenTicks;
  }
  return ticks * msPerTick();
}

export type CpuReading = { nodeMs: number; postgresMs: number | null };

export function readCpu(nodePid: number, postgresLocal: boolean): CpuReading | null {
  if (!existsSync(`/proc/${nodePid}/schedstat`)) return null;
  const nodeMs = onCpuMs(String(nodePid));
  if (!postgresLocal) return { nodeMs, postgresMs: null };
  const processes = new Map<string, ProcessTimes>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const times = timesOf(pid);
    if (times) processes.set(pid, times);
  }
  return { nodeMs, postgresMs: postgresCpuMs(processes) };
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
