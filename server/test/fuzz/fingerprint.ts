import type { Queryable } from '../../platform/db/database.js';

/** Tables a rejected request may write by design: throttling counters (a refused guess still costs), job leases. */
const EXEMPT = new Set(['rate_limit_hits', 'rate_limit_buckets', 'job_leases', 'schema_migrations']);
/** Columns an edit or a soft delete moves, where a row count would not change. */
const CHANGE_COLUMNS = [
  'updated_at',
  'edited_at',
  'deleted_at',
  'revoked_at',
  'read_at',
  'last_activity_at',
  'decided_at',
];

/**
 * A cheap summary of the whole database in one statement: every table's row count and the latest of its change
 * columns. A rejected request must leave it as it was.
 */
export async function fingerprinter(db: Queryable): Promise<() => Promise<string>> {
  const { rows } = await db.query<{ table_name: string; columns: string[] }>(
    `select t.table_name,
            coalesce(array_agg(c.column_name::text order by c.column_name)
                     filter (where c.column_name = any($1::text[])), '{}') as columns
       from information_schema.tables t
       left join information_schema.columns c
         on c.table_schema = t.table_schema and c.table_name = t.table_name
      where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
      group by t.table_name order by t.table_name`,
    [CHANGE_COLUMNS],
  );
  const parts = rows
    .filter((row) => !EXEMPT.has(row.table_name))
    .map(({ table_name, columns }) => {
      const latest = columns.map((column) => `, max("${column}")::text`).join('');
      return `(select concat_ws('/', '${table_name}', count(*)${latest}) from "${table_name}")`;
    });
  const sql = `select concat_ws(' ', ${parts.join(', ')}) as fingerprint`;
  return async () => (await db.query<{ fingerprint: string }>(sql)).rows[0]!.fingerprint;
}
