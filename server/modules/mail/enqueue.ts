import type { Queryable } from '../../platform/db/database.js';
import { insertMail, insertMails, type StoredMail } from './outbox-repository.js';

/**
 * THE way to send mail from Plein (notices, digests, and later invitations and sign-in links). Call it inside the
 * transaction that decides the mail should exist: if that transaction rolls back, no mail; once it commits, the
 * mail is delivered by the queue (SMTP_URL) or kept in the admin's outbox (no SMTP_URL), with retries and back-off.
 * The idempotency key makes it at most once per key: name the recipient and the event in it
 * (`notice:<personId>:<notificationId>`, `invite:<invitationId>`). Returns the mail's id, or null when that key
 * was enqueued before. `Auto-Submitted` and the VERP return path are added on sending.
 */
export async function enqueueMail(tx: Queryable, mail: NewMail, now: Date): Promise<string | null> {
  return insertMail(tx, stored(mail, now), now);
}

/** enqueueMail for many mails in one statement (a page of digests); returns the ids of those newly enqueued. */
export async function enqueueMails(tx: Queryable, mails: NewMail[], now: Date): Promise<string[]> {
  return insertMails(
    tx,
    mails.map((mail) => stored(mail, now)),
    now,
  );
}

const stored = (mail: NewMail, now: Date): StoredMail => ({
  idempotencyKey: mail.idempotencyKey,
  personId: mail.personId ?? null,
  to: mail.to,
  kind: mail.kind,
  locale: mail.locale,
  subject: mail.subject.replace(/[\r\n]+/g, ' ').slice(0, 250),
  text: mail.text,
  html: mail.html,
  headers: mail.headers ?? {},
  notBefore: mail.notBefore ?? now,
});

export type NewMail = {
  to: string;
  /** The person it is for, when it is one (never for an address not yet a person's, say an invitation). */
  personId?: string | null;
  /** What it is: a notification kind, 'digest', 'invitation', 'sign_in_link' … (the outbox shows it). */
  kind: string;
  locale: 'nl' | 'en';
  subject: string;
  text: string;
  /** Already safe HTML: build it from escaped text and sanitised content (mail/safe-html.ts). */
  html: string;
  /** Extra headers by name: Message-ID, In-Reply-To, References, Reply-To, List-Unsubscribe … */
  headers?: Record<string, string>;
  idempotencyKey: string;
  /** Not before this instant (quiet hours); now when absent. */
  notBefore?: Date;
};
