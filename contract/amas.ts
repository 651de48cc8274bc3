import { z } from 'zod';
import { Body, Id, Timestamp } from './common.js';
import { PersonSummary } from './people.js';

export const AMA_LIMITS = { questionLength: 1000, maxDays: 31, maxQuestions: 500 } as const;

/** What an AMA thread adds to its create request: when it goes live and when it ends. */
export const AmaInput = z
  .object({
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type AmaInput = z.infer<typeof AmaInput>;

export const AmaQuestionInput = z
  .object({
    body: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(AMA_LIMITS.questionLength, `must be at most ${AMA_LIMITS.questionLength} characters`),
  })
  .strict();
export type AmaQuestionInput = z.infer<typeof AmaQuestionInput>;

export const AmaAnswerInput = z
  .object({ body: Body.refine((body) => body.trim().length > 0, 'must not be empty') })
  .strict();
export type AmaAnswerInput = z.infer<typeof AmaAnswerInput>;

export const AmaQuestionParams = z.object({ id: Id });

export const AmaQuestion = z.object({
  id: Id,
  author: PersonSummary,
  body: z.string(),
  votes: z.number().int(),
  votedByMe: z.boolean(),
  answered: z.boolean(),
  answerHtml: z.string().nullable(),
  answeredAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type AmaQuestion = z.infer<typeof AmaQuestion>;

export const Ama = z.object({
  threadId: Id,
  startsAt: Timestamp,
  endsAt: Timestamp,
  /** collecting: questions and votes come in; live: the leader answers; ended: all stays readable. */
  state: z.enum(['collecting', 'live', 'ended']),
  host: PersonSummary,
  canAsk: z.boolean(),
  canAnswer: z.boolean(),
  /** Most votes first, then the oldest: the order the host answers in. Unanswered ones stay, marked as such. */
  questions: z.array(AmaQuestion),
});
export type Ama = z.infer<typeof Ama>;
