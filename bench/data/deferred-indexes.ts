import type pg from 'pg';

type Definition = { table: string; name: string; sql: string };

/**
 * Drops the keys, foreign keys and indexes of the tables about to be bulk-loaded, and returns the steps that
 * put them back afterwards: building an index once over loaded rows is far cheaper than keeping it up per row.
 */
export async function deferIndexes(pool: pg.Pool, tables: string[]) {
  const constraints = await pool.query<{ table: string; name: string; def: string; type: string }>(
    `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def, contype as type
       from pg_constraint
      where contype in ('p', 'u', 'f')
        and (conrelid = any($1::regclass[]) or confrelid = any($1::regclass[]))`,
    [tables],
  );
  const indexes = await pool.query<{ table: string; name: string; def: string }>(
    `select i.indrelid::regclass::text as table, i.indexrelid::regclass::text as name,
            pg_get_indexdef(i.indexrelid) as def
       from pg_index i
      where i.indrelid = any($1::regclass[])
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [tables],
  );
  const foreign = constraints.rows.filter((c) => c.type === 'f');
  const keys = constraints.rows.filter((c) => c.type !== 'f');
  for (const c of foreign) await pool.query(`alter table ${c.table} drop constraint ${c.name}`);
  for (const c of keys) await pool.query(`alter table ${c.table} drop constraint ${c.name}`);
  for (const index of indexes.rows) await pool.query(`drop index ${index.name}`);
  const add = (c: { table: string; name: string; def: string }): Definition => ({
    table: c.table,
    name: c.name,
    sql: `alter table ${c.table} add constraint ${c.name} ${c.def}`,
  });
  return {
    keys: keys.map(add),
    indexes: indexes.rows.map((i) => ({ table: i.table, name: i.name, sql: i.def })),
    foreignKeys: foreign.map(add),
  };
}

/** Builds the deferred definitions on `connections` connections at once, biggest tables first. */
export async function restore(pool: pg.Pool, definitions: Definition[], connections: number): Promise<void> {
  const queue = [...definitions];
  const worker = async () => {
    const client = await pool.connect();
    try {
      await client.query(`set maintenance_work_mem = '1GB'`);
      for (let next = queue.shift(); next; next = queue.shift()) await client.query(next.sql);
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
}
