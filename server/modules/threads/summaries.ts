import type { ThreadSummary } from '../../../contract/threads.js';
import type { Queryable } from '../../platform/db/database.js';
import { encodeCursor } from '../../platform/http/cursor.js';
import type { SummaryRow } from '../people/repository.js';
import { summariesByIds } from '../people/repository.js';
import { votedBy } from './idea-repository.js';
import { praisedByThread } from './praise-repository.js';
import { groupReactions, presentThreadSummary, type SummaryExtras } from './present.js';
import { type ThreadSummaryRow, threadReactionCounts, threadSummariesByIds } from './repository.js';

/**
 * Loads what summaries of these rows need — authors and praised people, reactions, the viewer's votes — in one
 * query each for the whole page, never one per thread.
 */
export async function summaryParts(db: Queryable, rows: ThreadSummaryRow[], viewerId: string) {
  const ids = rows.map((row) => row.id);
  const [reactionRows, voted, praised] = await Promise.all([
    threadReactionCounts(db, ids, viewerId),
    votedBy(
      db,
      rows.filter((row) => row.kind === 'idea').map((row) => row.id),
      viewerId,
    ),
    praisedByThread(
      db,
      rows.filter((row) => row.kind === 'praise').map((row) => row.id),
    ),
  ]);
  const people = await summariesByIds(db, [
    ...new Set([...rows.map((row) => row.author_id), ...[...praised.values()].flat()]),
  ]);
  const reactions = groupReactions(reactionRows);
  return {
    author: (row: ThreadSummaryRow): SummaryRow | undefined => people.get(row.author_id),
    extras: (row: ThreadSummaryRow): SummaryExtras => ({
      reactions: reactions.get(row.id) ?? [],
      votedByMe: voted.has(row.id),
      praised: (praised.get(row.id) ?? [])
        .flatMap((id) => people.get(id) ?? [])
        .sort((a, b) => a.name.localeCompare(b.name)),
    }),
  };
}

/** Thread summaries in the order of `ids`. Callers pass only ids the viewer may read. */
export async function threadSummaries(
  db: Queryable,
  ids: string[],
  viewerId: string,
): Promise<ThreadSummary[]> {
  const rows = await threadSummariesByIds(db, ids);
  const parts = await summaryParts(db, rows, viewerId);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    const author = row && parts.author(row);
    return row && author ? [presentThreadSummary(row, author, parts.extras(row))] : [];
  });
}

/**
 * A page of thread rows (limit + 1 fetched) → their summaries and the cursor after the last one shown; the key is
 * (activity or creation time, id) unless the list sorts by something else.
 */
export async function threadSummaryPage<Row extends { id: string }>(
  db: Queryable,
  rows: Row[],
  limit: number,
  viewerId: string,
  keyOf: (row: Row) => readonly (string | number)[] = (row) => [
    (row as Row & { key_at: string }).key_at,
    row.id,
  ],
): Promise<{ items: ThreadSummary[]; nextCursor: string | null }> {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return {
    items: await threadSummaries(
      db,
      kept.map((row) => row.id),
      viewerId,
    ),
    nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null,
  };
}
