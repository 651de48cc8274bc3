import { z } from 'zod';
import { Handle, Id, PageQuery, singleLine, Timestamp } from './common.js';
import { PersonSummary } from './people.js';

/** Strategic themes (condition 1): every limit a person can run into, in one place. */
export const THEME_LIMITS = {
  titleLength: 200,
  questionLength: 2_000,
  whyLength: 5_000,
  outcomeLength: 20_000,
  /** The theme page shows this many newest outcome updates; `figures.outcomes` counts them all. */
  outcomesShown: 50,
} as const;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const required = (max: number) => text(max).min(1, 'must not be empty');

/** A future moment, ISO 8601 with a zone; the service checks it lies after "now". */
const EndsAt = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date and time' });

export const ThemeState = z.enum(['open', 'closed']);
export type ThemeState = z.infer<typeof ThemeState>;

export const ThemesQuery = PageQuery.extend({
  state: z.enum(['open', 'closed', 'all']).default('all').describe('open themes come first with "all"'),
});

export const CreateTheme = z
  .object({
    title: singleLine(required(THEME_LIMITS.titleLength)),
    question: required(THEME_LIMITS.questionLength),
    why: text(THEME_LIMITS.whyLength).default(''),
    endsAt: EndsAt.nullable().optional(),
    /** An admin may open a theme for a leader, who then owns it; by default the creator owns it. */
    ownerHandle: Handle.optional(),
  })
  .strict();
export type CreateTheme = z.infer<typeof CreateTheme>;

export const UpdateTheme = z
  .object({
    title: singleLine(required(THEME_LIMITS.titleLength)),
    question: required(THEME_LIMITS.questionLength),
    why: text(THEME_LIMITS.whyLength),
    endsAt: EndsAt.nullable(),
    state: ThemeState,
  })
  .partial()
  .strict()
  .refine((input) => Object.keys(input).length > 0, { message: 'give something to change', path: ['state'] });
export type UpdateTheme = z.infer<typeof UpdateTheme>;

export const CreateOutcome = z.object({ body: required(THEME_LIMITS.outcomeLength) }).strict();
export type CreateOutcome = z.infer<typeof CreateOutcome>;

export const ThemeParams = z.object({ id: Id });

/** Computed only over linked threads the viewer may read: a secret community's thread is not even counted. */
export const ThemeFigures = z.object({
  participants: z
    .number()
    .int()
    .describe('distinct authors, repliers and reactors of readable linked threads'),
  threads: z.number().int(),
  replies: z.number().int(),
  outcomes: z.number().int(),
  loopClosed: z.boolean().describe('at least one outcome update was posted'),
  daysSinceLastOutcome: z.number().int().nullable().describe('whole days; null without outcome updates'),
  secondsToFirstOutcome: z.number().int().nullable().describe('from opening to the first outcome update'),
});
export type ThemeFigures = z.infer<typeof ThemeFigures>;

export const ThemeSummary = z.object({
  id: Id,
  title: z.string(),
  question: z.string(),
  /** Effective state: a theme whose end date has passed is closed. */
  state: ThemeState,
  owner: PersonSummary,
  endsAt: Timestamp.nullable(),
  createdAt: Timestamp,
  closedAt: Timestamp.nullable(),
  figures: ThemeFigures,
});
export type ThemeSummary = z.infer<typeof ThemeSummary>;

export const ThemeOutcome = z.object({
  id: Id,
  themeId: Id,
  author: PersonSummary,
  bodyHtml: z.string(),
  createdAt: Timestamp,
});
export type ThemeOutcome = z.infer<typeof ThemeOutcome>;

export const ThemeDetail = ThemeSummary.extend({
  why: z.string(),
  /** Newest first, at most THEME_LIMITS.outcomesShown. */
  outcomes: z.array(ThemeOutcome),
  followedByMe: z.boolean(),
  canEdit: z.boolean(),
  canPostOutcome: z.boolean(),
});
export type ThemeDetail = z.infer<typeof ThemeDetail>;

export const ThemeParticipant = z.object({
  person: PersonSummary,
  /** Threads, replies and reactions of theirs in readable linked threads. */
  contributions: z.number().int(),
});
export type ThemeParticipant = z.infer<typeof ThemeParticipant>;
