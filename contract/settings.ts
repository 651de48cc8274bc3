import { z } from 'zod';

/** Who may create a secret community (or make one secret): admins only, or every active person. */
export const SecretCommunityCreators = z.enum(['admins', 'everyone']);

/** Limits of the scorecard's feedback-loop window (docs/ANALYTICS.md, `loopClosure`). */
export const LOOP_CLOSURE_DAYS = { min: 1, max: 365 } as const;

/**
 * The smallest group of people an analytics figure may be about (docs/PRIVACY.md, "What the scorecard computes
 * about individuals"). Admins may raise it, and lower it to 3 at most: a figure about one or two people is about a
 * person. What is stored is read as it is, so a test that is about a figure sets it lower in the database.
 */
export const MINIMUM_GROUP = { default: 5, floor: 3, max: 100 } as const;

const MinimumGroup = z
  .number()
  .int('must be a whole number of people')
  .max(MINIMUM_GROUP.max, `must be at most ${MINIMUM_GROUP.max}`);

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
  analyticsMinimumGroup: MinimumGroup.min(1).describe(
    'analytics about fewer people than this are withheld (scorecard, funnel, community health)',
  ),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  secretCommunityCreators: 'admins',
  loopClosureDays: 30,
  editHistoryForReaders: false,
  analyticsMinimumGroup: MINIMUM_GROUP.default,
};

export const UpdateSettings = Settings.partial()
  .extend({
    analyticsMinimumGroup: MinimumGroup.min(
      MINIMUM_GROUP.floor,
      `must be at least ${MINIMUM_GROUP.floor}: a figure about fewer people is about a person`,
    ).optional(),
  })
  .strict();
