import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/fresh-database.js';
import { openDatabase } from './database.js';

describe('openDatabase', () => {
  // PGlite has neither JIT nor parallel workers; on a server both cost requests dearly (see database.ts).
  it.runIf(process.env.DATABASE_URL)(
    'gives server connections that neither JIT-compile statements nor start parallel workers',
    async () => {
      const fresh = await freshDatabase();
      const db = await openDatabase(fresh.database);
      try {
        const { rows } = await db.pool.query<{ jit: string; workers: string }>(
          `select current_setting('jit') as jit, current_setting('max_parallel_workers_per_gather') as workers`,
        );
        expect(rows[0]).toEqual({ jit: 'off', workers: '0' });
      } finally {
        await db.close();
        await fresh.drop();
      }
    },
  );
});
