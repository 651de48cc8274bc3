import { z } from 'zod';
import { Withheld } from './analytics.js';
import { Id, PageQuery, Timestamp } from './common.js';
import { CommunityKind, Visibility } from './communities.js';
import { PersonSummary } from './people.js';

/** Active participants are counted over this many UTC days ending today (DESIGN.md §1, condition 5). */
export const HEALTH_WINDOW_DAYS = 28;
/** The trend: one 28-day window ending on each of this many weeks, oldest first. */
export const HEALTH_TREND_WEEKS = 12;

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('a UTC calendar day, YYYY-MM-DD');

/** Active participants are null when the community has fewer members than the minimum (`withheld` says so). */
export const TrendPoint = z.object({ weekEnding: Day, activeParticipants: z.number().int().nullable() });

/** Invite people not yet members: by the departments most common among members, and by matching skills. */
export const InviteSuggestion = z.object({
  kind: z.literal('invite'),
  /** Distinct candidates found either way. */
  candidates: z.number().int(),
  byDepartment: z.number().int(),
  bySkill: z.number().int(),
  departments: z.array(
    z.object({ department: z.string(), members: z.number().int(), candidates: z.number().int() }),
  ),
  skills: z.array(z.object({ skill: z.string(), candidates: z.number().int() })),
  /** Up to 5 people to invite: only for the community's owners, null for everyone else. */
  examples: z.array(PersonSummary).nullable(),
});

/** Merge with the most similar other community the viewer may read (name similarity plus shared members). */
export const MergeSuggestion = z.object({
  kind: z.literal('merge'),
  community: z.object({ slug: z.string(), name: z.string(), visibility: Visibility, kind: CommunityKind }),
  /** Trigram similarity of the names, 0–1. */
  nameSimilarity: z.number(),
  sharedMembers: z.number().int(),
  /** Distinct active participants of both together over the same 28 days. */
  combinedActiveParticipants: z.number().int(),
  combinedViable: z.boolean(),
});

/** A general community whose active participants already meet the specialist threshold. */
export const MakeSpecialistSuggestion = z.object({
  kind: z.literal('make_specialist'),
  specialistThreshold: z.number().int(),
});

export const HealthSuggestion = z.discriminatedUnion('kind', [
  InviteSuggestion,
  MergeSuggestion,
  MakeSpecialistSuggestion,
]);
export type HealthSuggestion = z.infer<typeof HealthSuggestion>;

export const CommunityHealth = z.object({
  kind: CommunityKind,
  threshold: z.number().int(),
  activeParticipants: z.number().int().nullable(),
  /** A community of fewer members than the organisation's minimum: its activity is about too few people to show. */
  withheld: Withheld.nullable(),
  viable: z.boolean(),
  windowDays: z.number().int(),
  /** The last day counted (today, UTC). */
  asOf: Day,
  trend: z.array(TrendPoint),
  /** Only when below the threshold. */
  suggestions: z.array(HealthSuggestion),
});
export type CommunityHealth = z.infer<typeof CommunityHealth>;

export const AttentionReason = z.enum(['no_sponsor', 'below_threshold']);

/** A community an admin or community manager should look at; figures only where the viewer may read it. */
export const AttentionItem = z.object({
  id: Id,
  slug: z.string(),
  name: z.string(),
  visibility: Visibility,
  kind: CommunityKind,
  memberCount: z.number().int(),
  threshold: z.number().int(),
  sponsor: PersonSummary.nullable(),
  reasons: z.array(AttentionReason),
  /**
   * Null for a closed community the viewer is not in: its activity is its members' business (access.ts); null too,
   * with `withheld`, for a community of fewer members than the organisation's minimum.
   */
  activeParticipants: z.number().int().nullable(),
  withheld: Withheld.nullable(),
  viable: z.boolean().nullable(),
  createdAt: Timestamp,
});
export type AttentionItem = z.infer<typeof AttentionItem>;

export const AttentionQuery = PageQuery;

/** A page of attention items; a page looks at a bounded stretch of the directory, so it may hold fewer. */
export const AttentionPage = z.object({
  items: z.array(AttentionItem),
  nextCursor: z.string().nullable(),
});
