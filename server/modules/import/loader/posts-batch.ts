import type { Queryable } from '../../../platform/db/database.js';
import type { ReplyRecord, ThreadRecord } from '../interchange.js';
import { type Batch, type BatchLoader, type RunState, skip } from './batch.js';
import { type ImportedContent, mentionedSourceIds, prepareImported } from './content.js';
import { inventTitle } from './names.js';
import {
  type CommunityFacts,
  insertFollows,
  insertMappings,
  insertMembers,
  insertMentions,
  insertThreadHashtags,
  nextIds,
  type PersonFacts,
  replacePostMentions,
  resolveCommunities,
  resolvePeople,
  resolveReplies,
  resolveThreads,
  softDelete,
  sourceKey,
  type ThreadFacts,
} from './repository.js';
import {
  acceptAnswers,
  insertReplies,
  insertThreads,
  type NewReply,
  type NewThread,
  updatePostContent,
} from './rows-repository.js';
import { touch } from './touched.js';

const INITIAL_STATUS: Record<string, string> = { question: 'open', idea: 'new' };

type Member = Parameters<typeof insertMembers>[1][number];
type Mention = Parameters<typeof insertMentions>[1][number];

/**
 * Everyone a batch's posts name (authors and the people their bodies mention), from the run's cache where an
 * earlier batch looked them up: people are all written before the first post.
 */
async function peopleOf(
  db: Queryable,
  run: RunState,
  source: string,
  posts: { authorSourceId: string; body: string }[],
) {
  const ids = new Set<string>();
  for (const post of posts) {
    ids.add(post.authorSourceId);
    for (const id of mentionedSourceIds(post.body)) ids.add(id);
  }
  const people = new Map<string, PersonFacts>();
  const missing: string[] = [];
  for (const id of ids) {
    const known = run.people.get(sourceKey(source, id));
    if (known) people.set(id, known);
    else missing.push(id);
  }
  for (const [id, person] of await resolvePeople(db, source, missing)) {
    run.people.set(sourceKey(source, id), person);
    people.set(id, person);
  }
  return people;
}

/** Each live record's body as Plein stores it (null for one deleted in the source): node's share of a batch. */
const contentsOf = (
  records: { body: string; deletedAt?: string | null | undefined; hashtags?: string[] | undefined }[],
  people: Map<string, PersonFacts>,
): (ImportedContent | null)[] =>
  records.map((r) => (r.deletedAt ? null : prepareImported(r.body, people, r.hashtags)));

type PreparedThreads = {
  people: Map<string, PersonFacts>;
  existing: Map<string, ThreadFacts>;
  communities: Map<string, CommunityFacts>;
  contents: (ImportedContent | null)[];
};

async function prepareThreads(
  db: Queryable,
  batch: Batch<ThreadRecord>,
  run: RunState,
): Promise<PreparedThreads> {
  const source = batch.source;
  const records = batch.items.map((item) => item.record);
  const existing = await resolveThreads(
    db,
    source,
    records.map((r) => r.sourceId),
  );
  const people = await peopleOf(db, run, source, records);
  const communities = await resolveCommunities(
    db,
    source,
    records.flatMap((r) => (r.communitySourceId ? [r.communitySourceId] : [])),
  );
  return { people, existing, communities, contents: contentsOf(records, people) };
}

/**
 * Threads with their own timestamps: no notification, event or routing; the author joins and follows, as when
 * posting live. One deleted in the source is skipped, or removed when an earlier run brought it in.
 */
async function writeThreads(
  db: Queryable,
  batch: Batch<ThreadRecord>,
  run: RunState,
  { people, existing, communities, contents }: PreparedThreads,
): Promise<void> {
  const counts = run.report.counts.thread;
  const source = batch.source;
  const fresh = batch.items.filter((item) => !existing.has(item.record.sourceId) && !item.record.deletedAt);
  const ids = await nextIds(db, 'threads', fresh.length);
  const rows: NewThread[] = [];
  const mentions: Mention[] = [];
  const tags: { threadId: string; tag: string; at: string }[] = [];
  const follows: { threadId: string; personId: string; at: string }[] = [];
  const members: Member[] = [];
  const mappings: { source: string; sourceId: string; pleinId: string }[] = [];
  const removed: { id: string; at: string }[] = [];
  for (const [i, item] of batch.items.entries()) {
    const r = item.record;
    const known = existing.get(r.sourceId);
    const content = contents[i];
    if (!content) {
      if (known && !known.deleted) removed.push(removal(run, known.id, r));
      if (known) counts.removed++;
      else skip(run, item, 'deleted in the source');
      continue;
    }
    const title = r.title?.trim() ? r.title.trim() : inventTitle(content.bodyMd);
    if (known) {
      counts.matched++;
      if (known.bodyMd !== content.bodyMd || known.title !== title) {
        await updatePostContent(
          db,
          'threads',
          {
            id: known.id,
            title,
            ...content,
            editedAt: r.editedAt ?? null,
          },
          run.now,
        );
        await replacePostMentions(
          db,
          { threadId: known.id, replyId: null },
          content.mentionedIds,
          r.createdAt,
        );
        touch(run.touched, r.createdAt);
        counts.updated++;
      }
      continue;
    }
    const author = people.get(r.authorSourceId)!;
    const community: CommunityFacts | null = r.communitySourceId
      ? communities.get(r.communitySourceId)!
      : null;
    const kind = r.kind ?? 'discussion';
    const id = ids[rows.length]!;
    rows.push({
      id,
      communityId: community?.id ?? null,
      authorId: author.id,
      kind,
      title,
      titleInvented: !r.title?.trim(),
      bodyMd: content.bodyMd,
      bodyHtml: content.bodyHtml,
      origin: originOf(r, author),
      companyWide: kind === 'announcement' && !community,
      status: INITIAL_STATUS[kind] ?? null,
      createdAt: r.createdAt,
      editedAt: r.editedAt ?? null,
    });
    mappings.push({ source, sourceId: r.sourceId, pleinId: id });
    touch(run.touched, r.createdAt);
    for (const personId of content.mentionedIds)
      mentions.push({ threadId: id, replyId: null, personId, at: r.createdAt });
    for (const tag of content.hashtags) tags.push({ threadId: id, tag, at: r.createdAt });
    follows.push({ threadId: id, personId: author.id, at: r.createdAt });
    // Whoever posted in a community was in it, as posting live makes one.
    if (community)
      members.push({ communityId: community.id, personId: author.id, role: 'member', joinedAt: r.createdAt });
  }
  await insertThreads(db, rows, source, run.now);
  await insertMappings(db, 'thread', mappings);
  await insertMentions(db, mentions);
  await insertThreadHashtags(db, tags);
  await insertFollows(db, follows);
  await insertMembers(db, members);
  await softDelete(db, 'threads', removed);
  counts.created += rows.length;
}

/**
 * A post removed because the source deleted it: its days are computed again, and so is everything else (a person's
 * first contribution and the reach pairs only ever move forward in a partial refresh).
 */
function removal(run: RunState, id: string, r: { createdAt: string; deletedAt?: string | null | undefined }) {
  touch(run.touched, r.createdAt);
  run.touched.everything = true;
  return { id, at: r.deletedAt! };
}

/** Top-down where the author led when posting (if the source says), else by the author's current flag. */
const originOf = (r: ThreadRecord, author: PersonFacts) =>
  (r.authorWasLeader ?? author.isLeader) ? ('top_down' as const) : ('bottom_up' as const);

type PreparedReplies = {
  people: Map<string, PersonFacts>;
  threads: Map<string, ThreadFacts>;
  contents: (ImportedContent | null)[];
};

async function prepareReplies(
  db: Queryable,
  batch: Batch<ReplyRecord>,
  run: RunState,
): Promise<PreparedReplies> {
  const records = batch.items.map((item) => item.record);
  const threads = await resolveThreads(db, batch.source, [...new Set(records.map((r) => r.threadSourceId))]);
  const people = await peopleOf(db, run, batch.source, records);
  return { people, threads, contents: contentsOf(records, people) };
}

/**
 * Replies nest one level, as in Plein: a reply to a reply hangs under the top one. The replies they answer are
 * looked up here, in the batch's transaction: one may be in the batch written just before.
 */
async function writeReplies(
  db: Queryable,
  batch: Batch<ReplyRecord>,
  run: RunState,
  { people, threads, contents }: PreparedReplies,
): Promise<void> {
  const counts = run.report.counts.reply;
  const source = batch.source;
  const records = batch.items.map((item) => item.record);
  const replyIds = new Set<string>();
  for (const r of records) {
    replyIds.add(r.sourceId);
    if (r.parentReplySourceId) replyIds.add(r.parentReplySourceId);
  }
  const replies = await resolveReplies(db, source, [...replyIds]);
  const fresh = batch.items.filter((item) => !replies.has(item.record.sourceId) && !item.record.deletedAt);
  const ids = await nextIds(db, 'replies', fresh.length);
  const rows: NewReply[] = [];
  const mentions: Mention[] = [];
  const follows: { threadId: string; personId: string; at: string }[] = [];
  const members: Member[] = [];
  const mappings: { source: string; sourceId: string; pleinId: string }[] = [];
  const accepted: { threadId: string; replyId: string; at: string }[] = [];
  const removed: { id: string; at: string }[] = [];
  for (const [i, item] of batch.items.entries()) {
    const r = item.record;
    const known = replies.get(r.sourceId);
    const content = contents[i];
    if (!content) {
      if (known && !known.deleted) removed.push(removal(run, known.id, r));
      if (known) counts.removed++;
      else skip(run, item, 'deleted in the source');
      continue;
    }
    const thread = threads.get(r.threadSourceId);
    if (!thread) {
      skip(run, item, 'its thread was not imported');
      continue;
    }
    if (known) {
      counts.matched++;
      if (known.bodyMd !== content.bodyMd) {
        await updatePostContent(
          db,
          'replies',
          { id: known.id, ...content, editedAt: r.editedAt ?? null },
          run.now,
        );
        await replacePostMentions(
          db,
          { threadId: thread.id, replyId: known.id },
          content.mentionedIds,
          r.createdAt,
        );
        touch(run.touched, r.createdAt);
        counts.updated++;
      }
      continue;
    }
    const author = people.get(r.authorSourceId)!;
    const parent = r.parentReplySourceId ? replies.get(r.parentReplySourceId) : undefined;
    const id = ids[rows.length]!;
    rows.push({
      id,
      threadId: thread.id,
      parentId: parent ? (parent.parentId ?? parent.id) : null,
      authorId: author.id,
      bodyMd: content.bodyMd,
      bodyHtml: content.bodyHtml,
      createdAt: r.createdAt,
      editedAt: r.editedAt ?? null,
    });
    // Later replies of the same batch may answer this one.
    replies.set(r.sourceId, {
      id,
      threadId: thread.id,
      parentId: rows.at(-1)!.parentId,
      bodyMd: content.bodyMd,
      deleted: false,
    });
    mappings.push({ source, sourceId: r.sourceId, pleinId: id });
    touch(run.touched, r.createdAt);
    for (const personId of content.mentionedIds)
      mentions.push({ threadId: thread.id, replyId: id, personId, at: r.createdAt });
    follows.push({ threadId: thread.id, personId: author.id, at: r.createdAt });
    // In a closed or secret community only members reply: whoever did was one.
    if (thread.communityId && thread.visibility !== 'open') {
      members.push({
        communityId: thread.communityId,
        personId: author.id,
        role: 'member',
        joinedAt: r.createdAt,
      });
    }
    if (r.accepted) {
      accepted.push({ threadId: thread.id, replyId: id, at: r.acceptedAt ?? r.createdAt });
      touch(run.touched, r.acceptedAt ?? r.createdAt);
    }
  }
  await insertReplies(db, rows, source, run.now);
  await insertMappings(db, 'reply', mappings);
  await insertMentions(db, mentions);
  await insertFollows(db, follows);
  await insertMembers(db, members);
  await acceptAnswers(db, accepted);
  await softDelete(db, 'replies', removed);
  counts.created += rows.length;
}

export const threadLoader: BatchLoader<ThreadRecord, PreparedThreads> = {
  prepare: prepareThreads,
  write: writeThreads,
};
export const replyLoader: BatchLoader<ReplyRecord, PreparedReplies> = {
  prepare: prepareReplies,
  write: writeReplies,
};
