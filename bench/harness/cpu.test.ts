import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStat, postgresCpuMs } from './cpu.js';

const stat = (pid: number, comm: string, parent: number, own: [number, number], children: [number, number]) =>
  `${pid} (${comm}) S ${parent} ${pid} ${pid} 0 -1 4194560 100 0 0 0 ${own[0]} ${own[1]} ${children[0]} ${children[1]} 20 0 1 0 5 0 0`;

const processes = (lines: string[]) =>
  new Map(lines.map((line) => [line.split(' ')[0]!, parseStat(line)] as const));

/** Milliseconds per clock tick on this machine: one postmaster that used one tick. */
const msPerTick = () => postgresCpuMs(processes([stat(10, 'postgres', 1, [1, 0], [0, 0])]));

describe('PostgreSQL CPU from /proc', () => {
  it('reads a name with spaces and parentheses, its parent, its own time and its ended children’s', () => {
    expect(parseStat(stat(42, 'postgres: 15/main: (idle) x', 7, [120, 30], [900, 100]))).toEqual({
      comm: 'postgres: 15/main: (idle) x',
      parent: '7',
      ownTicks: 150,
      exitedChildrenTicks: 1000,
    });
  });

  it('keeps the time of a connection that closes between two readings', () => {
    // 1 is init; 10 the postmaster (comm "postgres"); 11 and 12 its backends. 12 closes before the second reading.
    const before = processes([
      stat(1, 'systemd', 0, [5, 5], [0, 0]),
      stat(10, 'postgres', 1, [50, 10], [200, 40]),
      stat(11, 'postgres', 10, [300, 20], [0, 0]),
      stat(12, 'postgres', 10, [400, 100], [0, 0]),
    ]);
    // Meanwhile 11 used 70 ticks, 12 used 25 more (525 in all) and ended, reaped by the postmaster; 13 opened and used 8.
    const after = processes([
      stat(1, 'systemd', 0, [5, 5], [0, 0]),
      stat(10, 'postgres', 1, [52, 10], [200 + 500, 40 + 25]),
      stat(11, 'postgres', 10, [360, 30], [0, 0]),
      stat(13, 'postgres', 10, [6, 2], [0, 0]),
    ]);
    const ticks = 2 + 70 + 25 + 8;
    const ms = postgresCpuMs(after) - postgresCpuMs(before);
    expect(ms).toBeCloseTo(ticks * msPerTick(), 6);
    expect(ms).toBeGreaterThan(0);
  });

  it('finds an ended child’s CPU in its parent’s children totals, as the kernel keeps them', () => {
    const children = () => parseStat(readFileSync('/proc/self/stat', 'utf8')).exitedChildrenTicks;
    const before = children();
    // A child that spends 300 ms of its own CPU time, then ends (spawnSync reaps it).
    const burnt = spawnSync(process.execPath, [
      '-e',
      'const t = process.cpuUsage(); while ((process.cpuUsage(t).user + process.cpuUsage(t).system) < 300000);',
    ]);
    expect(burnt.status).toBe(0);
    expect((children() - before) * msPerTick()).toBeGreaterThanOrEqual(290);
  });
});
