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
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
