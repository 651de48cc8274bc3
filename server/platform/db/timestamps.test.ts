import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/fresh-database.js';
import { openDatabase } from './database.js';

describe('timestamps from the database', () => {
  it('are the instants PostgreSQL holds, to the millisecond, whatever their form', async () => {
    const fresh = await freshDatabase();
    const db = await openDatabase(fresh.database);
    try {
      // Every fraction length, years at the edges of four digits, the epoch, and forms the fast path leaves alone.
      const { rows } = await db.pool.query<{ at: Date | number; ms: string | null; form: string }>(
        `with v(at) as (
           select timestamptz '2026-12-06 09:02:29+00' + make_interval(secs => n * 0.0000137 + n * 3607.3) from generate_series(0, 400) n
           union all values (timestamptz '0001-01-01 00:00:00+00'), (timestamptz '9999-12-31 23:59:59.999999+00'),
             (timestamptz '1970-01-01 00:00:00+00'), (timestamptz '1969-12-31 23:59:59.5+00'),
             (timestamptz '0044-03-15 12:00:00+00 BC'), (timestamptz 'infinity'), (timestamptz '-infinity'))
         select at, floor(extract(epoch from at) * 1000)::text as ms, at::text as form from v`,
      );
      expect(rows).toHaveLength(408);
      for (const row of rows) {
        const expected = row.form.endsWith('infinity')
          ? row.form.startsWith('-')
            ? -Infinity
            : Infinity
          : Number(row.ms);
        const ms = typeof row.at === 'number' ? row.at : row.at.getTime();
        expect({ form: row.form, ms }).toEqual({ form: row.form, ms: expected });
      }
      // The same instants written in another zone parse to the same times.
      await db.pool.query(`set timezone = 'Asia/Kolkata'`);
      const shifted = await db.pool.query<{ at: Date }>(
        `select timestamptz '2026-12-06 09:02:29.85+00' as at`,
      );
      expect(shifted.rows[0]!.at.toISOString()).toBe('2026-12-06T09:02:29.850Z');
    } finally {
      await db.close();
      await fresh.drop();
    }
  });
});
