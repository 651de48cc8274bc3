import type { z } from 'zod';
import type { NotificationsQuery, ReadAll } from '../../../contract/notifications.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { badCursor, decodeCursor, isBigintText, toPage } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { notFound } from '../../platform/http/problem.js';
import { summariesByIds } from '../people/repository.js';
import { presentNotification } from './present.js';
import * as notifications from './repository.js';

export async function listMine(deps: Deps, viewer: Viewer, query: z.infer<typeof NotificationsQuery>) {
  const after = decodeCursor(query.cursor, ['string'] as const);
  if (after && !isBigintText(after[0])) throw badCursor();
  const rows = await notifications.listNotifications(deps.db.pool, viewer.id, {
    unreadOnly: query.unread ?? false,
    beforeId: after ? after[0] : null,
    limit: query.limit + 1,
  });
  const actors = await summariesByIds(deps.db.pool, [
    ...new Set(rows.flatMap((row) => (row.actor_id ? [row.actor_id] : []))),
  ]);
  return toPage(
    rows,
    query.limit,
    (row) => presentNotification(row, row.actor_id ? (actors.get(row.actor_id) ?? null) : null),
    (row) => [row.id],
  );
}

export async function unreadCount(deps: Deps, viewer: Viewer) {
  return { count: await notifications.countUnread(deps.db.pool, viewer.id) };
}

/** Someone else's notification is a 404: its existence is theirs. */
export async function markRead(deps: Deps, viewer: Viewer, id: string): Promise<void> {
  if (!(await notifications.markRead(deps.db.pool, viewer.id, id, deps.clock.now()))) {
    throw notFound('notification');
  }
}

export async function markAllRead(deps: Deps, viewer: Viewer, input: z.infer<typeof ReadAll>): Promise<void> {
  await notifications.markAllRead(deps.db.pool, viewer.id, input?.upTo ?? null, deps.clock.now());
}
