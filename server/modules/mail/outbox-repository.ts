import type { Queryable } from '../../platform/db/database.js';
import { statement } from '../../platform/db/statement.js';

export type OutboundRow = {
  id: string;
  person_id: string | null;
  to_address: string;
  kind: string;
  locale: 'nl' | 'en';
  subject: string;
  text_body: string;
  html_body: string;
  headers: Record<string, string>;
  status: 'queued' | 'enqueued' | 'sending' | 'sent' | 'outbox' | 'dead';
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
};

const COLUMNS = `id, person_id, to_address, kind, locale, subject, text_body, html_body, headers, status, attempts,
  last_error, created_at, sent_at`;

export type StoredMail = {
  idempotencyKey: string;
  personId: string | null;
  to: string;
  kind: string;
  locale: 'nl' | 'en';
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  notBefore: Date;
};

/** Stores a mail once per idempotency key; null when that key was stored before (nothing changes then). */
export async function insertMail(db: Queryable, mail: StoredMail, now: Date): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `insert into outbound_mail (idempotency_key, person_id, to_address, kind, locale, subject, text_body, html_body,
                                headers, not_before, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (idempotency_key) do nothing
     returning id`,
    [
      mail.idempotencyKey,
      mail.personId,
      mail.to,
      mail.kind,
      mail.locale,
      mail.subject,
      mail.text,
      mail.html,
      JSON.stringify(mail.headers),
      mail.notBefore,
      now,
    ],
  );
  return rows[0]?.id ?? null;
}

const INSERT_MAILS = statement(`
  insert into outbound_mail (idempotency_key, person_id, to_address, kind, locale, subject, text_body, html_body,
                             headers, not_before, created_at)
  select m.key, m.person_id, m.to_address, m.kind, m.locale, m.subject, m.text_body, m.html_body, m.headers::jsonb,
         m.not_before, $11
    from unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::text[], $10::timestamptz[])
      as m(key, person_id, to_address, kind, locale, subject, text_body, html_body, headers, not_before)
  on conflict (idempotency_key) do nothing
  returning id`);

/** Stores many mails in one statement, each once per idempotency key; returns the ids of those newly stored. */
export async function insertMails(db: Queryable, mails: StoredMail[], now: Date): Promise<string[]> {
  if (mails.length === 0) return [];
  const column = <K extends keyof StoredMail>(key: K) => mails.map((mail) => mail[key]);
  const { rows } = await db.query<{ id: string }>({
    ...INSERT_MAILS,
    values: [
      column('idempotencyKey'),
      column('personId'),
      column('to'),
      column('kind'),
      column('locale'),
      column('subject'),
      column('text'),
      column('html'),
      mails.map((mail) => JSON.stringify(mail.headers)),
      column('notBefore'),
      now,
    ],
  });
  return rows.map((row) => row.id);
}

/**
 * Claims due mails for the relay (rows another node is relaying are skipped, never waited for). The queue has
 * until startBy to start each; a job stranded with a node that died is relayed again after that.
 */
export async function claimDue(db: Queryable, now: Date, startBy: Date, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `update outbound_mail set status = 'enqueued', lease_until = $3
      where id in (select id from outbound_mail
                    where status = 'queued' and not_before <= $1
                    order by not_before, id
                    limit $2
                    for update skip locked)
      returning id`,
    [now, limit, startBy],
  );
  return rows.map((row) => row.id);
}

/**
 * Mails whose node died (a send's lease, or a job's time to start, ran out) wait again: the same row, so never a
 * second mail; a second job for it finds it claimed or sent and does nothing.
 */
export async function requeueExpired(db: Queryable, now: Date): Promise<number> {
  const result = await db.query(
    `update outbound_mail set status = 'queued', lease_until = null
      where status in ('sending', 'enqueued') and lease_until < $1`,
    [now],
  );
  return result.rowCount ?? 0;
}

/** Takes one mail for sending until leaseUntil; null when it is sent, dead, or another node is sending it. */
export async function claimForSending(
  db: Queryable,
  id: string,
  now: Date,
  leaseUntil: Date,
): Promise<OutboundRow | null> {
  const { rows } = await db.query<OutboundRow>(
    `update outbound_mail set status = 'sending', attempts = attempts + 1, lease_until = $3
      where id = $1 and (status = 'enqueued' or (status = 'sending' and lease_until < $2))
      returning ${COLUMNS}`,
    [id, now, leaseUntil],
  );
  return rows[0] ?? null;
}

export async function markDelivered(
  db: Queryable,
  id: string,
  how: 'sent' | 'outbox',
  now: Date,
): Promise<void> {
  await db.query(
    `update outbound_mail set status = $2, sent_at = $3, lease_until = null, last_error = null
      where id = $1 and status = 'sending'`,
    [id, how, now],
  );
}

/** A failed try: the job is retried with back-off, so the row waits for it as 'enqueued' until retryBy. */
export async function markFailed(db: Queryable, id: string, error: string, retryBy: Date): Promise<void> {
  await db.query(
    `update outbound_mail set status = 'enqueued', lease_until = $3, last_error = $2
      where id = $1 and status = 'sending'`,
    [id, error.slice(0, 1000), retryBy],
  );
}

export async function markDead(db: Queryable, id: string): Promise<void> {
  await db.query(
    `update outbound_mail set status = 'dead', lease_until = null where id = $1 and status <> 'sent'`,
    [id],
  );
}

/** The outbox, newest first; keyset on id. */
export async function listMail(
  db: Queryable,
  beforeId: string | null,
  limit: number,
): Promise<OutboundRow[]> {
  const { rows } = await db.query<OutboundRow>(
    `select ${COLUMNS} from outbound_mail where ($1::bigint is null or id < $1) order by id desc limit $2`,
    [beforeId, limit],
  );
  return rows;
}

export async function mailById(db: Queryable, id: string): Promise<OutboundRow | null> {
  const { rows } = await db.query<OutboundRow>(`select ${COLUMNS} from outbound_mail where id = $1`, [id]);
  return rows[0] ?? null;
}
