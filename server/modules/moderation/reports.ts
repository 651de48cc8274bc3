import type { z } from 'zod';
import type { CreateReport, QueueItem, QueueQuery } from '../../../contract/moderation.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import { decodeCursor, toPage } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { conflict, forbidden, invalidField, notFound } from '../../platform/http/problem.js';
import { requireVisible } from '../communities/access.js';
import { presentSummary } from '../people/present.js';
import { findByHandle, type SummaryRow, summariesByIds } from '../people/repository.js';
import { loadReadableThread } from '../threads/policy.js';
import { findReply } from '../threads/reply-repository.js';
import { fitsBigint } from '../threads/repository.js';
import { actionsFor, isOrganisationModerator, mayReadItem, placeOf } from './policy.js';
import { insertReport, listQueue, type NewReport, ownsAnyCommunity, type QueueRow } from './repository.js';

/** Anyone who can read a post (or knows a colleague) reports it; reporting the same thing twice is one report. */
export async function createReport(deps: Deps, viewer: Viewer, input: CreateReport) {
  const now = deps.clock.now();
  const id = await inTransaction(deps.db.pool, async (tx) => {
    const target = await reportTarget(tx, viewer, input);
    return insertReport(
      tx,
      { ...target, kind: 'report', reporterId: viewer.id, reason: input.reason, note: input.note },
      now,
    );
  });
  return { id, status: 'open' as const };
}

type Target = Pick<NewReport, 'targetType' | 'threadId' | 'replyId' | 'personId' | 'communityId'>;

async function reportTarget(db: Queryable, viewer: Viewer, input: CreateReport): Promise<Target> {
  if (input.targetType === 'person') {
    const person = await findByHandle(db, input.targetId);
    if (person?.status !== 'active') throw notFound('person');
    if (person.id === viewer.id) throw invalidField('targetId', 'is you: you cannot report yourself');
    return { targetType: 'person', threadId: null, replyId: null, personId: person.id, communityId: null };
  }
  if (!fitsBigint(input.targetId)) throw notFound(input.targetType);
  if (input.targetType === 'reply') {
    const reply = await findReply(db, input.targetId);
    if (!reply) throw notFound('reply');
    const { thread } = await loadReadableThread(db, viewer, reply.thread_id, 'reply');
    if (reply.deleted_at || thread.deleted_at) throw conflict('This reply is no longer shown.');
    return {
      targetType: 'reply',
      threadId: thread.id,
      replyId: reply.id,
      personId: reply.author_id,
      communityId: thread.community_id,
    };
  }
  const { thread } = await loadReadableThread(db, viewer, input.targetId);
  if (thread.deleted_at) throw conflict('This thread is no longer shown.');
  return {
    targetType: 'thread',
    threadId: thread.id,
    replyId: null,
    personId: thread.author_id,
    communityId: thread.community_id,
  };
}

/**
 * The moderation queue: the organisation's moderators see every open item, owners those of their communities.
 * What an item shows follows what the viewer may read: of a post in a closed or secret community they are not
 * in, only that a report exists and where (a secret community unnamed).
 */
export async function moderationQueue(deps: Deps, viewer: Viewer, query: z.infer<typeof QueueQuery>) {
  const db = deps.db.pool;
  const everything = isOrganisationModerator(viewer);
  const community = query.community ? await requireVisible(db, viewer, { slug: query.community }) : null;
  const mayModerate = community ? community.role === 'owner' : await ownsAnyCommunity(db, viewer.id);
  if (!everything && !mayModerate) {
    throw forbidden('The moderation queue is for community owners, community managers and admins.');
  }
  const communityId = community?.id ?? null;
  const after = decodeCursor(query.cursor, ['string'] as const);
  if (after && !fitsBigint(after[0])) throw invalidField('cursor', 'is not a cursor this list gave out');
  const rows = await listQueue(db, viewer.id, {
    everything,
    communityId,
    beforeId: after?.[0] ?? null,
    limit: query.limit + 1,
  });
  const people = await summariesByIds(db, [
    ...new Set(
      rows.flatMap((row) => [row.person_id, row.reporter_id ?? [], row.post_author_id ?? []].flat()),
    ),
  ]);
  return toPage(
    rows,
    query.limit,
    (row) => presentQueueItem(viewer, row, people),
    (row) => [row.id],
  );
}

export function presentQueueItem(viewer: Viewer, row: QueueRow, people: Map<string, SummaryRow>): QueueItem {
  const place = placeOf(viewer, row);
  const readable = mayReadItem(viewer, row);
  const person = (id: string | null) => {
    const found = id ? people.get(id) : undefined;
    return found ? presentSummary(found) : null;
  };
  const author = person(row.post_author_id);
  return {
    id: row.id,
    kind: row.kind,
    targetType: row.target_type,
    reason: row.reason,
    // The note may quote the post: it is as private as the post.
    note: readable ? row.note : '',
    reporter: readable ? person(row.reporter_id) : null,
    where: {
      community: place?.canSee ? { slug: place.slug, name: place.name } : null,
      hiddenCommunity: place !== null && !place.canSee,
    },
    content:
      readable && row.thread_id && author
        ? {
            threadId: row.thread_id,
            replyId: row.reply_id,
            title: row.post_title ?? '',
            bodyHtml: row.post_body_html ?? '',
            author,
            state: row.post_state,
            locked: row.thread_locked,
          }
        : null,
    person: readable ? person(row.person_id) : null,
    appeal:
      row.appeal_of && row.appeal_action
        ? {
            actionId: row.appeal_of,
            action: row.appeal_action,
            reason: row.appeal_reason ?? '',
            note: readable ? (row.appeal_note ?? '') : '',
          }
        : null,
    actions: actionsFor(viewer, row),
    createdAt: row.created_at.toISOString(),
  };
}
