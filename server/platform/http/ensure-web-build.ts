import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { WEB_DIST } from './spa.js';

/** Runs before `npm start`: on a fresh checkout there is no web/dist yet, so build it once (a few seconds). */
if (!existsSync(join(WEB_DIST, 'index.html'))) {
  process.stdout.write('Plein: building the web app once (web/dist is missing)…\n');
  await build({
    configFile: fileURLToPath(new URL('../../../web/vite.config.ts', import.meta.url)),
    logLevel: 'warn',
  });
}
