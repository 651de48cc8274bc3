import type { Queryable } from '../db/database.js';

export type StoredAnswer = { fingerprint: string; status: number; body: string };

/** The first answer given for this person's key, if it was given after `since`. */
export async function findAnswer(
  db: Queryable,
  personId: string,
  key: string,
  since: Date,
): Promise<StoredAnswer | null> {
  const { rows } = await db.query<StoredAnswer>(
    `select fingerprint, status, body from idempotency_keys
      where person_id = $1 and key = $2 and created_at > $3`,
    [personId, key, since],
  );
  return rows[0] ?? null;
}

/**
 * Keeps the answer under the key, replacing one older than `since`; false when a live one exists already (a
 * concurrent retry committed first: this statement waited for it on the primary key).
 */
export async function storeAnswer(
  db: Queryable,
  entry: StoredAnswer & { personId: string; key: string; now: Date; since: Date },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `insert into idempotency_keys (person_id, key, fingerprint, status, body, created_at)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (person_id, key) do update
       set fingerprint = excluded.fingerprint, status = excluded.status, body = excluded.body,
           created_at = excluded.created_at
       where idempotency_keys.created_at <= $7`,
    [entry.personId, entry.key, entry.fingerprint, entry.status, entry.body, entry.now, entry.since],
  );
  return rowCount === 1;
}

/** Forgets keys given before `before`; returns how many. */
export async function deleteAnswersBefore(db: Queryable, before: Date): Promise<number> {
  const { rowCount } = await db.query('delete from idempotency_keys where created_at <= $1', [before]);
  return rowCount ?? 0;
}
