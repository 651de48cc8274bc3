import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ADMIN = { email: 'admin@e2e.example', password: 'e2e-admin-password' };
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** A port nobody uses right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export type RunningServer = { url: string; stop: () => Promise<void>; log: string };

/**
 * Starts the built server (dist/server.js) as `npm start` does, on a temporary PGlite directory, with demo mode and an
 * admin; on env.PORT when given (a test that must name Plein's address to someone first, as single sign-on does).
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'plein-e2e-'));
  const log = join(dataDir, 'server.log');
  const out = createWriteStream(log);
  const child: ChildProcess = spawn(process.execPath, ['dist/server.js'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      PLEIN_DATA_DIR: join(dataDir, 'db'),
      PLEIN_DEMO: '1',
      PLEIN_ADMIN_EMAIL: ADMIN.email,
      PLEIN_ADMIN_PASSWORD: ADMIN.password,
      PLEIN_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  // It answers 503 "preparing" while it seeds the demo: wait for that to finish (or the node to exit), not for a
  // budget a busy machine misses; the cap only ends a start that hangs.
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, stop, log };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const output = readFileSync(log, 'utf8').slice(-4000);
  await stop();
  throw new Error(`Plein did not become ready (exit code ${child.exitCode}):\n${output}`);
}
