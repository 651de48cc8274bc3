import type { z } from 'zod';
import type { PageQuery } from '../../../contract/common.js';
import type { ThemeParticipant } from '../../../contract/themes.js';
import type { ThreadSummary } from '../../../contract/threads.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { invalidField } from '../../platform/http/problem.js';
import { presentSummary } from '../people/present.js';
import { summariesByIds } from '../people/repository.js';
import { fitsBigint } from '../threads/repository.js';
import { threadSummaries } from '../threads/summaries.js';
import { linkedThreadsPage, participantsPage } from './participation-repository.js';
import { requireTheme } from './service.js';

type Page<T> = { items: T[]; nextCursor: string | null };
const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const badCursor = () => invalidField('cursor', 'is not a cursor this list gave out');

/** The theme's conversation: linked threads the viewer may read, newest activity first. */
export async function listLinkedThreads(
  deps: Deps,
  viewer: Viewer,
  themeId: string,
  query: z.infer<typeof PageQuery>,
): Promise<Page<ThreadSummary>> {
  const db = deps.db.pool;
  await requireTheme(db, themeId);
  const key = decodeCursor(query.cursor, ['string', 'string'] as const);
  if (key && (!AT.test(key[0]) || !fitsBigint(key[1]))) throw badCursor();
  const rows = await linkedThreadsPage(
    db,
    themeId,
    viewer.id,
    key ? { at: key[0], id: key[1] } : null,
    query.limit + 1,
  );
  const kept = rows.slice(0, query.limit);
  const last = kept[kept.length - 1];
  return {
    items: await threadSummaries(
      db,
      kept.map((row) => row.id),
      viewer.id,
    ),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.key_at, last.id]) : null,
  };
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
