import type { Queryable } from '../../platform/db/database.js';

export type Attempt = {
  id: string;
  state: string;
  nonce: string | null;
  code_verifier: string | null;
  return_to: string;
  expires_at: Date;
};

export async function insertAttempt(
  db: Queryable,
  attempt: Omit<Attempt, 'expires_at'> & { now: Date; expiresAt: Date },
): Promise<void> {
  // Abandoned attempts go as new ones come: the table holds at most a few minutes of sign-ins.
  await db.query('delete from sso_attempts where expires_at <= $1', [attempt.now]);
  await db.query(
    `insert into sso_attempts (id, state, nonce, code_verifier, return_to, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      attempt.id,
      attempt.state,
      attempt.nonce,
      attempt.code_verifier,
      attempt.return_to,
      attempt.now,
      attempt.expiresAt,
    ],
  );
}

/** Takes the attempt out, so its state and code can be used once only, whatever the outcome. */
export async function takeAttempt(db: Queryable, id: string): Promise<Attempt | null> {
  const { rows } = await db.query<Attempt>(
    `delete from sso_attempts where id = $1
     returning id, state, nonce, code_verifier, return_to, expires_at`,
    [id],
  );
  return rows[0] ?? null;
}

export type IdentityRow = { id: string; person_id: string; status: 'active' | 'deactivated' };

export async function findIdentity(
  db: Queryable,
  issuer: string,
  subject: string,
): Promise<IdentityRow | null> {
  const { rows } = await db.query<IdentityRow>(
    `select i.id, i.person_id, p.status
       from person_identities i join people p on p.id = i.person_id
      where i.issuer = $1 and i.subject = $2`,
    [issuer, subject],
  );
  return rows[0] ?? null;
}

/** Whether the person is already known to this issuer under another subject: then email may not join them. */
export async function hasIdentityAt(db: Queryable, issuer: string, personId: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from person_identities where issuer = $1 and person_id = $2', [
    issuer,
    personId,
  ]);
  return rows.length > 0;
}

export async function insertIdentity(
  db: Queryable,
  identity: { issuer: string; subject: string; personId: string; now: Date },
): Promise<void> {
  await db.query(
    `insert into person_identities (issuer, subject, person_id, created_at, last_sign_in_at)
     values ($1, $2, $3, $4, $4)`,
    [identity.issuer, identity.subject, identity.personId, identity.now],
  );
}

export async function touchIdentity(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query('update person_identities set last_sign_in_at = $2 where id = $1', [id, now]);
}

export async function insertSsoSession(
  db: Queryable,
  session: { sessionId: string; issuer: string; subject: string; sid: string | null; idToken: string },
): Promise<void> {
  await db.query(
    'insert into sso_sessions (session_id, issuer, subject, sid, id_token) values ($1, $2, $3, $4, $5)',
    [session.sessionId, session.issuer, session.subject, session.sid, session.idToken],
  );
}

export async function findSsoSession(db: Queryable, sessionId: string) {
  const { rows } = await db.query<{ issuer: string; id_token: string }>(
    'select issuer, id_token from sso_sessions where session_id = $1',
    [sessionId],
  );
  return rows[0] ?? null;
}

/**
 * Ends the Plein sessions a provider's logout concerns: those of its session `sid` (of `sub` too, when both are
 * given), or every one of `sub` when there is no sid. Returns the ended session ids and their people.
 */
export async function deleteSessionsOf(
  db: Queryable,
  issuer: string,
  which: { sid: string | null; sub: string | null },
) {
  const { rows } = await db.query<{ id: string; person_id: string }>(
    `delete from sessions s using sso_sessions o
      where o.session_id = s.id and o.issuer = $1
        and ($2::text is null or o.sid = $2) and ($3::text is null or o.subject = $3)
     returning s.id, s.person_id`,
    [issuer, which.sid, which.sub],
  );
  return rows;
}
