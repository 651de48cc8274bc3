import type { Queryable } from '../../platform/db/database.js';
import type { ViewerRow } from '../auth/repository.js';

/** The active person with this address, as a viewer row (with any suspension), with their email as stored. */
export async function findSender(
  db: Queryable,
  address: string,
): Promise<(ViewerRow & { email: string }) | null> {
  const { rows } = await db.query<ViewerRow & { email: string }>(
    `select p.id, p.handle, p.name, p.role, p.is_leader, p.locale, p.suspended_until, p.email
       from people p where lower(p.email) = $1 and p.status = 'active'`,
    [address.toLowerCase()],
  );
  return rows[0] ?? null;
}

export async function findPersonEmail(db: Queryable, personId: string): Promise<string | null> {
  const { rows } = await db.query<{ email: string }>(
    `select email from people where id = $1 and status = 'active'`,
    [personId],
  );
  return rows[0]?.email ?? null;
}

export async function findReplyThread(db: Queryable, replyId: string): Promise<string | null> {
  const { rows } = await db.query<{ thread_id: string }>('select thread_id from replies where id = $1', [
    replyId,
  ]);
  return rows[0]?.thread_id ?? null;
}

/** The community open to mail at this local part (its slug or its alias), and whether the person is a member. */
export async function findMailInCommunity(db: Queryable, localPart: string, personId: string | null) {
  const { rows } = await db.query<{ slug: string; visibility: string; is_member: boolean }>(
    `select c.slug, c.visibility,
            exists (select from community_members m where m.community_id = c.id and m.person_id = $2) as is_member
       from communities c
      where c.mail_in_enabled and (lower(c.slug) = $1 or lower(c.mail_in_alias) = $1)
      limit 1`,
    [localPart.toLowerCase(), personId],
  );
  return rows[0] ?? null;
}

/** A bounce to bounce+<token>: one more strike for the person that mail went to (3 stops mail to them). */
export async function raiseBounceScore(db: Queryable, mailId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `insert into mail_recipients (person_id, bounce_score)
     select person_id, 1 from outbound_mail where id = $1 and person_id is not null
     on conflict (person_id) do update set bounce_score = mail_recipients.bounce_score + 1`,
    [mailId],
  );
  return (rowCount ?? 0) > 0;
}

/** Opens or closes a community to mail; keeps an alias once given. Returns the local part when open. */
export async function setMailIn(
  db: Queryable,
  communityId: string,
  enabled: boolean,
  alias: string | null,
): Promise<string | null> {
  const { rows } = await db.query<{ local: string }>(
    `update communities set mail_in_enabled = $2, mail_in_alias = coalesce(mail_in_alias, $3)
      where id = $1 returning coalesce(mail_in_alias, slug) as local`,
    [communityId, enabled, enabled ? alias : null],
  );
  return enabled ? (rows[0]?.local ?? null) : null;
}
