import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/auth/secrets.js';
import { manualClock } from '../../platform/clock.js';
import { buildPerson } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import {
  DEVICE_COOKIE,
  forgetStaleSignInSources,
  REMEMBER_DAYS,
  SIGN_IN_LIMITS,
} from './sign-in-throttle.js';

const password = 'correct horse battery';
let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(password);
});

// Addresses of this run only: buckets live in the shared test database.
const run = randomBytes(2).toString('hex');
let nextAddress = 0;
const newAddress = () => `2001:db8:${run}::${(++nextAddress).toString(16)}`;

/** A node on a clock held at one moment, as the auth tests do: a bucket's refill is then exact. */
async function heldNode() {
  const clock = manualClock(new Date('2026-03-02T10:07:00Z'));
  const node = await testApp({ clock });
  const signIn = (email: string, secret: string, from: { address: string; device?: string }) =>
    node.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: secret },
      headers: {
        'x-forwarded-for': from.address,
        ...(from.device ? { cookie: `${DEVICE_COOKIE}=${from.device}` } : {}),
      },
    });
  return { clock, node, signIn };
}

const deviceCookie = (response: LightMyRequestResponse) =>
  response.cookies.find((cookie) => cookie.name === DEVICE_COOKIE);

describe('sign-in throttling', () => {
  it.each([
    ['a member', 'member'],
    ['an admin', 'admin'],
  ] as const)(
    'a stranger failing elsewhere does not lock out %s at an address they signed in from',
    async (_, role) => {
      const { node, signIn } = await heldNode();
      const person = await buildPerson(node.db.pool, { passwordHash, role });
      const home = newAddress();
      expect((await signIn(person.email, password, { address: home })).statusCode).toBe(200);

      const attacker = newAddress();
      for (let i = 0; i < SIGN_IN_LIMITS.pair.max; i++) {
        expect((await signIn(person.email, 'wrong password', { address: attacker })).statusCode).toBe(401);
      }
      const locked = await signIn(person.email, password, { address: attacker });
      expect(locked.statusCode).toBe(429);
      expect(locked.json().detail).toMatch(/failed sign-ins/);

      // No device cookie: the address alone is known.
      expect((await signIn(person.email, password, { address: home })).statusCode).toBe(200);
      await node.app.close();
    },
  );

  it('bounds guesses spread over many addresses per account, yet lets the owner in from a known device or address', async () => {
    const { clock, node, signIn } = await heldNode();
    const person = await buildPerson(node.db.pool, { passwordHash });
    const home = newAddress();
    const first = await signIn(person.email, password, { address: home });
    const device = deviceCookie(first)!.value;

    for (let i = 0; i < SIGN_IN_LIMITS.account.max; i++) {
      expect((await signIn(person.email, 'wrong password', { address: newAddress() })).statusCode).toBe(401);
    }
    // A correct password from a new address is refused before it is checked: the bucket gives nothing away.
    const stranger = await signIn(person.email, password, { address: newAddress() });
    expect(stranger.statusCode).toBe(429);
    expect(stranger.json().detail).toMatch(/failed sign-ins for this account/);
    const refill = (SIGN_IN_LIMITS.account.windowSeconds / SIGN_IN_LIMITS.account.max) | 0;
    expect(stranger.headers['retry-after']).toBe(String(refill));

    expect((await signIn(person.email, password, { address: newAddress(), device })).statusCode).toBe(200);
    expect((await signIn(person.email, password, { address: home })).statusCode).toBe(200);

    clock.advance(refill * 1000); // one token back, as Retry-After said
    expect((await signIn(person.email, password, { address: newAddress() })).statusCode).toBe(200);
    await node.app.close();
  });

  it("an attacker behind the owner's own address cannot lock out the owner's device", async () => {
    const { node, signIn } = await heldNode();
    const person = await buildPerson(node.db.pool, { passwordHash });
    const office = newAddress();
    const device = deviceCookie(await signIn(person.email, password, { address: office }))!.value;

    for (let i = 0; i < SIGN_IN_LIMITS.pair.max; i++) {
      expect((await signIn(person.email, 'wrong password', { address: office })).statusCode).toBe(401);
    }
    // The address is shared, so it alone no longer helps; the device cookie does.
    expect((await signIn(person.email, password, { address: office })).statusCode).toBe(429);
    expect((await signIn(person.email, password, { address: office, device })).statusCode).toBe(200);
    await node.app.close();
  });

  it('gives a known device its own bucket, so a stolen device cookie is throttled too', async () => {
    const { node, signIn } = await heldNode();
    const person = await buildPerson(node.db.pool, { passwordHash });
    const device = deviceCookie(await signIn(person.email, password, { address: newAddress() }))!.value;
    for (let i = 0; i < SIGN_IN_LIMITS.device.max; i++) {
      const from = { address: newAddress(), device };
      expect((await signIn(person.email, 'wrong password', from)).statusCode).toBe(401);
    }
    const refused = await signIn(person.email, password, { address: newAddress(), device });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().detail).toMatch(/this device/);
    await node.app.close();
  });

  it('sets the device cookie HttpOnly, SameSite=Lax, only for the sign-in paths, and keeps it while it is known', async () => {
    const { node, signIn } = await heldNode();
    const person = await buildPerson(node.db.pool, { passwordHash });
    const cookie = deviceCookie(await signIn(person.email, password, { address: newAddress() }))!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth' });
    expect(cookie.value).toMatch(/^[\w-]{40,}$/);
    const again = await signIn(person.email, password, { address: newAddress(), device: cookie.value });
    expect(deviceCookie(again)!.value).toBe(cookie.value);
    // A cookie this person never signed in with (planted, or another person's) is replaced, not adopted.
    const planted = await signIn(person.email, password, {
      address: newAddress(),
      device: 'planted-by-someone',
    });
    expect(deviceCookie(planted)!.value).not.toBe('planted-by-someone');
    await node.app.close();
  });

  it('forgets an address after 30 days without a sign-in from it, a device after 180', async () => {
    const { clock, node, signIn } = await heldNode();
    const person = await buildPerson(node.db.pool, { passwordHash });
    await signIn(person.email, password, { address: newAddress() });
    const sources = async () =>
      (
        await node.db.pool.query<{ source: string }>(
          'select source from sign_in_sources where person_id = $1 order by source',
          [person.id],
        )
      ).rows.map((row) => row.source.split(':')[0]);
    expect(await sources()).toEqual(['address', 'device']);
    clock.advance((REMEMBER_DAYS.address + 1) * 86_400_000);
    await forgetStaleSignInSources(node.deps);
    expect(await sources()).toEqual(['device']);
    clock.advance((REMEMBER_DAYS.device - REMEMBER_DAYS.address) * 86_400_000);
    await forgetStaleSignInSources(node.deps);
    expect(await sources()).toEqual([]);
    await node.app.close();
  });

  it('throttles failures from one address across accounts (password spraying)', async () => {
    const { node, signIn } = await heldNode();
    const sprayer = newAddress();
    for (let i = 0; i < SIGN_IN_LIMITS.address.max; i++) {
      const email = `spray-${run}-${i}@example.test`;
      expect((await signIn(email, 'Winter2026!', { address: sprayer })).statusCode).toBe(401);
    }
    const refused = await signIn(`spray-${run}-last@example.test`, 'Winter2026!', { address: sprayer });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().detail).toMatch(/from this address/);
    await node.app.close();
  });
});

describe('X-Forwarded-For without PLEIN_TRUST_PROXY', () => {
  const warningsOf = async (trustProxy: boolean) => {
    const node = await testApp({ config: { trustProxy } });
    const warnings: unknown[][] = [];
    const warn = node.app.log.warn.bind(node.app.log);
    node.app.log.warn = ((...args: unknown[]) => {
      warnings.push(args);
      return warn(...(args as [string]));
    }) as typeof node.app.log.warn;
    for (let i = 0; i < 3; i++) {
      await node.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-for': newAddress() } });
    }
    await node.app.close();
    return warnings.filter((args) => JSON.stringify(args).includes('PLEIN_TRUST_PROXY'));
  };

  it('is warned about in the log once, at the first such request', async () => {
    expect(await warningsOf(false)).toHaveLength(1);
  });

  it('is not warned about when the proxy is trusted', async () => {
    expect(await warningsOf(true)).toHaveLength(0);
  });
});
