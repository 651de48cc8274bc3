import { decodeCursor } from '../../platform/http/cursor.js';
import { invalidField } from '../../platform/http/problem.js';
import { fitsBigint } from './repository.js';

/** A time as microsecond-exact UTC text, so a cursor never loses the precision PostgreSQL keeps. */
export const keyText = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Higher than any id: where a newest-first list starts. */
export const MAX_ID = '9223372036854775807';

/** How a time appears in a cursor (see keyText). */
export const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
export const badCursor = () => invalidField('cursor', 'is not a cursor this list gave out');

/** A cursor of (time text, id), or null at the start; anything else is a 400 naming `cursor`. */
export function timeKeyset(cursor: string | undefined): { at: string; id: string } | null {
  const key = decodeCursor(cursor, ['string', 'string'] as const);
  if (!key) return null;
  if (!AT.test(key[0]) || !fitsBigint(key[1])) throw badCursor();
  return { at: key[0], id: key[1] };
}

/** A cursor of one id, or null at the start. */
export function idKeyset(cursor: string | undefined): string | null {
  const key = decodeCursor(cursor, ['string'] as const);
  if (!key) return null;
  if (!fitsBigint(key[0])) throw badCursor();
  return key[0];
}
