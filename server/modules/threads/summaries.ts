import type { ThreadSummary } from '../../../contract/threads.js';
import type { Queryable } from '../../platform/db/database.js';
import { summariesByIds } from '../people/repository.js';
import { groupReactions, presentThreadSummary } from './present.js';
import { threadReactionCounts, threadSummariesByIds } from './repository.js';

/**
 * Thread summaries in the order of `ids`: three indexed lookups for a whole page, never one per thread.
 * Callers pass only ids the viewer may read.
 */
export async function threadSummaries(
  db: Queryable,
  ids: string[],
  viewerId: string,
): Promise<ThreadSummary[]> {
  const rows = await threadSummariesByIds(db, ids);
  const [authors, reactionRows] = await Promise.all([
    summariesByIds(db, [...new Set(rows.map((row) => row.author_id))]),
    threadReactionCounts(db, ids, viewerId),
  ]);
  const reactions = groupReactions(reactionRows);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    const author = row && authors.get(row.author_id);
    return row && author ? [presentThreadSummary(row, author, reactions.get(id) ?? [])] : [];
  });
}
