import { invalidField } from './problem.js';
import { unsafeTextReason } from './unsafe-text.js';

const MAX_BIGINT = 9223372036854775807n;
/** Cursors hold sort keys, never long text: a longer part was not made by Plein. */
const MAX_PART_LENGTH = 500;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A cursor part that must be a row id: digits that fit PostgreSQL's bigint. */
export const isBigintText = (text: string) => /^[0-9]{1,19}$/.test(text) && BigInt(text) <= MAX_BIGINT;
/** A cursor part that must be a time as Date.toISOString() writes it. */
export const isInstantText = (text: string) => ISO_INSTANT.test(text) && !Number.isNaN(Date.parse(text));
export const badCursor = () => invalidField('cursor', 'is not a cursor this list gave out');

/** Cursors are opaque to clients: base64url JSON of the last item's sort key. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor with the same shape; anything else is a 400 naming `cursor`. */
export function decodeCursor<T extends readonly ('string' | 'number')[]>(
  cursor: string | undefined,
  shape: T,
): { [K in keyof T]: T[K] extends 'number' ? number : string } | null {
  if (!cursor) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  // Whatever a list checks of its key, no part reaches SQL that PostgreSQL could not take (NUL, 1e999).
  const valid =
    Array.isArray(key) &&
    key.length === shape.length &&
    key.every((part, i) => typeof part === shape[i] && storable(part));
  if (!valid) throw badCursor();
  return key as never;
}

/** Numbers in cursors are counts and scores: beyond PostgreSQL's integer they were not made by Plein. */
const MAX_NUMBER = 2_147_483_647;

const storable = (part: unknown) =>
  typeof part === 'number'
    ? Number.isFinite(part) && Math.abs(part) <= MAX_NUMBER
    : typeof part === 'string' && part.length <= MAX_PART_LENGTH && unsafeTextReason(part) === null;

/** Cuts one extra row off a page query (limit + 1) and makes the cursor from the last kept row. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
  keyOf: (row: Row) => readonly (string | number)[],
): { items: Item[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return { items: kept.map(present), nextCursor: more && last ? encodeCursor(keyOf(last)) : null };
}
