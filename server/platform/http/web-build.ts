import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inProject } from '../project-root.js';
import { WEB_DIST } from './spa.js';

/**
 * The first `npm start` builds the web app (web/dist is missing) while the node already listens: in a child
 * process, so the node keeps answering "preparing" meanwhile, and at the same time as the demo seed.
 * Undefined when there is a build already; rejects with the build's last words when it fails.
 */
export function buildWebIfMissing(root = WEB_DIST): Promise<void> | undefined {
  if (existsSync(join(root, 'index.html'))) return undefined;
  const vite = inProject('node_modules', 'vite', 'bin', 'vite.js');
  const config = inProject('web', 'vite.config.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', config, '--logLevel', 'warn'], {
      cwd: inProject(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the web build failed (exit ${code}):\n${stderr}`)),
    );
  });
}
