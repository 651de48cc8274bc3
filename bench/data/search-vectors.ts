import type pg from 'pg';

const TRIGGERS = [
  ['threads', 'threads_search_vector_trg'],
  ['replies', 'replies_search_vector_trg'],
] as const;

/** COPY without the per-row search triggers: the vectors are filled afterwards, in parallel, in one pass each. */
export async function pauseSearchTriggers(pool: pg.Pool): Promise<void> {
  for (const [table, trigger] of TRIGGERS)
    await pool.query(`alter table ${table} disable trigger ${trigger}`);
}

/**
 * Fills threads' and replies' search vectors in id ranges on `connections` connections (before their indexes are
 * built, so no GIN maintenance per row), then turns the triggers back on for everything written later.
 */
export async function fillSearchVectors(pool: pg.Pool, connections: number, batch = 200_000): Promise<void> {
  const ranges: string[] = [];
  for (const [table, title] of [
    ['threads', 'title'],
    ['replies', "''"],
  ] as const) {
    const { rows } = await pool.query<{ min: string | null; max: string | null }>(
      `select min(id)::text as min, max(id)::text as max from ${table}`,
    );
    if (!rows[0]?.min || !rows[0].max) continue;
    for (let from = Number(rows[0].min); from <= Number(rows[0].max); from += batch) {
      ranges.push(
        `update ${table} set search_vector = plein_search_vector(plein_search_config(), ${title}, body_md)
          where id >= ${from} and id < ${from + batch}`,
      );
    }
  }
  const worker = async () => {
    for (let next = ranges.shift(); next; next = ranges.shift()) await pool.query(next);
  };
  await Promise.all(Array.from({ length: connections }, worker));
  for (const [table, trigger] of TRIGGERS) await pool.query(`alter table ${table} enable trigger ${trigger}`);
}
