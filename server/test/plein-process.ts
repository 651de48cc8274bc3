import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundle } from '../build.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
// PGlite compiles its WebAssembly on every start; on a busy two-core machine that takes a while.
export const START_TIMEOUT = 300_000;

export type LogLine = { msg?: string; reqId?: string; [key: string]: unknown };

/** Builds the server as `npm start` builds it (dist/server.js), into a file of this test file's own. */
export async function buildServer(name: string): Promise<{ file: string; remove(): void }> {
  const file = `dist/${name}-${process.pid}.js`;
  await bundle('server/main.ts', file);
  return { file, remove: () => rmSync(`${repoRoot}/${file}`, { force: true }) };
}

/** The built server as a child process, the way `npm start` runs it. */
export class PleinProcess {
  readonly child: ChildProcess;
  readonly logs: LogLine[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: (() => void)[] = [];

  constructor(built: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, [built], {
      cwd: repoRoot,
      // Only what we choose: the test run's own DATABASE_URL must not leak into the child.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        HOST: '127.0.0.1',
        PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines.filter(Boolean)) this.logs.push(parseLine(line));
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = once(this.child, 'exit').then(([code, signal]) => ({ code, signal }));
  }

  /** The first log line that matches, waiting for it to be written. */
  async waitForLog(matches: (line: LogLine) => boolean, what: string): Promise<LogLine> {
    const deadline = Date.now() + START_TIMEOUT;
    for (;;) {
      const found = this.logs.find(matches);
      if (found) return found;
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(
          `No log line "${what}". stderr:\n${this.stderr}\nlogs:\n${JSON.stringify(this.logs)}`,
        );
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 250);
      });
    }
  }

  /** Its port once it is ready: it listens first and answers 503 "preparing" until its start-up data is there. */
  async port(): Promise<number> {
    const line = await this.waitForLog(
      (l) => /^Server listening at http:\/\/127\.0\.0\.1:\d+$/.test(l.msg ?? ''),
      'listening',
    );
    await this.waitForLog((l) => l.msg === 'ready', 'ready');
    return Number(line.msg!.split(':').at(-1));
  }

  messages = () => this.logs.map((line) => line.msg);

  /** Still running: it has neither exited nor been killed. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}

const parseLine = (line: string): LogLine => {
  try {
    return JSON.parse(line);
  } catch {
    return { msg: line, unstructured: true };
  }
};
