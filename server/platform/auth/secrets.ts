import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** A random, URL-safe secret (sessions, API tokens, CSRF tokens). */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Secrets are stored only as their SHA-256, so a database copy cannot be replayed as a login. */
export const digest = (secret: string): string => createHash('sha256').update(secret).digest('hex');

// argon2id with OWASP's second recommended profile (19 MiB, 2 passes).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Verify against a fixed hash when the person has none, so timing does not reveal which emails exist.
  const stored = passwordHash ?? (await dummyHash);
  const ok = await verify(stored, password).catch(() => false);
  return ok && passwordHash !== null;
}

const dummyHash = hash('plein-timing-equaliser', ARGON2);
