import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { GoalHelped } from './goals.js';
import { PersonSummary } from './people.js';

/** How many recent items each contribution lists; the counts cover everything. */
export const RECENT_CONTRIBUTIONS = 5;

/** A thread a contribution is tied to, as the viewer may see it. */
export const ContributionItem = z.object({
  threadId: Id,
  title: z.string(),
  kind: z.string(),
  status: z.string().nullable(),
  community: z.object({ slug: z.string(), name: z.string() }).nullable(),
  /** When the contribution happened: the answer accepted, the idea's status set, the praise given. */
  at: Timestamp,
});
export type ContributionItem = z.infer<typeof ContributionItem>;

const Tally = z.object({ count: z.number().int(), recent: z.array(ContributionItem) });

/**
 * A profile's outcome-tied recognition (DESIGN.md §1, condition 4), never raw post counts. Every count covers only
 * threads the viewer may read.
 */
export const Contributions = z.object({
  person: PersonSummary,
  /** Their replies accepted as the answer to a question. */
  acceptedAnswers: Tally,
  /** Ideas they posted that reached planned or done. */
  ideasRealised: Tally.extend({ planned: z.number().int(), done: z.number().int() }),
  /** Praise threads that name them. */
  praiseReceived: Tally,
  /** Active goals met over the last 28 days to which their replies made the difference (the goals module's rule). */
  goalsHelped: z.object({ count: z.number().int(), goals: z.array(GoalHelped) }),
});
export type Contributions = z.infer<typeof Contributions>;
