import { z } from 'zod';

/** Who may create a secret community (or make one secret): admins only, or every active person. */
export const SecretCommunityCreators = z.enum(['admins', 'everyone']);

/** Limits of the scorecard's feedback-loop window (docs/ANALYTICS.md, `loopClosure`). */
export const LOOP_CLOSURE_DAYS = { min: 1, max: 365 } as const;

export const Settings = z.object({
  secretCommunityCreators: SecretCommunityCreators,
  loopClosureDays: z
    .number()
    .int('must be a whole number of days')
    .min(LOOP_CLOSURE_DAYS.min, `must be at least ${LOOP_CLOSURE_DAYS.min}`)
    .max(LOOP_CLOSURE_DAYS.max, `must be at most ${LOOP_CLOSURE_DAYS.max}`)
    .describe("days after a theme's activity within which an outcome update closes its loop (scorecard)"),
  editHistoryForReaders: z
    .boolean()
    .describe("whether every reader may open a post's edit history, not only its author and moderators"),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  secretCommunityCreators: 'admins',
  loopClosureDays: 30,
  editHistoryForReaders: false,
};

export const UpdateSettings = Settings.partial().strict();
