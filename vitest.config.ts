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
    globalSetup: ['server/test/global-setup.ts'],
    // One migrated database per worker, shared by its test files; tests isolate themselves by data.
    pool: 'forks',
    isolate: false,
    // On a PostgreSQL server the workers would share one database, and row-count assertions need it quiet.
    fileParallelism: !process.env.DATABASE_URL,
    // Only a safety net against a hang: tests wait for conditions, and a busy 2-core machine is slow, not broken.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
