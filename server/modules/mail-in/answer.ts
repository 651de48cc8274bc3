import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { enqueueMail } from '../mail/enqueue.js';
import { escapeHtml } from '../mail/safe-html.js';

const TEXTS = {
  nl: {
    subject: 'Uw bericht aan Plein is niet geplaatst',
    body: (url: string) =>
      `Hallo,\n\nWe konden uw bericht niet plaatsen: dit adres hoort niet bij iemand op Plein. Meld u aan op ${url} en schrijf daar mee.\n\nDit is een automatisch antwoord; u krijgt er hooguit één per dag.`,
  },
  en: {
    subject: 'Your message to Plein was not posted',
    body: (url: string) =>
      `Hello,\n\nWe could not post your message: this address does not belong to anyone on Plein. Sign in at ${url} and join the conversation there.\n\nThis is an automatic answer; you get at most one a day.`,
  },
};

/** At most one polite answer a day per unknown address: the idempotency key names the address and the UTC day. */
export async function answerUnknownSender(deps: Deps, address: string): Promise<boolean> {
  const now = deps.clock.now();
  const locale = deps.config.language;
  const text = TEXTS[locale];
  const body = text.body(deps.config.mail.publicUrl);
  const id = await inTransaction(deps.db.pool, (tx) =>
    enqueueMail(
      tx,
      {
        to: address,
        kind: 'mail_in_unknown_sender',
        locale,
        subject: text.subject,
        text: body,
        html: `<p>${escapeHtml(body).replace(/\n\n/g, '</p><p>')}</p>`,
        idempotencyKey: `mail-in-unknown:${address}:${now.toISOString().slice(0, 10)}`,
      },
      now,
    ),
  );
  return id !== null;
}
