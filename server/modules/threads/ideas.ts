import type { z } from 'zod';
import type { PageQuery } from '../../../contract/common.js';
import {
  type ChangeIdeaStatus,
  IDEA_TRANSITIONS,
  type IdeaBoardQuery,
  type IdeaStatus,
  type StatusChange,
} from '../../../contract/threads.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction } from '../../platform/db/database.js';
import { decodeCursor, toPage } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { badRequest, conflict, forbidden } from '../../platform/http/problem.js';
import { recordParticipation } from '../activity/repository.js';
import { requireReadable } from '../communities/access.js';
import { presentSummary } from '../people/present.js';
import { summariesByIds } from '../people/repository.js';
import * as ideas from './idea-repository.js';
import { badCursor, idKeyset, timeKeyset } from './keyset.js';
import { noticeReaders } from './notices.js';
import { loadLiveThread, loadReadableThread, mayDecideIdea, type ThreadContext } from './policy.js';
import { fitsBigint } from './repository.js';
import { getThread } from './service.js';
import { threadSummaryPage } from './summaries.js';

const label = (status: string) => status.replace('_', ' ');

function requireIdea(context: ThreadContext) {
  if (context.thread.kind !== 'idea') {
    throw badRequest('Only an idea can be voted on or given a status.', [
      { field: 'id', message: `is a ${context.thread.kind}, not an idea` },
    ]);
  }
}

/** PUT votes, DELETE takes the vote back; both idempotent, the counter moving in the same transaction. */
export async function voteForIdea(deps: Deps, viewer: Viewer, threadId: string, on: boolean): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const context = await loadLiveThread(tx, viewer, threadId);
    requireIdea(context);
    if (!on) {
      await ideas.removeVote(tx, threadId, viewer.id);
      return;
    }
    if (await ideas.addVote(tx, threadId, viewer.id, now)) {
      await recordParticipation(tx, viewer.id, context.thread.community_id, now, 'react');
    }
  });
}

/**
 * Moves an idea along new → under review → planned → done, or to declined (and from declined back to review),
 * always with a note; the author and every voter who can read it hear of it.
 */
export async function changeIdeaStatus(
  deps: Deps,
  viewer: Viewer,
  threadId: string,
  input: ChangeIdeaStatus,
) {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const context = await loadLiveThread(tx, viewer, threadId);
    const { thread } = context;
    const sponsorId = thread.community_id ? await ideas.sponsorOf(tx, thread.community_id) : null;
    if (!mayDecideIdea(viewer, context, sponsorId)) {
      throw forbidden("Only this community's owners, its sponsor and leaders may change an idea's status.");
    }
    requireIdea(context);
    const from = (thread.status ?? 'new') as IdeaStatus;
    const allowed = IDEA_TRANSITIONS[from];
    if (!allowed.includes(input.status)) {
      const options = allowed.length > 0 ? `it can go to ${allowed.map(label).join(' or ')}` : 'it is final';
      throw conflict(`This idea is ${label(from)}: ${options}, not ${label(input.status)}.`, [
        { field: 'status', message: `cannot go from ${from} to ${input.status}` },
      ]);
    }
    if (!(await ideas.moveIdea(tx, threadId, from, input.status))) {
      throw conflict('Someone else changed this idea’s status just now. Reload and try again.');
    }
    await ideas.insertStatusChange(
      tx,
      { threadId, from, to: input.status, note: input.note, changedBy: viewer.id },
      now,
    );
    const data = { from, to: input.status, note: input.note };
    const voters = await ideas.voterIds(tx, threadId);
    await noticeReaders(
      tx,
      deps.bus,
      { thread, replyId: null, actorId: viewer.id },
      [thread.author_id, ...voters].map((recipientId) => ({ recipientId, kind: 'idea_status', data })),
      now,
    );
    await deps.bus.record(tx, {
      actorId: viewer.id,
      type: 'idea_status',
      threadId,
      communityId: thread.community_id,
      payload: { from, to: input.status },
    });
  });
  return getThread(deps, viewer, threadId);
}

/** An idea's status history with who changed it and why; anyone who can read the idea may see it. */
export async function listStatusChanges(
  deps: Deps,
  viewer: Viewer,
  threadId: string,
  query: z.infer<typeof PageQuery>,
) {
  const db = deps.db.pool;
  const context = await loadReadableThread(db, viewer, threadId);
  requireIdea(context);
  const rows = await ideas.listStatusChanges(db, threadId, idKeyset(query.cursor), query.limit + 1);
  const people = await summariesByIds(db, [...new Set(rows.map((row) => row.changed_by))]);
  return toPage(
    rows,
    query.limit,
    (row): StatusChange => ({
      id: row.id,
      from: row.from_status,
      to: row.to_status,
      note: row.note,
      changedBy: presentSummary(people.get(row.changed_by)!),
      createdAt: row.created_at.toISOString(),
    }),
    (row) => [row.id],
  );
}

function boardKeyset(cursor: string | undefined, sort: IdeaBoardQuery['sort']): ideas.BoardKey | null {
  if (!cursor) return null;
  if (sort === 'newest') return timeKeyset(cursor);
  const key = decodeCursor(cursor, ['number', 'string'] as const);
  if (!key || !Number.isInteger(key[0]) || key[0] < 0 || !fitsBigint(key[1])) throw badCursor();
  return { votes: key[0], id: key[1] };
}

/** A community's ideas by votes (ties: newest first) or newest, optionally of one status. */
export async function ideaBoard(deps: Deps, viewer: Viewer, slug: string, query: IdeaBoardQuery) {
  const db = deps.db.pool;
  const community = await requireReadable(db, viewer, { slug });
  const rows = await ideas.ideaBoardPage(db, community.id, {
    sort: query.sort,
    status: query.status ?? null,
    after: boardKeyset(query.cursor, query.sort),
    limit: query.limit + 1,
  });
  return threadSummaryPage(db, rows, query.limit, viewer.id, (row) =>
    query.sort === 'votes' ? [row.vote_count, row.id] : [row.key_at, row.id],
  );
}
