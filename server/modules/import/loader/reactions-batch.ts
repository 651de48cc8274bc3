import type { Queryable } from '../../../platform/db/database.js';
import type { AttachmentRecord, ReactionRecord } from '../interchange.js';
import type { Batch, BatchLoader, RunState } from './batch.js';
import { insertActorMemberships, resolvePeople, resolveReplies, resolveThreads } from './repository.js';
import { insertReactions } from './rows-repository.js';
import { touch } from './touched.js';

type ReactionRow = Parameters<typeof insertReactions>[2][number];

/** Reactions by kind, with their own moment; whoever reacted in a closed or secret community was a member. */
async function loadReactions(db: Queryable, batch: Batch<ReactionRecord>, run: RunState): Promise<void> {
  const records = batch.items.map((item) => item.record);
  const ids = (target: 'thread' | 'reply') => [
    ...new Set(records.filter((r) => r.target === target).map((r) => r.targetSourceId)),
  ];
  const people = await resolvePeople(db, batch.source, [...new Set(records.map((r) => r.personSourceId))]);
  const threads = await resolveThreads(db, batch.source, ids('thread'));
  const replies = await resolveReplies(db, batch.source, ids('reply'));
  const rows: Record<'thread' | 'reply', ReactionRow[]> = { thread: [], reply: [] };
  const actors: { threadId: string; personId: string; at: string }[] = [];
  for (const r of records) {
    const personId = people.get(r.personSourceId)!.id;
    const post = r.target === 'thread' ? threads.get(r.targetSourceId)! : replies.get(r.targetSourceId)!;
    rows[r.target].push({ postId: post.id, personId, kind: r.kind, at: r.createdAt });
    actors.push({ threadId: 'threadId' in post ? post.threadId : post.id, personId, at: r.createdAt });
  }
  const added =
    (await insertReactions(db, 'thread', rows.thread, batch.source, run.now)) +
    (await insertReactions(db, 'reply', rows.reply, batch.source, run.now));
  await insertActorMemberships(db, actors);
  run.report.counts.reaction.created += added;
  // Which of them were new is not known one by one: the span of all of them is computed again.
  if (added > 0) touch(run.touched, ...records.map((r) => r.createdAt));
  run.report.counts.reaction.matched += records.length - added;
}

/** Attachments are listed in the report with where they live; the attachments work will bring the files. */
async function loadAttachments(_db: Queryable, batch: Batch<AttachmentRecord>, run: RunState): Promise<void> {
  for (const { record: r } of batch.items) {
    run.report.attachments.push({
      target: r.target,
      targetSourceId: r.targetSourceId,
      name: r.name,
      storage: r.storage,
      path: r.path ?? null,
    });
  }
}

export const reactionLoader: BatchLoader<ReactionRecord> = { write: loadReactions };
export const attachmentLoader: BatchLoader<AttachmentRecord> = { write: loadAttachments };
