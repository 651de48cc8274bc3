import type { Role } from '../../platform/auth/viewer.js';
import type { Queryable } from '../../platform/db/database.js';
import { statement } from '../../platform/db/statement.js';

export type ViewerRow = {
  id: string;
  handle: string;
  name: string;
  role: Role;
  is_leader: boolean;
  locale: 'nl' | 'en' | null;
  suspended_until: Date | null;
};

const viewerColumns = 'p.id, p.handle, p.name, p.role, p.is_leader, p.locale, p.suspended_until';

const VIEWER_BY_SESSION = statement(
  `select ${viewerColumns}, s.csrf_token, s.last_seen_at, s.expires_at
     from sessions s join people p on p.id = s.person_id
    where s.id = $1 and s.expires_at > $2 and p.status = 'active'`,
);

export async function findViewerBySession(db: Queryable, sessionId: string, now: Date) {
  const { rows } = await db.query<ViewerRow & { csrf_token: string; last_seen_at: Date; expires_at: Date }>({
    ...VIEWER_BY_SESSION,
    values: [sessionId, now],
  });
  return rows[0] ?? null;
}

const VIEWER_BY_TOKEN = statement(
  `select ${viewerColumns}, t.id as token_id, t.last_used_at
     from api_tokens t join people p on p.id = t.person_id
    where t.token_hash = $1 and t.revoked_at is null and p.status = 'active'`,
);

export async function findViewerByToken(db: Queryable, tokenHash: string) {
  const { rows } = await db.query<ViewerRow & { token_id: string; last_used_at: Date | null }>({
    ...VIEWER_BY_TOKEN,
    values: [tokenHash],
  });
  return rows[0] ?? null;
}

export async function findLoginCandidate(db: Queryable, email: string) {
  const { rows } = await db.query<{ id: string; password_hash: string | null; status: string }>(
    'select id, password_hash, status from people where lower(email) = lower($1)',
    [email],
  );
  return rows[0] ?? null;
}

export async function insertSession(
  db: Queryable,
  session: {
    id: string;
    personId: string;
    csrfToken: string;
    expiresAt: Date;
    userAgent: string;
    ip: string;
    now: Date;
  },
): Promise<void> {
  await db.query(
    `insert into sessions (id, person_id, csrf_token, created_at, last_seen_at, expires_at, user_agent, ip)
     values ($1, $2, $3, $7, $7, $4, $5, $6)`,
    [
      session.id,
      session.personId,
      session.csrfToken,
      session.expiresAt,
      session.userAgent,
      session.ip,
      session.now,
    ],
  );
}

export async function touchSession(
  db: Queryable,
  sessionId: string,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await db.query('update sessions set last_seen_at = $2, expires_at = $3 where id = $1', [
    sessionId,
    now,
    expiresAt,
  ]);
}

export async function deleteSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query('delete from sessions where id = $1', [sessionId]);
}

/** Ends every way a person is signed in: used when they are deactivated. */
export async function revokeAllAccess(db: Queryable, personId: string, now: Date): Promise<void> {
  await db.query('delete from sessions where person_id = $1', [personId]);
  await db.query('update api_tokens set revoked_at = $2 where person_id = $1 and revoked_at is null', [
    personId,
    now,
  ]);
}

/** Every sign-in: the first one activates the person (the funnel's second step); each one is their last. */
export async function recordSignIn(db: Queryable, personId: string, now: Date): Promise<void> {
  await db.query(
    'update people set activated_at = coalesce(activated_at, $2), last_sign_in_at = $2 where id = $1',
    [personId, now],
  );
}

/** An invitation still waiting is closed by the person arriving, whichever way they came; answers its id. */
export async function closeWaitingInvitation(
  db: Queryable,
  personId: string,
  now: Date,
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `update invitations set accepted_at = $2
      where person_id = $1 and accepted_at is null and revoked_at is null returning id`,
    [personId, now],
  );
  return rows[0]?.id ?? null;
}

export type TokenRow = { id: string; name: string; created_at: Date; last_used_at: Date | null };

export async function insertToken(
  db: Queryable,
  personId: string,
  name: string,
  tokenHash: string,
  now: Date,
) {
  const { rows } = await db.query<TokenRow>(
    `insert into api_tokens (person_id, name, token_hash, created_at) values ($1, $2, $3, $4)
     returning id, name, created_at, last_used_at`,
    [personId, name, tokenHash, now],
  );
  return rows[0]!;
}

export async function listTokens(db: Queryable, personId: string) {
  const { rows } = await db.query<TokenRow>(
    `select id, name, created_at, last_used_at from api_tokens
      where person_id = $1 and revoked_at is null order by id desc`,
    [personId],
  );
  return rows;
}

export async function countTokens(db: Queryable, personId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(*)::int as n from api_tokens where person_id = $1 and revoked_at is null',
    [personId],
  );
  return rows[0]!.n;
}

export async function revokeToken(
  db: Queryable,
  personId: string,
  tokenId: string,
  now: Date,
): Promise<boolean> {
  const result = await db.query(
    'update api_tokens set revoked_at = $3 where id = $2 and person_id = $1 and revoked_at is null',
    [personId, tokenId, now],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function touchToken(db: Queryable, tokenId: string, now: Date): Promise<void> {
  await db.query('update api_tokens set last_used_at = $2 where id = $1', [tokenId, now]);
}

/** Of the given sources (`device:…`, `address:…`), those the person signed in from since the given moments. */
export async function findKnownSources(
  db: Queryable,
  personId: string,
  sources: string[],
  since: { device: Date; address: Date },
): Promise<string[]> {
  const { rows } = await db.query<{ source: string }>(
    `select source from sign_in_sources
      where person_id = $1 and source = any($2::text[])
        and last_success_at > case when source like 'device:%' then $3::timestamptz else $4::timestamptz end`,
    [personId, sources, since.device, since.address],
  );
  return rows.map((row) => row.source);
}

export async function rememberSources(
  db: Queryable,
  personId: string,
  sources: string[],
  now: Date,
): Promise<void> {
  await db.query(
    `insert into sign_in_sources (person_id, source, last_success_at)
     select $1, source, $3 from unnest($2::text[]) as source
     on conflict (person_id, source) do update set last_success_at = excluded.last_success_at`,
    [personId, sources, now],
  );
}

/** Sources not used for a sign-in since the given moments are forgotten. */
export async function forgetStaleSources(
  db: Queryable,
  before: { device: Date; address: Date },
): Promise<void> {
  await db.query(
    `delete from sign_in_sources
      where last_success_at < case when source like 'device:%' then $1::timestamptz else $2::timestamptz end`,
    [before.device, before.address],
  );
}
