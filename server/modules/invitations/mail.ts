import type { Queryable } from '../../platform/db/database.js';
import { enqueueMail } from '../mail/enqueue.js';
import { escapeHtml } from '../mail/safe-html.js';

type Locale = 'nl' | 'en';

const TEXTS = {
  en: {
    inviteSubject: '{inviter} invites you to Plein',
    inviteLead:
      'Hello {name}, {inviter} invites you to Plein, the place where everyone in the organisation talks with everyone.',
    inviteAction: 'Accept the invitation',
    inviteExpiry: 'This link works once, until {expires} (UTC).',
    linkSubject: 'Your sign-in link for Plein',
    linkLead: 'Hello {name}, here is the link you asked for to sign in to Plein.',
    linkAction: 'Sign in',
    linkExpiry: 'This link works once, for {minutes} minutes. Did you not ask for it? Then ignore this mail.',
  },
  nl: {
    inviteSubject: '{inviter} nodigt je uit voor Plein',
    inviteLead:
      'Hallo {name}, {inviter} nodigt je uit voor Plein, de plek waar iedereen in de organisatie met iedereen praat.',
    inviteAction: 'Uitnodiging aannemen',
    inviteExpiry: 'Deze link werkt één keer, tot {expires} (UTC).',
    linkSubject: 'Je inloglink voor Plein',
    linkLead: 'Hallo {name}, hier is de link waarmee je inlogt bij Plein, zoals je vroeg.',
    linkAction: 'Inloggen',
    linkExpiry:
      'Deze link werkt één keer, {minutes} minuten lang. Heb je er niet om gevraagd? Negeer deze mail dan.',
  },
} as const;
type Key = keyof (typeof TEXTS)['en'];

const say = (locale: Locale, key: Key, values: Record<string, string | number>) =>
  TEXTS[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));

/** A short mail with one action: text and HTML, every value escaped. */
function compose(lead: string, action: string, link: string, note: string) {
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>
<body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2328;line-height:1.5;margin:0;padding:16px">
<p>${escapeHtml(lead)}</p>
<p><a href="${escapeHtml(link)}" style="color:#0969da">${escapeHtml(action)}</a></p>
<p style="font-size:12px;color:#57606a">${escapeHtml(note)}</p>
</body></html>`;
  return { html, text: `${lead}\n\n${action}: ${link}\n\n${note}` };
}

export async function sendInvitationMail(
  tx: Queryable,
  mail: {
    invitationId: string;
    sendCount: number;
    to: string;
    name: string;
    inviter: string;
    locale: Locale;
    link: string;
    expiresAt: Date;
  },
  now: Date,
): Promise<void> {
  const values = {
    name: mail.name,
    inviter: mail.inviter,
    expires: mail.expiresAt.toISOString().slice(0, 16).replace('T', ' '),
  };
  const { html, text } = compose(
    say(mail.locale, 'inviteLead', values),
    say(mail.locale, 'inviteAction', values),
    mail.link,
    say(mail.locale, 'inviteExpiry', values),
  );
  await enqueueMail(
    tx,
    {
      to: mail.to,
      kind: 'invitation',
      locale: mail.locale,
      subject: say(mail.locale, 'inviteSubject', values),
      text,
      html,
      // Each sending is its own mail: a resend carries a new link.
      idempotencyKey: `invite:${mail.invitationId}:${mail.sendCount}`,
    },
    now,
  );
}

export async function sendSignInLinkMail(
  tx: Queryable,
  mail: {
    personId: string;
    to: string;
    name: string;
    locale: Locale;
    link: string;
    minutes: number;
    tokenHash: string;
  },
  now: Date,
): Promise<void> {
  const values = { name: mail.name, minutes: mail.minutes };
  const { html, text } = compose(
    say(mail.locale, 'linkLead', values),
    say(mail.locale, 'linkAction', values),
    mail.link,
    say(mail.locale, 'linkExpiry', values),
  );
  await enqueueMail(
    tx,
    {
      to: mail.to,
      personId: mail.personId,
      kind: 'sign_in_link',
      locale: mail.locale,
      subject: say(mail.locale, 'linkSubject', values),
      text,
      html,
      idempotencyKey: `sign-in-link:${mail.personId}:${mail.tokenHash.slice(0, 16)}`,
    },
    now,
  );
}
