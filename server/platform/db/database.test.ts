import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/fresh-database.js';
import { openDatabase } from './database.js';

describe('openDatabase', () => {
  // PGlite has no JIT compiler; on a server, compiling cost seconds per search statement (see database.ts).
  it.runIf(process.env.DATABASE_URL)(
    'gives server connections that do not JIT-compile statements',
    async () => {
      const fresh = await freshDatabase();
      const db = await openDatabase(fresh.database);
      try {
        const { rows } = await db.pool.query<{ jit: string }>('show jit');
        expect(rows[0]!.jit).toBe('off');
      } finally {
        await db.close();
        await fresh.drop();
      }
    },
  );
});
