import nodemailer from 'nodemailer';
import type { MailConfig } from '../../config.js';
import type { OutboundRow } from './outbox-repository.js';
import { bounceToken } from './tokens.js';

/** Where a composed mail goes: an SMTP server, or nowhere but the outbox row an admin reads. */
export type Transport = {
  kind: 'sent' | 'outbox';
  send(mail: OutboundRow): Promise<void>;
  close(): void;
};

// Headers nodemailer sets from its own options; the rest of a row's headers pass as they are.
const OWN_HEADERS = new Set(['message-id', 'in-reply-to', 'references', 'reply-to']);

export function createTransport(config: MailConfig): Transport {
  if (!config.smtpUrl) return { kind: 'outbox', send: async () => {}, close: () => {} };
  // Every wait is bounded well inside the send lease, so a slow server never lets a second node send the same mail.
  const timeoutMs = Math.max(1000, Math.floor((config.leaseSeconds * 1000) / 4));
  // One connection kept open: a new one per mail waits for a greeting each time (many relays pause it on purpose,
  // smtp-server 100 ms), which held delivery to about nine mails a second (bench/mail.ts).
  const smtp = nodemailer.createTransport({
    url: config.smtpUrl,
    pool: true,
    maxConnections: 1,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  } as never);
  return {
    kind: 'sent',
    async send(mail) {
      const headers = Object.fromEntries(
        Object.entries(mail.headers).filter(([name]) => !OWN_HEADERS.has(name.toLowerCase())),
      );
      const get = (name: string) =>
        Object.entries(mail.headers).find(([key]) => key.toLowerCase() === name)?.[1] ?? undefined;
      await smtp.sendMail({
        from: config.from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        messageId: get('message-id'),
        inReplyTo: get('in-reply-to'),
        references: get('references'),
        replyTo: get('reply-to'),
        headers: { 'Auto-Submitted': 'auto-generated', ...headers },
        // VERP: a bounce comes back to an address that names this mail, and so its recipient.
        envelope: {
          from: `bounce+${bounceToken(config.secret, mail.id)}@${config.domain}`,
          to: mail.to_address,
        },
      });
    },
    close: () => smtp.close(),
  };
}
