import { z } from 'zod';
import { Id, singleLine, Timestamp } from './common.js';

export const POLL_LIMITS = { minOptions: 2, maxOptions: 20, optionLength: 200 } as const;

export const PollOptionLabel = singleLine(
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(POLL_LIMITS.optionLength, `must be at most ${POLL_LIMITS.optionLength} characters`),
);

/** What a poll thread adds to its create request. */
export const PollInput = z
  .object({
    options: z
      .array(PollOptionLabel)
      .min(POLL_LIMITS.minOptions, `must offer at least ${POLL_LIMITS.minOptions} options`)
      .max(POLL_LIMITS.maxOptions, `may offer at most ${POLL_LIMITS.maxOptions} options`)
      .refine(
        (options) => new Set(options.map((o) => o.toLowerCase())).size === options.length,
        'must not offer the same option twice',
      ),
    /** Several options may be chosen (true) or exactly one (false). */
    multiple: z.boolean().default(false),
    /** Nobody, not even an admin, can see who chose what: only counts are kept. */
    anonymous: z.boolean().default(false),
    /** When voting stops; absent or null: it stays open. */
    closesAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict();
export type PollInput = z.infer<typeof PollInput>;

export const PollVote = z
  .object({
    optionIds: z
      .array(Id)
      .min(1, 'must choose at least one option')
      .max(POLL_LIMITS.maxOptions, `may choose at most ${POLL_LIMITS.maxOptions} options`),
  })
  .strict();
export type PollVote = z.infer<typeof PollVote>;

export const PollOption = z.object({
  id: Id,
  label: z.string(),
  votes: z.number().int(),
  /** Whether the viewer chose it; always false in an anonymous poll (it is not kept). */
  chosenByMe: z.boolean(),
});

export const Poll = z.object({
  threadId: Id,
  multiple: z.boolean(),
  anonymous: z.boolean(),
  closesAt: Timestamp.nullable(),
  closed: z.boolean(),
  /** How many people voted (in a multiple-choice poll, fewer than the sum of the options' votes). */
  voterCount: z.number().int(),
  votedByMe: z.boolean(),
  /** An open poll that the viewer may vote in now (a vote in an anonymous poll cannot be changed). */
  canVote: z.boolean(),
  options: z.array(PollOption),
});
export type Poll = z.infer<typeof Poll>;
