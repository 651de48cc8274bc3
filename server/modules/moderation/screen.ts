import type { Queryable } from '../../platform/db/database.js';
import { invalidField } from '../../platform/http/problem.js';
import { screen } from './filters.js';
import { insertReport, loadFilters, recountReplies, setPostState } from './repository.js';

/**
 * Runs a post's texts through the organisation's filters before it is written: a blocked word or link refuses the
 * whole request (nothing is written); held ones come back, for holdPost once the post exists.
 */
export async function screenPost(db: Queryable, texts: string[]): Promise<string[] | null> {
  const verdict = screen(await loadFilters(db), texts);
  if (verdict.action === 'block') {
    throw invalidField(
      'body',
      `contains what this organisation does not allow: ${verdict.matches.join(', ')}`,
    );
  }
  return verdict.action === 'hold' ? verdict.matches : null;
}

/** A held post: out of every list (only its author and moderators see it) and in the queue until approved. */
export async function holdPost(
  db: Queryable,
  post: { threadId: string; replyId: string | null; authorId: string; communityId: string | null },
  matches: string[],
  now: Date,
): Promise<void> {
  if (post.replyId) {
    await setPostState(db, 'replies', post.replyId, 'held', null, now);
    await recountReplies(db, post.threadId);
  } else {
    await setPostState(db, 'threads', post.threadId, 'held', null, now);
  }
  await insertReport(
    db,
    {
      kind: 'held',
      targetType: post.replyId ? 'reply' : 'thread',
      threadId: post.threadId,
      replyId: post.replyId,
      personId: post.authorId,
      communityId: post.communityId,
      reporterId: null,
      reason: 'filter',
      note: matches.join(', '),
    },
    now,
  );
}
