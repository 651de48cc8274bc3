import type { Status } from '../../../contract/analytics.js';

/**
 * When a condition is on track, at risk or off track: one rule per headline figure, documented in
 * docs/ANALYTICS.md ("Status thresholds"). A condition takes the worst status of its rules; a rule whose figure
 * has no data is skipped, and a condition with no data at all says so.
 */
export type Rule = {
  figure: string;
  /** 'up': higher is better; 'down': lower is better. */
  better: 'up' | 'down';
  /** At or beyond this the figure is on track. */
  onTrack: number;
  /** Beyond this (the wrong way) the figure is off track; in between it is at risk. */
  offTrack: number;
};

export const THRESHOLDS: Record<string, Rule[]> = {
  strategic: [
    { figure: 'themeShare', better: 'up', onTrack: 10, offTrack: 3 },
    { figure: 'loopClosure', better: 'up', onTrack: 60, offTrack: 30 },
    // AMAs (ama-figures.ts): what people asked gets answered, and by leaders, not by someone standing in for them.
    { figure: 'amaAnsweredShare', better: 'up', onTrack: 70, offTrack: 40 },
    { figure: 'amaLeaderAnsweredShare', better: 'up', onTrack: 50, offTrack: 20 },
  ],
  bottom_line: [
    { figure: 'goalShare', better: 'up', onTrack: 15, offTrack: 5 },
    { figure: 'goalsMetShare', better: 'up', onTrack: 60, offTrack: 30 },
  ],
  fertile_ground: [
    { figure: 'crossDepartment', better: 'up', onTrack: 30, offTrack: 15 },
    { figure: 'questionsAnsweredAcross', better: 'up', onTrack: 30, offTrack: 10 },
  ],
  top_down_bottom_up: [
    // Leaders' share follows the expected top-down → bottom-up line (points above it), but leaders still start some.
    { figure: 'leaderShareAboveExpected', better: 'down', onTrack: 5, offTrack: 15 },
    { figure: 'leaderThreadShare', better: 'up', onTrack: 5, offTrack: 1 },
    { figure: 'praisePer100', better: 'up', onTrack: 5, offTrack: 1 },
  ],
  enough_people: [{ figure: 'viableShare', better: 'up', onTrack: 70, offTrack: 40 }],
  low_threshold: [
    { figure: 'monthlyActiveShare', better: 'up', onTrack: 50, offTrack: 25 },
    { figure: 'engagedShare', better: 'up', onTrack: 20, offTrack: 5 },
  ],
};

/** Reach above this many colleagues is beyond what anyone keeps track of (Dunbar's number). */
export const DUNBAR = 150;
/** A theme without an outcome update for this many days gets a recommendation. */
export const THEME_SILENCE_DAYS = 60;
/** The expected fall of the top-down share: from the first month's share to this floor over EXPECTED_MONTHS. */
export const EXPECTED_TOP_DOWN_FLOOR = 20;
export const EXPECTED_MONTHS = 12;
/** Kinds of conversation whose last 4 weeks fell by more than this percent against the 4 before are drying up. */
export const DRYING_UP_PERCENT = 25;

const rank: Record<Status, number> = { no_data: 0, on_track: 1, at_risk: 2, off_track: 3 };

export function judge(rule: Rule, value: number | null): Status {
  if (value === null) return 'no_data';
  if (rule.better === 'up')
    return value >= rule.onTrack ? 'on_track' : value < rule.offTrack ? 'off_track' : 'at_risk';
  return value <= rule.onTrack ? 'on_track' : value > rule.offTrack ? 'off_track' : 'at_risk';
}

/** The worst status of a condition's rules over its figures. */
export function statusOf(condition: string, values: Record<string, number | null>): Status {
  let worst: Status = 'no_data';
  for (const rule of THRESHOLDS[condition] ?? []) {
    const status = judge(rule, values[rule.figure] ?? null);
    if (rank[status] > rank[worst]) worst = status;
  }
  return worst;
}
