import type { FastifyReply, FastifyRequest } from 'fastify';
import { firstEmpty, type Limit, take, tooMany } from '../../platform/auth/rate-limit.js';
import { digest, newSecret } from '../../platform/auth/secrets.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { unauthorized } from '../../platform/http/problem.js';
import { createSession, setSessionCookie } from '../auth/service.js';
import * as people from '../people/service.js';
import { sendSignInLinkMail } from './mail.js';
import * as links from './repository.js';

export const SIGN_IN_LINK_MINUTES = 15;
/**
 * Requests for a link: per email address (whether or not a person has it, so a 429 tells nothing about who exists;
 * one address is one person) and per requesting address; wrong or spent links per requesting address.
 */
export const SIGN_IN_LINK_LIMITS = {
  email: { max: 5, windowSeconds: 60 * 60 },
  address: { max: 20, windowSeconds: 15 * 60 },
  use: { max: 20, windowSeconds: 15 * 60 },
};

const limit = (name: keyof typeof SIGN_IN_LINK_LIMITS, key: string, what: string): Limit => ({
  ...SIGN_IN_LINK_LIMITS[name],
  key: `sign-in-link-${name}:${key}`,
  what,
});

/**
 * Mails a one-use sign-in link to an active person with this address. The answer is the same whether or not the
 * address is known: both paths take the same buckets and run the same transaction, only the known one writes.
 */
export async function requestSignInLink(deps: Deps, request: FastifyRequest, email: string) {
  const now = deps.clock.now();
  const address = email.toLowerCase();
  for (const bucket of [
    limit('address', request.ip, 'sign-in link requests from this address'),
    limit('email', address, 'sign-in link requests for this email address'),
  ]) {
    const taken = await take(deps.db.pool, bucket, now);
    if (!taken.taken) throw tooMany(bucket, taken.retryAfterSeconds);
  }
  const token = newSecret();
  const tokenHash = digest(token);
  await inTransaction(deps.db.pool, async (tx) => {
    const person = await links.findActivePersonByEmail(tx, address);
    if (!person) return;
    const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000);
    await links.insertSignInLink(tx, { tokenHash, personId: person.id, expiresAt }, now);
    await sendSignInLinkMail(
      tx,
      {
        personId: person.id,
        to: person.email,
        name: person.name,
        locale: person.locale ?? deps.config.language,
        // In the fragment: never in a server log or a Referer header.
        link: `${deps.config.mail.publicUrl}/sign-in/link#${token}`,
        minutes: SIGN_IN_LINK_MINUTES,
        tokenHash,
      },
      now,
    );
  });
  return { sent: true as const };
}

/** Uses a link once and signs its person in; an unknown, used or expired link is 401 and counts against the address. */
export async function signInWithLink(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
) {
  const now = deps.clock.now();
  const use = limit('use', request.ip, 'invalid sign-in links from this address');
  const empty = await firstEmpty(deps.db.pool, [use], now);
  if (empty) throw tooMany(empty.limit, empty.retryAfterSeconds);
  const opened = await inTransaction(deps.db.pool, async (tx) => {
    const personId = await links.useSignInLink(tx, digest(token), now);
    return personId ? { personId, session: await createSession(deps, tx, request, personId) } : null;
  });
  if (!opened) {
    await take(deps.db.pool, use, now);
    throw unauthorized(
      'This sign-in link is not valid any more: it was used, or it expired. Ask for a new one.',
    );
  }
  setSessionCookie(deps, reply, opened.session.token);
  return {
    person: await people.me(deps, { id: opened.personId } as Viewer),
    csrfToken: opened.session.csrfToken,
  };
}
