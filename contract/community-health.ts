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
export const TrendPoint = z.object({
  weekEnding: Day,
  activeParticipants: z.number().int().nullable(),
  /** The threshold that held at the end of that day: each week is judged by its own (like with like). */
  threshold: z.number().int(),
});

/** A change of the community's kind or threshold (docs/ANALYTICS.md, "Viable communities"). */
export const ThresholdChange = z.object({
  changedAt: Timestamp,
  /** Null when that person is gone. */
  changedBy: PersonSummary.nullable(),
  kindBefore: CommunityKind,
  kindAfter: CommunityKind,
  thresholdBefore: z.number().int(),
  thresholdAfter: z.number().int(),
});

/** Why someone is likely to join (docs/ANALYTICS.md, "Who to invite"). */
export const InviteReason = z.discriminatedUnion('kind', [
  /** Has accepted answers on one of the community's topics. */
  z.object({ kind: z.literal('answers'), topic: z.string() }),
  /** Knows about one of its topics (a skill, or other public evidence). */
  z.object({ kind: z.literal('knows'), topic: z.string() }),
  /** Took part in a related community (one the viewer may read) in the last 28 days. */
  z.object({
    kind: z.literal('active_in'),
    community: z.object({ slug: z.string(), name: z.string() }),
  }),
  /** Works with this many of its active members: same manager, or their manager or report. */
  z.object({ kind: z.literal('colleague'), members: z.number().int() }),
]);
export type InviteReason = z.infer<typeof InviteReason>;

export const LikelyJoiner = z.object({
  person: PersonSummary,
  /** Points of evidence: answers 3, each related community 2, knows 1, colleague 1. */
  score: z.number().int(),
  reasons: z.array(InviteReason),
});

/**
 * Invite people not yet members: the figures by the departments most common among members and by matching skills,
 * and the people most likely to join, ranked by evidence.
 */
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
  /** Up to 5 people most likely to join, best first: only for the community's owners, null for everyone else. */
  people: z.array(LikelyJoiner).nullable(),
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
  /** Changes of kind or threshold within the trend's span (from its first window's first day), oldest first. */
  thresholdChanges: z.array(ThresholdChange),
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
