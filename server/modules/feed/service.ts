import type { z } from 'zod';
import type { ActivityItem, CommunityFeedQuery, FeedQuery, HomeFeedQuery } from '../../../contract/feed.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { notFound } from '../../platform/http/problem.js';
import { accessFor, requireReadableAccess } from '../communities/access.js';
import { findByHandle } from '../people/repository.js';
import { excerptOf } from '../threads/content.js';
import { AT, badCursor, timeKeyset } from '../threads/keyset.js';
import { fitsBigint, threadSummariesByIds } from '../threads/repository.js';
import { summaryPage, threadSummaries } from '../threads/summaries.js';
import * as feed from './repository.js';

type Query = z.infer<typeof FeedQuery>;

/** Home: joined and followed communities, followed people and hashtags, company-wide news, one's own. */
export async function homeFeed(deps: Deps, viewer: Viewer, query: z.infer<typeof HomeFeedQuery>) {
  const rows = await feed.homeFeedPage(
    deps.db.pool,
    viewer.id,
    timeKeyset(query.cursor),
    query.limit + 1,
    query.origin ?? null,
  );
  return summaryPage(rows, query.limit);
}

export async function communityFeed(
  deps: Deps,
  viewer: Viewer,
  slug: string,
  query: z.infer<typeof CommunityFeedQuery>,
) {
  const found = await feed.communityFeedPage(
    deps.db.pool,
    slug,
    viewer.id,
    { kind: query.kind ?? null, origin: query.origin ?? null },
    timeKeyset(query.cursor),
    query.limit + 1,
  );
  if (!found) throw notFound('community');
  requireReadableAccess(accessFor(viewer, found.community, found.community.role));
  return summaryPage(found.rows, query.limit);
}

export async function hashtagFeed(deps: Deps, viewer: Viewer, tag: string, query: Query) {
  const rows = await feed.hashtagFeedPage(
    deps.db.pool,
    viewer.id,
    tag,
    timeKeyset(query.cursor),
    query.limit + 1,
  );
  return summaryPage(rows, query.limit);
}

/** What a person started and replied, only where the viewer may read; removed things are left out. */
export async function personActivity(deps: Deps, viewer: Viewer, handle: string, query: Query) {
  const db = deps.db.pool;
  const person = await findByHandle(db, handle);
  if (!person) throw notFound('person');
  const key = decodeCursor(query.cursor, ['string', 'string', 'string'] as const);
  if (key && (!AT.test(key[0]) || (key[1] !== 'thread' && key[1] !== 'reply') || !fitsBigint(key[2]))) {
    throw badCursor();
  }
  const after = key ? { at: key[0], type: key[1] as 'thread' | 'reply', id: key[2] } : null;
  const rows = await feed.activityPage(db, person.id, viewer.id, after, query.limit + 1);
  const kept = rows.slice(0, query.limit);
  const threadIds = kept.filter((row) => row.type === 'thread').map((row) => row.id);
  const replyIds = kept.filter((row) => row.type === 'reply').map((row) => row.id);
  const [summaries, refs, replies] = await Promise.all([
    threadSummaries(db, threadIds, viewer.id),
    threadSummariesByIds(db, [...new Set(kept.map((row) => row.thread_id))]),
    feed.repliesByIds(db, replyIds),
  ]);
  const summaryById = new Map(summaries.map((summary) => [summary.id, summary]));
  const refById = new Map(refs.map((ref) => [ref.id, ref]));
  const replyById = new Map(replies.map((reply) => [reply.id, reply]));
  const items = kept.flatMap((row): ActivityItem[] => {
    if (row.type === 'thread') {
      const thread = summaryById.get(row.id);
      return thread ? [{ type: 'thread', at: thread.createdAt, thread }] : [];
    }
    const reply = replyById.get(row.id);
    const ref = refById.get(row.thread_id);
    if (!reply || !ref) return [];
    return [
      {
        type: 'reply',
        at: new Date(row.key_at).toISOString(),
        reply: {
          id: reply.id,
          parentId: reply.parent_id,
          excerpt: excerptOf(reply.body_html),
          bodyHtml: reply.body_html,
        },
        thread: {
          id: ref.id,
          kind: ref.kind,
          title: ref.title,
          community:
            ref.community_slug && ref.community_name && ref.community_visibility
              ? { slug: ref.community_slug, name: ref.community_name, visibility: ref.community_visibility }
              : null,
        },
      },
    ];
  });
  const last = kept[kept.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.key_at, last.type, last.id]) : null,
  };
}
