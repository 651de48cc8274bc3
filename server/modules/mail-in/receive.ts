import { CreateReply, CreateThread } from '../../../contract/threads.js';
import { take } from '../../platform/auth/rate-limit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Deps } from '../../platform/http/deps.js';
import { Problem } from '../../platform/http/problem.js';
import { readBounceToken, readReplyToken } from '../mail/tokens.js';
import { createReply } from '../threads/replies.js';
import { createThread } from '../threads/service.js';
import { answerUnknownSender } from './answer.js';
import { automaticReason } from './loop.js';
import { type ParsedMail, parseMail, tooManyParts } from './parse.js';
import * as repository from './repository.js';
import { stripQuoted } from './strip.js';

/** What became of a mail. Only 'too-large' and 'rate-limited' are refused to the sender; the rest is accepted. */
export type Outcome =
  | { kind: 'reply'; threadId: string; replyId: string }
  | { kind: 'thread'; threadId: string }
  | { kind: 'bounce' }
  | { kind: 'answered' }
  | { kind: 'dropped'; reason: string }
  | { kind: 'refused'; reason: 'too-large' | 'rate-limited' };

/** The SMTP envelope, when the mail came through the listener (a webhook gives only the message). */
export type Envelope = { mailFrom: string | null; rcptTo: string[] };

/** A flood from one sender: a burst of 20, then one mail every three minutes. */
export const SENDER_LIMIT = { max: 20, windowSeconds: 3600 };

const dropped = (reason: string): Outcome => ({ kind: 'dropped', reason });

/**
 * Every inbound mail, from the SMTP listener or the provider webhook: bounces, then loop guards, then a reply by
 * mail (reply+<token>) or a new thread in a community open to mail. Hostile input ends as a drop, never a throw.
 */
export async function receiveMail(
  deps: Deps,
  raw: Buffer,
  envelope: Envelope | null = null,
): Promise<Outcome> {
  if (raw.length > deps.config.mailIn.maxBytes) return { kind: 'refused', reason: 'too-large' };
  if (tooManyParts(raw)) return dropped('too-many-parts');
  let mail: ParsedMail;
  try {
    mail = await parseMail(raw);
  } catch {
    return dropped('unreadable');
  }
  const recipients = envelope?.rcptTo.length ? envelope.rcptTo.map((a) => a.toLowerCase()) : mail.recipients;
  const bounce = recipients.map(tagged('bounce')).find(Boolean);
  // A bounce comes from the receiving system, with an empty envelope sender: before the loop guards.
  if (bounce) return bounceOf(deps, bounce);
  const sender = mail.from;
  if (!sender) return dropped('no-sender');
  // A null envelope sender (<>) is a machine's notice; mail "from" Plein's own domain would be a loop.
  if (envelope && !envelope.mailFrom) return dropped('null-sender');
  if (sender.endsWith(`@${deps.config.mail.domain}`)) return dropped('own-domain');
  const machine = automaticReason(mail.headers, mail.subject, sender);
  if (machine) return dropped(machine);
  const flood = await take(
    deps.db.pool,
    { key: `mail-in:${sender}`, ...SENDER_LIMIT, what: 'mails' },
    deps.clock.now(),
  );
  if (!flood.taken) return { kind: 'refused', reason: 'rate-limited' };
  // The envelope sender, when there is one, must be the same person: a forged From alone gets nowhere.
  const envelopeSender = envelope?.mailFrom?.toLowerCase() || null;
  if (envelopeSender && envelopeSender !== sender) return dropped('sender-mismatch');
  const person = await repository.findSender(deps.db.pool, sender);
  // The app refuses a suspended person's every write (register.ts); mail has no route, so it refuses here.
  if (person?.suspended_until && person.suspended_until > deps.clock.now()) return dropped('suspended');
  const replyTo = recipients.map(tagged('reply')).find(Boolean);
  if (replyTo) return replyByMail(deps, replyTo, person, mail);
  const local = recipients.map((address) => address.split('@')[0]!).find((part) => !part.includes('+'));
  const community = local
    ? await repository.findMailInCommunity(deps.db.pool, local, person?.id ?? null)
    : null;
  if (!person) {
    // Unknown senders hear once a day that nothing was posted; never whether a community exists.
    return (await answerUnknownSender(deps, sender)) ? { kind: 'answered' } : dropped('unknown-sender');
  }
  // Non-members of closed or secret communities are refused silently: the address reveals nothing.
  if (!community || (community.visibility !== 'open' && !community.is_member)) return dropped('no-community');
  return threadByMail(deps, viewerOf(person), community.slug, mail);
}

/** The token of reply+<token>@… or bounce+<token>@…, or null. */
const tagged = (tag: string) => (address: string) => {
  const local = address.split('@')[0]!;
  return local.startsWith(`${tag}+`) ? local.slice(tag.length + 1) : null;
};

async function bounceOf(deps: Deps, token: string): Promise<Outcome> {
  const read = readBounceToken(deps.config.mail.secret, token);
  if (!read) return dropped('bad-token');
  return (await repository.raiseBounceScore(deps.db.pool, read.mailId))
    ? { kind: 'bounce' }
    : dropped('bad-token');
}

const viewerOf = (person: NonNullable<Awaited<ReturnType<typeof repository.findSender>>>): Viewer => ({
  id: person.id,
  handle: person.handle,
  name: person.name,
  role: person.role,
  isLeader: person.is_leader,
  locale: person.locale,
  suspendedUntil: person.suspended_until,
  via: { kind: 'mail' },
});

async function replyByMail(
  deps: Deps,
  token: string,
  person: Awaited<ReturnType<typeof repository.findSender>>,
  mail: ParsedMail,
): Promise<Outcome> {
  const read = readReplyToken(deps.config.mail.secret, token);
  if (!read) return dropped('bad-token');
  // The token names its person: only mail from that person's own address may use it.
  if (!person || person.id !== read.personId) return dropped('not-the-recipient');
  const threadId =
    read.threadId ?? (read.replyId ? await repository.findReplyThread(deps.db.pool, read.replyId) : null);
  if (!threadId) return dropped('no-post');
  const input = CreateReply.safeParse({ body: stripQuoted(mail.text), parentId: read.replyId ?? undefined });
  if (!input.success) return dropped('empty-or-too-long');
  return asOutcome(async () => {
    const reply = await createReply(deps, viewerOf(person), threadId, input.data);
    return { kind: 'reply', threadId, replyId: reply.id };
  });
}

async function threadByMail(deps: Deps, viewer: Viewer, slug: string, mail: ParsedMail): Promise<Outcome> {
  const input = CreateThread.safeParse({
    communitySlug: slug,
    kind: 'discussion',
    title: mail.subject.replace(/^((re|fw|fwd|antw|doorst):\s*)+/i, '').slice(0, 200),
    body: stripQuoted(mail.text),
  });
  if (!input.success) return dropped('empty-or-too-long');
  return asOutcome(async () => {
    const thread = await createThread(deps, viewer, input.data);
    return { kind: 'thread', threadId: thread.id };
  });
}

/** The normal rules say no (locked, gone, no longer a reader, limits): the mail is dropped, nothing changes. */
async function asOutcome(post: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await post();
  } catch (error) {
    if (error instanceof Problem) return dropped(`refused-${error.status}`);
    throw error;
  }
}
