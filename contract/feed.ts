import { z } from 'zod';
import { Handle, Id, PageQuery, Slug, Timestamp } from './common.js';
import { CommunityRef, ThreadKind, ThreadSummary } from './threads.js';

export const FeedQuery = PageQuery;
/** Who started a thread: a leader (top_down) or anyone else (bottom_up), fixed at creation. */
export const Origin = z.enum(['top_down', 'bottom_up']);
export const HomeFeedQuery = PageQuery.extend({ origin: Origin.optional() });
export const CommunityFeedQuery = PageQuery.extend({
  kind: ThreadKind.optional(),
  origin: Origin.optional(),
});
export const CommunityFeedParams = z.object({ slug: Slug });
export const ActivityParams = z.object({ handle: Handle });

/** Enough of a thread to say where a reply was written. */
export const ThreadRef = z.object({
  id: Id,
  kind: ThreadKind,
  title: z.string(),
  community: CommunityRef.nullable(),
});

/** One thing a person did: started a thread, or replied in one. */
export const ActivityItem = z.discriminatedUnion('type', [
  z.object({ type: z.literal('thread'), at: Timestamp, thread: ThreadSummary }),
  z.object({
    type: z.literal('reply'),
    at: Timestamp,
    reply: z.object({ id: Id, parentId: Id.nullable(), excerpt: z.string(), bodyHtml: z.string() }),
    thread: ThreadRef,
  }),
]);
export type ActivityItem = z.infer<typeof ActivityItem>;

export const Hashtag = z.object({ tag: z.string(), followedByMe: z.boolean() });
