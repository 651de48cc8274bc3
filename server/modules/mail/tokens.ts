import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed tokens in mail addresses and links (format in docs/EMAIL.md). Each is `v1.<fields>.<mac>`: ids in base 36,
 * the MAC the first 20 lower-case hex digits (80 bits) of HMAC-SHA256(secret, "<purpose>|<fields>"). Lower case and
 * dots only, because mail systems may fold the case of an address's local part; the purpose keeps a reply token
 * from working as an unsubscribe token.
 */
type Purpose = 'reply' | 'bounce' | 'unsubscribe';

const MAC_LENGTH = 20;
const FIELD = /^[0-9a-z_]+$/;

const mac = (secret: string, purpose: Purpose, fields: string[]) =>
  createHmac('sha256', secret)
    .update(`${purpose}|${fields.join('.')}`)
    .digest('hex')
    .slice(0, MAC_LENGTH);

function sign(secret: string, purpose: Purpose, fields: string[]): string {
  return ['v1', ...fields, mac(secret, purpose, fields)].join('.');
}

/** The fields of a token this secret signed for this purpose, or null (wrong shape, purpose or MAC). */
function verify(secret: string, purpose: Purpose, token: string, count: number): string[] | null {
  const parts = token.toLowerCase().split('.');
  if (parts.length !== count + 2 || parts[0] !== 'v1') return null;
  const fields = parts.slice(1, -1);
  if (!fields.every((field) => FIELD.test(field))) return null;
  const given = Buffer.from(parts.at(-1)!);
  const expected = Buffer.from(mac(secret, purpose, fields));
  return given.length === expected.length && timingSafeEqual(given, expected) ? fields : null;
}

const id36 = (id: string) => BigInt(id).toString(36);
const fromId36 = (text: string): string | null => {
  if (!/^[0-9a-z]{1,13}$/.test(text)) return null;
  let value = 0n;
  for (const char of text) value = value * 36n + BigInt(Number.parseInt(char, 36));
  return value > 0n && value < 2n ** 63n ? value.toString() : null;
};

/** What a reply by mail answers: the thread itself, or one reply in it. */
export type PostRef = { threadId: string; replyId: string | null };

/** reply+<token>@domain: bound to the person it was sent to and the post it is about. */
export function replyToken(secret: string, personId: string, post: PostRef): string {
  const target = post.replyId ? `r${id36(post.replyId)}` : `t${id36(post.threadId)}`;
  return sign(secret, 'reply', [id36(personId), target]);
}

/** The person and post of a reply token; for a reply only its id (inbound looks up its thread). */
export function readReplyToken(
  secret: string,
  token: string,
): { personId: string; threadId: string | null; replyId: string | null } | null {
  const fields = verify(secret, 'reply', token, 2);
  if (!fields) return null;
  const personId = fromId36(fields[0]!);
  const kind = fields[1]![0];
  const postId = fromId36(fields[1]!.slice(1));
  if (!personId || !postId || (kind !== 't' && kind !== 'r')) return null;
  return { personId, threadId: kind === 't' ? postId : null, replyId: kind === 'r' ? postId : null };
}

/** bounce+<token>@domain, the envelope sender (VERP): a bounce names the mail, and so its recipient. */
export const bounceToken = (secret: string, mailId: string) => sign(secret, 'bounce', [id36(mailId)]);

export function readBounceToken(secret: string, token: string): { mailId: string } | null {
  const fields = verify(secret, 'bounce', token, 1);
  const mailId = fields ? fromId36(fields[0]!) : null;
  return mailId ? { mailId } : null;
}

/** The one-click unsubscribe link: turns off one kind of notice mail (or the digest) for one person. */
export const unsubscribeToken = (secret: string, personId: string, scope: string) =>
  sign(secret, 'unsubscribe', [id36(personId), scope]);

export function readUnsubscribeToken(
  secret: string,
  token: string,
): { personId: string; scope: string } | null {
  const fields = verify(secret, 'unsubscribe', token, 2);
  const personId = fields ? fromId36(fields[0]!) : null;
  return fields && personId ? { personId, scope: fields[1]! } : null;
}
