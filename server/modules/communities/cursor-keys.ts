import { invalidField } from '../../platform/http/problem.js';

const BIGINT_MAX = 9_223_372_036_854_775_807n;

/** Cursor parts that go into ::bigint casts: a forged one is the client's mistake (400), not a 500. */
export function requireDigits(...parts: string[]): void {
  if (parts.some((part) => !/^\d{1,19}$/.test(part) || BigInt(part) > BIGINT_MAX)) {
    throw invalidField('cursor', 'is not a cursor this list gave out');
  }
}
