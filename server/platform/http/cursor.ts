import { invalidField } from './problem.js';

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
  const valid =
    Array.isArray(key) && key.length === shape.length && key.every((part, i) => typeof part === shape[i]);
  if (!valid) throw invalidField('cursor', 'is not a cursor this list gave out');
  return key as never;
}

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
