import type { FastifyReply, FastifyRequest } from 'fastify';
import { firstEmpty, type Limit, take, tooMany } from '../../platform/auth/rate-limit.js';
import { digest, newSecret } from '../../platform/auth/secrets.js';
import type { Deps } from '../../platform/http/deps.js';
import * as auth from './repository.js';

const MINUTE = 60;
/**
 * Failed sign-ins, each a token bucket (a burst of max, then max per window; docs/SECURITY.md, "Throttles and limits").
 * Every failure counts in every bucket that applies; which buckets may refuse an attempt depends on where it
 * comes from, so a stranger who exhausts an account's buckets cannot lock its owner out of a device or address
 * they signed in from before.
 */
export const SIGN_IN_LIMITS = {
  /** One account from one address. */
  pair: { max: 10, windowSeconds: 15 * MINUTE },
  /** One account from everywhere: slower, so guesses spread over many addresses are bounded too. */
  account: { max: 20, windowSeconds: 60 * MINUTE },
  /** One address, any account (password spraying). */
  address: { max: 50, windowSeconds: 15 * MINUTE },
  /** One account from one device that signed in to it before (its plein_device cookie). */
  device: { max: 10, windowSeconds: 15 * MINUTE },
};
/** How long a successful sign-in makes a device, or an address, known to that account. */
export const REMEMBER_DAYS = { device: 180, address: 30 };
export const DEVICE_COOKIE = 'plein_device';
const DEVICE_COOKIE_PATH = '/api/v1/auth';

export type SignInAttempt = {
  /** Counts a failed attempt: wrong secret, unknown account, deactivated person. */
  failed(): Promise<void>;
  /** Remembers the device (setting its cookie) and the address for the person who signed in. */
  succeeded(): Promise<void>;
};

/**
 * The throttle in front of every way to sign in with a secret (password now; magic links and the like later):
 * refuses with 429 before the secret is checked, so an attacker over a limit learns nothing from trying.
 * Known device → only its own bucket may refuse; known address → only the (account, address) bucket; anyone
 * else → the (account, address), account and address buckets.
 */
export async function beginSignIn(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  who: { email: string; personId: string | null },
): Promise<SignInAttempt> {
  const db = deps.db.pool;
  const now = deps.clock.now();
  const email = who.email.toLowerCase();
  const presentedDevice = request.cookies[DEVICE_COOKIE];
  const deviceSource = presentedDevice ? `device:${digest(presentedDevice)}` : null;
  const addressSource = (personId: string) => `address:${digest(`${personId}|${request.ip}`)}`;
  const known = who.personId
    ? await auth.findKnownSources(
        db,
        who.personId,
        [addressSource(who.personId), ...(deviceSource ? [deviceSource] : [])],
        { device: daysBefore(now, REMEMBER_DAYS.device), address: daysBefore(now, REMEMBER_DAYS.address) },
      )
    : [];
  const knownDevice = deviceSource !== null && known.includes(deviceSource);
  const knownAddress = who.personId !== null && known.includes(addressSource(who.personId));

  const limit = (name: keyof typeof SIGN_IN_LIMITS, key: string, what: string): Limit => ({
    ...SIGN_IN_LIMITS[name],
    key: `sign-in-${name}:${key}`,
    what,
  });
  const pair = limit('pair', `${email}|${request.ip}`, 'failed sign-ins for this account from this address');
  const account = limit('account', email, 'failed sign-ins for this account');
  const address = limit('address', request.ip, 'failed sign-ins from this address');
  const device = knownDevice
    ? limit('device', `${email}|${deviceSource}`, 'failed sign-ins on this device')
    : null;

  const gates = device ? [device] : knownAddress ? [pair] : [pair, account, address];
  const empty = await firstEmpty(db, gates, now);
  if (empty) throw tooMany(empty.limit, empty.retryAfterSeconds);

  return {
    failed: async () => {
      for (const counted of [pair, account, address, ...(device ? [device] : [])]) {
        await take(db, counted, now); // an empty bucket stays empty; the refusal comes on the next attempt
      }
    },
    succeeded: async () => {
      const personId = who.personId!;
      // A device keeps its secret while it stays known to this person; otherwise it gets a fresh one, so a cookie
      // planted in someone's browser never becomes a device known to their account.
      const secret = knownDevice ? presentedDevice! : newSecret();
      await auth.rememberSources(db, personId, [`device:${digest(secret)}`, addressSource(personId)], now);
      reply.setCookie(DEVICE_COOKIE, secret, {
        path: DEVICE_COOKIE_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.secureCookies,
        maxAge: REMEMBER_DAYS.device * 86_400,
      });
    },
  };
}

/** Forgets devices and addresses not used to sign in for longer than they are remembered. */
export async function forgetStaleSignInSources(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  await auth.forgetStaleSources(deps.db.pool, {
    device: daysBefore(now, REMEMBER_DAYS.device),
    address: daysBefore(now, REMEMBER_DAYS.address),
  });
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);
