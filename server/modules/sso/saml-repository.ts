import type { Queryable } from '../../platform/db/database.js';

export async function insertRequest(
  db: Queryable,
  request: { id: string; now: Date; expiresAt: Date },
): Promise<void> {
  // Abandoned requests go as new ones come: the table holds at most a few minutes of sign-ins.
  await db.query('delete from saml_requests where expires_at <= $1', [request.now]);
  await db.query('insert into saml_requests (id, created_at, expires_at) values ($1, $2, $3)', [
    request.id,
    request.now,
    request.expiresAt,
  ]);
}

/** Whether Plein sent this request and it has not expired; the library asks before it checks the signature. */
export async function requestIsOpen(db: Queryable, id: string, now: Date): Promise<string | null> {
  const { rows } = await db.query<{ created_at: Date }>(
    'select created_at from saml_requests where id = $1 and expires_at > $2',
    [id, now],
  );
  return rows[0] ? rows[0].created_at.toISOString() : null;
}

/** Takes the request out, so one response answers it, however many arrive at once. */
export async function takeRequest(db: Queryable, id: string, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    'delete from saml_requests where id = $1 and expires_at > $2 returning id',
    [id, now],
  );
  return rows.length > 0;
}

/** Records an assertion as used; false when it was used before (a replay). */
export async function useAssertion(
  db: Queryable,
  assertion: { issuer: string; id: string; expiresAt: Date; now: Date },
): Promise<boolean> {
  await db.query('delete from saml_used_assertions where expires_at <= $1', [assertion.now]);
  const { rows } = await db.query(
    `insert into saml_used_assertions (issuer, assertion_id, expires_at) values ($1, $2, $3)
     on conflict do nothing returning assertion_id`,
    [assertion.issuer, assertion.id, assertion.expiresAt],
  );
  return rows.length > 0;
}
