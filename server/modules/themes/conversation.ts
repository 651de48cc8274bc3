import type { z } from 'zod';
import type { PageQuery } from '../../../contract/common.js';
import type { ThemeParticipant } from '../../../contract/themes.js';
import type { ThreadSummary } from '../../../contract/threads.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { presentSummary } from '../people/present.js';
import { summariesByIds } from '../people/repository.js';
import { badCursor, timeKeyset } from '../threads/keyset.js';
import { fitsBigint } from '../threads/repository.js';
import { threadSummaryPage } from '../threads/summaries.js';
import { linkedThreadsPage, participantsPage } from './participation-repository.js';
import { requireTheme } from './service.js';

type Page<T> = { items: T[]; nextCursor: string | null };

/** The theme's conversation: linked threads the viewer may read, newest activity first. */
export async function listLinkedThreads(
  deps: Deps,
  viewer: Viewer,
  themeId: string,
  query: z.infer<typeof PageQuery>,
): Promise<Page<ThreadSummary>> {
  const db = deps.db.pool;
  await requireTheme(db, themeId);
  const rows = await linkedThreadsPage(db, themeId, viewer.id, timeKeyset(query.cursor), query.limit + 1);
  return threadSummaryPage(db, rows, query.limit, viewer.id);
}

/** Who took part, most contributions first, counted only over threads the viewer may read. */
export async function listParticipants(
  deps: Deps,
  viewer: Viewer,
  themeId: string,
  query: z.infer<typeof PageQuery>,
): Promise<Page<ThemeParticipant>> {
  const db = deps.db.pool;
  await requireTheme(db, themeId);
  const key = decodeCursor(query.cursor, ['number', 'string'] as const);
  if (key && (!Number.isInteger(key[0]) || key[0] < 0 || !fitsBigint(key[1]))) throw badCursor();
  const rows = await participantsPage(
    db,
    themeId,
    viewer.id,
    key ? { contributions: key[0], personId: key[1] } : null,
    query.limit + 1,
  );
  const kept = rows.slice(0, query.limit);
  const people = await summariesByIds(
    db,
    kept.map((row) => row.person_id),
  );
  const last = kept[kept.length - 1];
  return {
    items: kept.map((row) => ({
      person: presentSummary(people.get(row.person_id)!),
      contributions: row.contributions,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.contributions, last.person_id]) : null,
  };
}
