import { existsSync, rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { ARTIFACTS } from './browser.js';
import { type RunningServer, startServer } from './server.js';

let server: RunningServer | null = null;

/** One Plein node for the whole run, on a fresh database seeded with the demo organisation. */
export async function setup(project: TestProject): Promise<void> {
  if (!existsSync(new URL('../web/dist/index.html', import.meta.url))) {
    throw new Error('No web build: run `npm run test:e2e`, which builds the web first.');
  }
  if (!existsSync(new URL('../dist/server.js', import.meta.url))) {
    throw new Error('No server build: run `npm run test:e2e`, which builds the server first.');
  }
  // This run's pictures only, for CI to keep.
  rmSync(ARTIFACTS, { recursive: true, force: true });
  server = await startServer();
  project.provide('baseUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
