import { z } from 'zod';
import { Handle, Id, Slug, singleLine, Timestamp } from './common.js';

/** The kinds of data a retention period applies to (docs/PRIVACY.md, "How long"). */
export const RETENTION_CATEGORIES = ['content', 'notifications', 'audit', 'mail', 'sign_ins'] as const;
export const RetentionCategory = z.enum(RETENTION_CATEGORIES);
export type RetentionCategory = z.infer<typeof RetentionCategory>;
/** At most a hundred years: a longer period is the same as none. */
export const RETENTION_MAX_DAYS = 36_500;

const Days = z
  .number()
  .int('must be whole days')
  .min(1, 'must be at least 1 day')
  .max(RETENTION_MAX_DAYS, `must be at most ${RETENTION_MAX_DAYS} days`)
  .nullable()
  .describe('days to keep; null keeps it until removed by hand');

export const ErasedPosts = z
  .enum(['anonymise', 'remove'])
  .describe("an erased person's posts: kept under the pseudonym (default) or removed");

export const RETENTION_ACTIONS = ['delete', 'anonymise'] as const;
export const RetentionAction = z
  .enum(RETENTION_ACTIONS)
  .describe(
    'what happens to an old thread: deleted with its replies and files, or kept under "former colleague"',
  );
export type RetentionAction = z.infer<typeof RetentionAction>;

/** A community's own content period, overriding the organisation's (admins set it). */
export const CommunityRetention = z.object({
  community: z.object({
    slug: z.string(),
    name: z.string(),
    visibility: z.enum(['open', 'closed', 'secret']),
  }),
  days: Days,
  action: RetentionAction,
});
export type CommunityRetention = z.infer<typeof CommunityRetention>;

export const RetentionPolicy = z.object({
  days: z.object(
    Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, Days])) as Record<RetentionCategory, typeof Days>,
  ),
  contentAction: RetentionAction,
  /** Communities with their own content period, those the admin may know exist. */
  communities: z.array(CommunityRetention),
  erasedPosts: ErasedPosts,
});
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;

export const UpdateRetention = z.strictObject({
  days: z
    .strictObject(
      Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, Days.optional()])) as Record<
        RetentionCategory,
        z.ZodOptional<typeof Days>
      >,
    )
    .optional(),
  contentAction: RetentionAction.optional(),
  erasedPosts: ErasedPosts.optional(),
});
export type UpdateRetention = z.infer<typeof UpdateRetention>;

export const CommunityRetentionParams = z.object({ slug: Slug });
export const SetCommunityRetention = z.strictObject({
  days: Days,
  action: RetentionAction.default('delete'),
});
export type SetCommunityRetention = z.infer<typeof SetCommunityRetention>;

/** What the next sweep does to old threads in one place, with one action. */
export const ContentSweepLine = z.object({
  scope: z
    .enum(['community', 'outside', 'unseen'])
    .describe(
      'community: one community; outside: posts in no community; unseen: secret communities the admin is not in, summed',
    ),
  community: z.object({ slug: z.string(), name: z.string() }).nullable(),
  action: RetentionAction,
  threads: z.number().int(),
  replies: z.number().int(),
  files: z.number().int().describe('files deleted with their stored bytes (delete only)'),
});
export type ContentSweepLine = z.infer<typeof ContentSweepLine>;

export const RetentionPreview = z.object({
  at: Timestamp,
  counts: z.object(
    Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, z.number().int()])) as Record<
      RetentionCategory,
      z.ZodNumber
    >,
  ),
  /** Old threads per community and action (counts.content is their sum of threads). */
  content: z.array(ContentSweepLine),
  /** Threads old enough but kept because a legal hold covers them. */
  heldThreads: z.number().int(),
});

export const HOLD_REASON_MAX = 500;
export const PlaceHold = z.strictObject({
  targetType: z.enum(['person', 'community']),
  handle: Handle.optional().describe('the person, when targetType is person'),
  slug: Slug.optional().describe('the community, when targetType is community'),
  reason: singleLine(z.string().trim().min(1, 'is required').max(HOLD_REASON_MAX)),
});
export type PlaceHold = z.infer<typeof PlaceHold>;

export const LegalHold = z.object({
  id: Id,
  targetType: z.enum(['person', 'community']),
  target: z.object({ handle: z.string().optional(), slug: z.string().optional(), name: z.string() }),
  reason: z.string(),
  placedBy: z.string().nullable().describe("the placer's handle"),
  placedAt: Timestamp,
});
export const LegalHolds = z.object({ items: z.array(LegalHold) });

export const HoldParams = z.object({ id: Id });
export const PersonParams = z.object({ handle: Handle });

/** The confirmation step: the admin types the person's handle again. */
export const EraseRequest = z.strictObject({
  confirm: z.string().max(40).describe("the person's handle, typed again to confirm"),
});
export const Erased = z.object({
  id: Id,
  pseudonym: z.string(),
  posts: ErasedPosts,
  threads: z.number().int(),
  replies: z.number().int(),
  files: z
    .number()
    .int()
    .describe('files they uploaded and their profile photo, deleted with their stored bytes'),
});

export const EDISCOVERY_MAX_DAYS = 3660;
export const EDiscoveryRequest = z.strictObject({
  from: z.iso.datetime({ offset: true }).describe('content created at or after this time'),
  to: z.iso.datetime({ offset: true }).describe('content created before this time'),
  community: Slug.optional().describe('only this community (closed and secret ones included)'),
  person: Handle.optional().describe("only this person's posts"),
});
export type EDiscoveryRequest = z.infer<typeof EDiscoveryRequest>;

/** How long a prepared archive is offered before the sweep deletes it. */
export const EXPORT_OFFERED_DAYS = 7;
/** A failing export is tried this many times in all before it is marked failed. */
export const EXPORT_MAX_ATTEMPTS = 3;
export const ExportStatus = z.enum(['queued', 'running', 'ready', 'failed', 'expired']);
export const PrivacyExport = z.object({
  id: Id,
  kind: z.enum(['person', 'ediscovery']),
  status: ExportStatus,
  subject: z
    .object({ handle: z.string(), name: z.string() })
    .nullable()
    .describe('a person export: whose data'),
  requestedBy: z.string().nullable().describe("the requester's handle"),
  scope: z
    .object({
      from: Timestamp,
      to: Timestamp,
      community: z.string().nullable(),
      person: z.string().nullable(),
    })
    .nullable()
    .describe("an eDiscovery export's scope"),
  sizeBytes: z.number().int().nullable(),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
  expiresAt: Timestamp.nullable().describe('when a ready archive is deleted'),
  attempts: z.number().int().describe('how many times preparing it was started'),
  retryAt: Timestamp.nullable().describe('a failed attempt: when it is tried again'),
  failureReason: z
    .enum(['storage', 'build'])
    .nullable()
    .describe('failed for good: file storage did not work, or collecting the data failed'),
  /** Only for its recipient, while it is ready. */
  downloadUrl: z.string().nullable(),
});
export type PrivacyExport = z.infer<typeof PrivacyExport>;
export const PrivacyExports = z.object({ items: z.array(PrivacyExport) });
export const ExportParams = z.object({ id: Id });
