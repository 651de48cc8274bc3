import { z } from 'zod';
import { Handle, Id, LIMITS, PageQuery, Slug, singleLine, Timestamp } from './common.js';
import { PersonSummary } from './people.js';

export const Visibility = z.enum(['open', 'closed', 'secret']);
export const CommunityKind = z.enum(['general', 'specialist']);
export const CommunityRole = z.enum(['owner', 'member']);

/** A community lives (DESIGN.md §1, condition 5) above this many active participants, unless told otherwise. */
export const DEFAULT_VIABILITY = { general: 250, specialist: 25 } as const;
export const DESCRIPTION_LENGTH = 5000;

export const CommunitySummary = z.object({
  id: Id,
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  visibility: Visibility,
  kind: CommunityKind,
  memberCount: z.number().int(),
  viabilityThreshold: z.number().int(),
  sponsor: PersonSummary.nullable(),
  myRole: CommunityRole.nullable(),
  myRequest: z.literal('pending').nullable(),
  createdAt: Timestamp,
});
export type CommunitySummary = z.infer<typeof CommunitySummary>;

export const CommunityDetails = CommunitySummary.extend({
  owners: z.array(PersonSummary),
  /** May read its threads and members (open, or a member). */
  canRead: z.boolean(),
  /** May change its settings. */
  canManage: z.boolean(),
  /** May add, remove and promote people and decide join requests (owners; admins only in an open community). */
  canManageMembers: z.boolean(),
  /** May make it wider (secret → closed → open): its owners only. */
  canWidenVisibility: z.boolean(),
});
export type CommunityDetails = z.infer<typeof CommunityDetails>;

export const CommunitiesQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  kind: CommunityKind.optional(),
  member: z.literal('me').optional(),
});

const Name = singleLine(z.string().trim().min(1).max(LIMITS.nameLength));
const Description = z.string().max(DESCRIPTION_LENGTH, `must be at most ${DESCRIPTION_LENGTH} characters`);
const Threshold = z.number().int().min(1).max(1_000_000);

export const CreateCommunity = z
  .object({
    name: Name,
    slug: Slug.optional(),
    description: Description.default(''),
    visibility: Visibility.default('open'),
    kind: CommunityKind.default('general'),
    viabilityThreshold: Threshold.optional(),
    sponsorHandle: Handle.nullable().optional(),
  })
  .strict();

export const UpdateCommunity = z
  .object({
    name: Name,
    description: Description,
    visibility: Visibility,
    kind: CommunityKind,
    viabilityThreshold: Threshold,
    sponsorHandle: Handle.nullable(),
  })
  .partial()
  .strict();

export const Member = z.object({ person: PersonSummary, role: CommunityRole, joinedAt: Timestamp });
export type Member = z.infer<typeof Member>;

/** The answer to joining or adding: a member at once, or a request that waits for an owner (202). */
export const Membership = z.object({
  person: PersonSummary,
  state: z.enum(['member', 'pending']),
  role: CommunityRole.nullable(),
  joinedAt: Timestamp.nullable(),
  requestId: Id.nullable(),
});
export type Membership = z.infer<typeof Membership>;

/** An optional note to the owners of a closed community; PUT may come without a body at all. */
export const JoinMessage = z
  .object({ message: z.string().trim().max(1000, 'must be at most 1000 characters').default('') })
  .strict()
  .nullish();

export const ChangeMemberRole = z.object({ role: CommunityRole }).strict();

export const JoinRequest = z.object({
  id: Id,
  person: PersonSummary,
  message: z.string(),
  status: z.enum(['pending', 'approved', 'declined']),
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable(),
});
export type JoinRequest = z.infer<typeof JoinRequest>;

/** An admin names an owner for a community that has no active owner left. */
export const AppointOwner = z.object({ handle: Handle }).strict();
