import type { Queryable } from '../../../platform/db/database.js';
import type { Touched } from './touched.js';

// One row in settings: the union of what batches since the last finished roll-ups touched (any run, any source).
const KEY = 'importRollupsPending';

/** Widens the pending span by a batch's part, in the batch's own transaction. */
export async function addPending(db: Queryable, touched: Touched): Promise<void> {
  await db.query(
    `insert into settings as s (key, value) values ($1, $2::jsonb)
     on conflict (key) do update set updated_at = now(), value = jsonb_build_object(
       'changed', true,
       'from', least(s.value->>'from', excluded.value->>'from'),
       'to', greatest(s.value->>'to', excluded.value->>'to'),
       'everything', (s.value->>'everything')::boolean or (excluded.value->>'everything')::boolean)`,
    [KEY, JSON.stringify(touched)],
  );
}

export async function readPending(db: Queryable): Promise<Touched | null> {
  const { rows } = await db.query<{ value: Touched }>('select value from settings where key = $1', [KEY]);
  return rows[0]?.value ?? null;
}

/** Once the roll-ups took it in; a batch that widened it meanwhile (another import) leaves it for its own run. */
export async function clearPending(db: Queryable, seen: Touched): Promise<void> {
  await db.query('delete from settings where key = $1 and value = $2::jsonb', [KEY, JSON.stringify(seen)]);
}
