import type { z } from 'zod';
import type { PageQuery } from '../../../contract/common.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Queryable } from '../../platform/db/database.js';
import { encodeCursor } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { invalidField, notFound } from '../../platform/http/problem.js';
import { findByHandle } from '../people/repository.js';
import { activePeopleByHandles, readersAmong } from './content-repository.js';
import { idKeyset } from './keyset.js';
import { praiseReceivedPage } from './praise-repository.js';
import { threadSummaries } from './summaries.js';

const list = (handles: string[]) => handles.map((handle) => `@${handle}`).join(', ');

/**
 * The people a praise post recognises: active, not the author, and able to read where it is posted (praise they
 * cannot see would recognise no one). Any problem is a 400 naming `praised` and the handles concerned.
 */
export async function resolvePraised(
  db: Queryable,
  viewer: Viewer,
  handles: string[],
  communityId: string | null,
): Promise<string[]> {
  const wanted = [...new Set(handles.map((handle) => handle.toLowerCase()))];
  const people = await activePeopleByHandles(db, wanted);
  const found = new Map(people.map((person) => [person.handle, person.id]));
  const unknown = wanted.filter((handle) => !found.has(handle));
  if (unknown.length > 0) throw invalidField('praised', `no active person with handle ${list(unknown)}`);
  if (found.has(viewer.handle.toLowerCase())) throw invalidField('praised', 'you cannot praise yourself');
  const readers = await readersAmong(db, [...found.values()], communityId);
  const outsiders = wanted.filter((handle) => !readers.has(found.get(handle)!));
  if (outsiders.length > 0) {
    throw invalidField(
      'praised',
      `${list(outsiders)} cannot read this community, so would not see the praise`,
    );
  }
  return [...found.values()];
}

/** Praise a person received, newest first, only where the viewer may read it. */
export async function praiseReceived(
  deps: Deps,
  viewer: Viewer,
  handle: string,
  query: z.infer<typeof PageQuery>,
) {
  const db = deps.db.pool;
  const person = await findByHandle(db, handle);
  if (!person) throw notFound('person');
  const ids = await praiseReceivedPage(db, person.id, viewer.id, idKeyset(query.cursor), query.limit + 1);
  const kept = ids.slice(0, query.limit);
  const last = kept[kept.length - 1];
  return {
    items: await threadSummaries(db, kept, viewer.id),
    nextCursor: ids.length > query.limit && last ? encodeCursor([last]) : null,
  };
}
