import type { Queryable } from '../../platform/db/database.js';

export type InvitationRow = {
  id: string;
  person_id: string;
  email: string;
  name: string;
  handle: string;
  locale: 'nl' | 'en' | null;
  person_status: 'active' | 'deactivated';
  created_at: Date;
  sent_at: Date;
  send_count: number;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
};

const columns = `i.id, i.person_id, p.email, p.name, p.handle, p.locale, p.status as person_status, i.created_at,
  i.sent_at, i.send_count, i.expires_at, i.accepted_at, i.revoked_at`;

export async function insertInvitation(
  db: Queryable,
  invitation: { personId: string; tokenHash: string; invitedBy: string; expiresAt: Date },
  now: Date,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into invitations (person_id, token_hash, invited_by, created_at, sent_at, expires_at)
     values ($1, $2, $3, $4, $4, $5) returning id`,
    [invitation.personId, invitation.tokenHash, invitation.invitedBy, now, invitation.expiresAt],
  );
  await db.query(
    `update people set invited_at = coalesce(invited_at, $2),
                       provisioned_via = coalesce(provisioned_via, 'invite'),
                       provisioned_at = coalesce(provisioned_at, $2)
      where id = $1`,
    [invitation.personId, now],
  );
  return rows[0]!.id;
}

export async function findInvitation(db: Queryable, id: string): Promise<InvitationRow | null> {
  const { rows } = await db.query<InvitationRow>(
    `select ${columns} from invitations i join people p on p.id = i.person_id where i.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** The invitation a link's secret belongs to, locked for the acceptance that may follow. */
export async function findByTokenHash(
  db: Queryable,
  tokenHash: string,
  lock = false,
): Promise<InvitationRow | null> {
  const { rows } = await db.query<InvitationRow>(
    `select ${columns} from invitations i join people p on p.id = i.person_id where i.token_hash = $1
     ${lock ? 'for update of i' : ''}`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

export async function hasOpenInvitation(db: Queryable, personId: string): Promise<boolean> {
  const { rows } = await db.query(
    'select 1 from invitations where person_id = $1 and accepted_at is null and revoked_at is null',
    [personId],
  );
  return rows.length > 0;
}

/** A new link replaces the old one (which stops working) and the expiry starts again. */
export async function renewToken(
  db: Queryable,
  id: string,
  tokenHash: string,
  expiresAt: Date,
  now: Date,
): Promise<number> {
  const { rows } = await db.query<{ send_count: number }>(
    `update invitations set token_hash = $2, expires_at = $3, sent_at = $4, send_count = send_count + 1
      where id = $1 returning send_count`,
    [id, tokenHash, expiresAt, now],
  );
  return rows[0]!.send_count;
}

export async function markRevoked(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query('update invitations set revoked_at = $2 where id = $1', [id, now]);
}

export async function markAccepted(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query('update invitations set accepted_at = $2 where id = $1', [id, now]);
}

export async function setPassword(
  db: Queryable,
  personId: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await db.query('update people set password_hash = $2, updated_at = $3 where id = $1', [
    personId,
    passwordHash,
    now,
  ]);
}

const statusSql = (now: string) => `case when i.accepted_at is not null then 'accepted'
  when i.revoked_at is not null then 'revoked' when i.expires_at <= ${now}::timestamptz then 'expired' else 'open' end`;

/** Newest first, keyset on (created_at, id). */
export async function listInvitations(
  db: Queryable,
  options: {
    status: string | null;
    after: { createdAt: string; id: string } | null;
    limit: number;
    now: Date;
  },
): Promise<InvitationRow[]> {
  const params: unknown[] = [options.now, options.limit];
  let where = '';
  if (options.status) {
    params.push(options.status);
    where += ` and ${statusSql('$1')} = $${params.length}`;
  }
  if (options.after) {
    params.push(options.after.createdAt, options.after.id);
    where += ` and (i.created_at, i.id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`;
  }
  const { rows } = await db.query<InvitationRow>(
    `select ${columns} from invitations i join people p on p.id = i.person_id
      where $1::timestamptz is not null ${where} order by i.created_at desc, i.id desc limit $2`,
    params,
  );
  return rows;
}

export const invitationStatus = (
  row: InvitationRow,
  now: Date,
): 'open' | 'expired' | 'accepted' | 'revoked' =>
  row.accepted_at
    ? 'accepted'
    : row.revoked_at
      ? 'revoked'
      : row.expires_at.getTime() <= now.getTime()
        ? 'expired'
        : 'open';

/** People by lower-case email, for the CSV's managers and duplicates: one statement for the whole file. */
export async function peopleByEmail(
  db: Queryable,
  emails: string[],
): Promise<Map<string, { id: string; activated_at: Date | null; status: string }>> {
  const { rows } = await db.query<{ id: string; email: string; activated_at: Date | null; status: string }>(
    'select id, lower(email) as email, activated_at, status from people where lower(email) = any($1::text[])',
    [emails],
  );
  return new Map(rows.map((row) => [row.email, row]));
}

// Magic sign-in links.

export async function insertSignInLink(
  db: Queryable,
  link: { tokenHash: string; personId: string; expiresAt: Date },
  now: Date,
): Promise<void> {
  await db.query(
    'insert into sign_in_links (token_hash, person_id, created_at, expires_at) values ($1, $2, $3, $4)',
    [link.tokenHash, link.personId, now, link.expiresAt],
  );
}

/** Uses a link once: the person it signs in, or null when it is unknown, used, expired or its person deactivated. */
export async function useSignInLink(db: Queryable, tokenHash: string, now: Date): Promise<string | null> {
  const { rows } = await db.query<{ person_id: string }>(
    `update sign_in_links l set used_at = $2
       from people p
      where l.token_hash = $1 and l.used_at is null and l.expires_at > $2 and p.id = l.person_id and p.status = 'active'
      returning l.person_id`,
    [tokenHash, now],
  );
  return rows[0]?.person_id ?? null;
}

export async function findActivePersonByEmail(
  db: Queryable,
  email: string,
): Promise<{ id: string; email: string; name: string; locale: 'nl' | 'en' | null } | null> {
  const { rows } = await db.query<{ id: string; email: string; name: string; locale: 'nl' | 'en' | null }>(
    "select id, email, name, locale from people where lower(email) = lower($1) and status = 'active'",
    [email],
  );
  return rows[0] ?? null;
}

/** Used and expired sign-in links are of no use to anyone: deleted; answers how many. */
export async function sweepSignInLinks(db: Queryable, now: Date): Promise<number> {
  const { rowCount } = await db.query(
    'delete from sign_in_links where expires_at <= $1 or used_at is not null',
    [now],
  );
  return rowCount ?? 0;
}

/** An invitation whose link can no longer be used keeps its row (the funnel, the list) but loses the hash. */
export async function sweepInvitationTokens(db: Queryable, now: Date): Promise<number> {
  const { rowCount } = await db.query(
    `update invitations set token_hash = null
      where token_hash is not null and (accepted_at is not null or revoked_at is not null or expires_at <= $1)`,
    [now],
  );
  return rowCount ?? 0;
}
