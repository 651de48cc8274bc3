import { defineConfig } from 'vitest/config';

/** Browser journeys: one real Plein node on a fresh database, Debian's Chromium driven by playwright-core. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    // One server and one browser per file; files one after another keep a 2-core machine calm.
    fileParallelism: false,
    testTimeout: 90_000,
    // A hook may start a node of its own: on a busy machine that takes long, and the wait is for a condition.
    hookTimeout: 600_000,
  },
});
