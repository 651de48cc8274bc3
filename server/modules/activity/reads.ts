import type { Queryable } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';

/**
 * Readers for the participation ladder (docs/ANALYTICS.md): one row per person per UTC day on which they opened a
 * thread. This node remembers whom it recorded today, so a reader's further pages that day touch no database.
 */
const recorded = new WeakMap<object, { day: string; people: Set<string> }>();

export async function insertRead(db: Queryable, personId: string, at: Date): Promise<void> {
  await db.query(
    `insert into person_read_days (person_id, day) values ($1, ($2::timestamptz at time zone 'UTC')::date)
     on conflict do nothing`,
    [personId, at],
  );
}

/** Records the read once the response is sent: a failure is logged, never shown to the reader. */
export function recordReadAfter(
  response: { once(event: 'finish', listener: () => void): unknown },
  deps: Deps,
  personId: string,
): void {
  const at = deps.clock.now();
  const day = at.toISOString().slice(0, 10);
  let today = recorded.get(deps.db.pool);
  if (today?.day !== day) {
    today = { day, people: new Set() };
    recorded.set(deps.db.pool, today);
  }
  if (today.people.has(personId)) return;
  const people = today.people;
  response.once('finish', () => {
    insertRead(deps.db.pool, personId, at).then(
      () => people.add(personId),
      (error: unknown) => deps.log.warn({ err: error }, 'could not record a thread read'),
    );
  });
}
