import type { Queryable } from '../platform/db/database.js';

/** Row counts of every table, to prove a rejected request changed nothing. */
export async function rowCounts(db: Queryable): Promise<Record<string, number>> {
  const { rows } = await db.query<{ table_name: string }>(
    `select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('rate_limit_hits', 'rate_limit_buckets')
      order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of rows) {
    const result = await db.query<{ n: number }>(`select count(*)::int as n from "${table_name}"`);
    counts[table_name] = result.rows[0]!.n;
  }
  return counts;
}
