import { z } from 'zod';
import { Timestamp } from './common.js';
import { PersonSummary } from './people.js';

export const EDIT_HISTORY = {
  /** Earlier versions kept per post; an edit beyond drops the oldest, unless a legal hold keeps every one. */
  keptVersions: 100,
  /** Versions per page: a body may be 50,000 characters. */
  pageSize: 20,
} as const;

export const EditHistoryQuery = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(EDIT_HISTORY.pageSize, `must be at most ${EDIT_HISTORY.pageSize}`)
      .default(10),
  })
  .strict();

/** The text of a thread or reply before one edit: what it said, since when, and who replaced it when. */
export const PostVersion = z.object({
  id: z.string(),
  /** The thread's title at the time; null for a reply. */
  title: z.string().nullable(),
  bodyMarkdown: z.string(),
  writtenAt: Timestamp,
  replacedAt: Timestamp,
  replacedBy: PersonSummary,
});
export type PostVersion = z.infer<typeof PostVersion>;

/** Earlier versions, newest first (keyset); the current text is the post itself. */
export const EditHistory = z.object({
  items: z.array(PostVersion),
  nextCursor: z.string().nullable(),
});
export type EditHistory = z.infer<typeof EditHistory>;

/** Whose edit history a viewer may open in a thread: every post's, or only their own posts'. */
export const EditHistoryAccess = z.enum(['all', 'own']);
export type EditHistoryAccess = z.infer<typeof EditHistoryAccess>;
