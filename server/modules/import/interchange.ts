import { z } from 'zod';
import { LIMITS } from '../../../contract/common.js';
import { ReactionKind, ThreadKind } from '../../../contract/threads.js';

/**
 * The interchange format (docs/IMPORT.md): JSON lines, one record per line, parents before children. Every reader
 * writes it and the one loader reads it; a third party may write it from any other network.
 */

/** ISO 8601 with a time zone ("2019-03-05T10:20:30Z"): the source's own moment, never the load's. */
const Instant = z.iso.datetime({ offset: true });
const SourceId = z.string().trim().min(1).max(200);
const Text = z.string().trim().max(LIMITS.nameLength);

const base = {
  /** The network the record comes from, e.g. "yammer:contoso" — a re-run of the same source finds its rows. */
  source: z.string().trim().min(1).max(100),
  sourceId: SourceId,
  /** Where a reader found it ("Messages.csv line 12"), so an error can name the original file and line. */
  at: z.string().max(300).optional(),
};

export const PersonRecord = z.strictObject({
  type: z.literal('person'),
  ...base,
  name: z.string().trim().min(1).max(LIMITS.nameLength),
  /** Optional: frontline workers have none. An existing Plein person with this address is used, not copied. */
  email: z.email().max(254).nullable().optional(),
  title: Text.optional(),
  department: Text.optional(),
  location: Text.optional(),
  managerSourceId: SourceId.nullable().optional(),
  isLeader: z.boolean().optional(),
  /** From outside the organisation's own domain (a Yammer guest): kept deactivated. */
  guest: z.boolean().optional(),
  createdAt: Instant.optional(),
});

export const CommunityRecord = z.strictObject({
  type: z.literal('community'),
  ...base,
  name: z.string().trim().min(1).max(LIMITS.nameLength),
  description: z.string().max(2000).optional(),
  visibility: z.enum(['open', 'closed', 'secret']),
  kind: z.enum(['general', 'specialist']).optional(),
  createdAt: Instant.optional(),
});

export const MembershipRecord = z.strictObject({
  type: z.literal('membership'),
  ...base,
  communitySourceId: SourceId,
  personSourceId: SourceId,
  role: z.enum(['owner', 'member']).optional(),
  joinedAt: Instant.optional(),
});

const Post = {
  authorSourceId: SourceId,
  /** Markdown, or plain text; `[[person:SOURCE_ID]]` marks a mention of a person of the same source. */
  body: z.string().max(LIMITS.bodyLength),
  createdAt: Instant,
  editedAt: Instant.nullable().optional(),
  /** Deleted in the source: skipped, and taken away again if an earlier run imported it. */
  deletedAt: Instant.nullable().optional(),
};

export const ThreadRecord = z.strictObject({
  type: z.literal('thread'),
  ...base,
  ...Post,
  /** Null or absent: posted outside any community (visible to everyone, like a personal update). */
  communitySourceId: SourceId.nullable().optional(),
  kind: ThreadKind.optional(),
  /** Absent or empty: the loader invents one from the body's first words and marks it so. */
  title: z.string().max(LIMITS.titleLength).optional(),
  /** Whether the author was a leader when they posted, where the source says so; else the current flag. */
  authorWasLeader: z.boolean().optional(),
  hashtags: z.array(z.string().trim().min(1).max(50)).max(30).optional(),
});

export const ReplyRecord = z.strictObject({
  type: z.literal('reply'),
  ...base,
  ...Post,
  threadSourceId: SourceId,
  /** A reply to a reply; Plein nests one level, so a deeper reply hangs under the top one. */
  parentReplySourceId: SourceId.nullable().optional(),
  /** The accepted answer of its question. */
  accepted: z.boolean().optional(),
  acceptedAt: Instant.optional(),
});

export const ReactionRecord = z.strictObject({
  type: z.literal('reaction'),
  ...base,
  target: z.enum(['thread', 'reply']),
  targetSourceId: SourceId,
  personSourceId: SourceId,
  kind: ReactionKind,
  createdAt: Instant,
});

export const AttachmentRecord = z.strictObject({
  type: z.literal('attachment'),
  ...base,
  target: z.enum(['thread', 'reply']),
  targetSourceId: SourceId,
  name: z.string().max(500),
  /** Inside the archive ("archive") or elsewhere, e.g. SharePoint ("external"): listed in the report either way. */
  storage: z.enum(['archive', 'external']),
  path: z.string().max(2000).optional(),
  size: z.number().int().nonnegative().optional(),
});

export const ImportRecord = z.discriminatedUnion('type', [
  PersonRecord,
  CommunityRecord,
  MembershipRecord,
  ThreadRecord,
  ReplyRecord,
  ReactionRecord,
  AttachmentRecord,
]);
export type ImportRecord = z.infer<typeof ImportRecord>;
export type RecordType = ImportRecord['type'];
export type PersonRecord = z.infer<typeof PersonRecord>;
export type CommunityRecord = z.infer<typeof CommunityRecord>;
export type MembershipRecord = z.infer<typeof MembershipRecord>;
export type ThreadRecord = z.infer<typeof ThreadRecord>;
export type ReplyRecord = z.infer<typeof ReplyRecord>;
export type ReactionRecord = z.infer<typeof ReactionRecord>;
export type AttachmentRecord = z.infer<typeof AttachmentRecord>;

/** The order records come in: a kind never refers to a later one (a person's manager excepted). */
export const RECORD_ORDER: readonly RecordType[] = [
  'person',
  'community',
  'membership',
  'thread',
  'reply',
  'reaction',
  'attachment',
];

/** A mention in an interchange body. */
export const MENTION_TOKEN = /\[\[person:([^\]\s]{1,200})\]\]/g;
