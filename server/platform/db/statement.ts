import { createHash } from 'node:crypto';

/** A query whose text never changes, sent by name: each connection parses and plans it once, then reuses it. */
export type Statement = { readonly name: string; readonly text: string };

/**
 * Declares fixed SQL as a named (prepared) statement: `db.query({ ...STATEMENT, values })`. The name comes from
 * the text, so two texts never share a name (pg refuses that) and one text always finds its plan again. Build
 * the text once, at module load, and list columns rather than `*`: a prepared `*` breaks when a migration adds
 * a column under a running node ("cached plan must not change result type").
 */
export function statement(text: string): Statement {
  return { name: `plein_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`, text };
}
