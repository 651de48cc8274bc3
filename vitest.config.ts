import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'server/**/*.test.ts',
      'contract/**/*.test.ts',
      'bench/**/*.test.ts',
      'web/src/**/*.test.ts',
      'web/src/**/*.test.tsx',
    ],
    // On a PostgreSQL server, a new database per worker (PGlite workers have their own in memory anyway).
    setupFiles: ['server/test/worker-database.ts'],
    // One migrated database per worker, shared by its test files; tests isolate themselves by data.
    pool: 'forks',
    isolate: false,
    // Two files at a time: vitest's default (cores − 1) is one worker on a 2-core machine, leaving a core idle.
    maxWorkers: 2,
    // Only a safety net against a hang: tests wait for conditions, and a busy 2-core machine is slow, not broken.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
