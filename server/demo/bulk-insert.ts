import type { Queryable } from '../platform/db/database.js';

export type Column = { name: string; type: string };

// Small enough that the node answers between statements (PGlite runs in its thread) while the first start seeds.
const CHUNK = 1000;

/**
 * Inserts rows as one statement per few thousand, passing each column as one array parameter (unnest): fast on
 * PGlite, which has no COPY FROM STDIN through its pg adapter, and on a server. Ids given are kept.
 */
export async function insertRows(
  db: Queryable,
  table: string,
  columns: Column[],
  rows: unknown[][],
): Promise<void> {
  const names = columns.map((c) => c.name).join(', ');
  const overriding = columns.some((c) => c.name === 'id') ? 'overriding system value' : '';
  const params = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const sql = `insert into ${table} (${names}) ${overriding} select * from unnest(${params})`;
  for (let from = 0; from < rows.length; from += CHUNK) {
    const chunk = rows.slice(from, from + CHUNK);
    await db.query(
      sql,
      columns.map((_, i) => chunk.map((row) => row[i])),
    );
  }
}

/** After inserting explicit ids, identity columns must continue after the highest one. */
export async function continueIdentity(db: Queryable, tables: string[]): Promise<void> {
  for (const table of tables) {
    await db.query(
      `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`,
    );
  }
}

/** "id:bigint tag:text" → column list. */
export function columns(spec: string): Column[] {
  return spec.split(' ').map((pair) => {
    const [name, type] = pair.split(':') as [string, string];
    return { name, type };
  });
}
