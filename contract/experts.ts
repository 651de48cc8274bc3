import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { PersonSummary } from './people.js';

export const EVIDENCE_SOURCES = [
  'skill',
  'accepted_answer',
  'reacted_reply',
  'specialist_thread',
  'hashtag_use',
] as const;
export const EvidenceSource = z.enum(EVIDENCE_SOURCES);

/** One reason to think someone knows a topic: "3 accepted answers on #kubernetes". */
export const Evidence = z.object({
  source: EvidenceSource,
  count: z.number().int(),
  topic: z.string().describe('a hashtag (without #), a community name, or a skill as the person wrote it'),
  topicKind: z.enum(['hashtag', 'community', 'skill']),
  community: z.object({ slug: z.string(), name: z.string() }).nullable(),
});
export type Evidence = z.infer<typeof Evidence>;

export const ExpertsQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2, 'must be at least 2 characters')
    .max(100, 'must be at most 100 characters')
    .describe('a topic: a hashtag (with or without #), a skill or a community name'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const Expert = z.object({ person: PersonSummary, score: z.number(), evidence: z.array(Evidence) });
export type Expert = z.infer<typeof Expert>;
export const Experts = z.object({ items: z.array(Expert), nextCursor: z.string().nullable() });
export type Experts = z.infer<typeof Experts>;

/** A topic a person knows about, with the evidence behind it. */
export const KnownTopic = z.object({
  topic: z.string(),
  topicKind: z.enum(['hashtag', 'community', 'skill']),
  score: z.number(),
  evidence: z.array(Evidence),
});
export type KnownTopic = z.infer<typeof KnownTopic>;
export const Expertise = z.object({ items: z.array(KnownTopic) });
export type Expertise = z.infer<typeof Expertise>;

/** Question routing, as the routed person sees and controls it. */
export const RoutingPreference = z.object({
  optOut: z.boolean(),
  /** At most this many questions are routed to one person per 24 hours. */
  dailyLimit: z.number().int(),
  recent: z.array(
    z.object({
      thread: z.object({ id: Id, title: z.string() }),
      routedAt: Timestamp,
      answeredAt: Timestamp.nullable(),
    }),
  ),
});
export type RoutingPreference = z.infer<typeof RoutingPreference>;
export const UpdateRoutingPreference = z.object({ optOut: z.boolean() }).strict();
