import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

/**
 * `npm run dev`: the API restarts on server changes (tsx watch) and the web reloads in place (Vite), on one
 * address: open the URL Vite prints; it passes /api through to the Plein node.
 */
const port = process.env.PORT ?? '3000';
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const api = spawn(process.execPath, [tsx, 'watch', 'server/main.ts'], {
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  env: { ...process.env, PORT: port },
  stdio: 'inherit',
});

const web = await createServer({ configFile: fileURLToPath(new URL('vite.config.ts', import.meta.url)) });
await web.listen();
web.printUrls();

const stop = async () => {
  api.kill('SIGTERM');
  await web.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
api.on('exit', (code) => {
  if (code !== null && code !== 0) process.stderr.write(`The Plein API stopped (exit ${code}).\n`);
});
