/**
 * What a run changed, for the roll-ups computed after it: the span of moments its posts, replies and reactions
 * were created (the roll-ups are kept per day, so only days from the first of them on are computed again), and
 * whether it changed something that moves earlier days too (a profile's department, a manager, a removal): then
 * they are rebuilt whole. Each batch records its part in its own transaction (pending-repository.ts), so a run
 * that is killed leaves it for the next run to finish.
 */
export type Touched = {
  /** Anything written at all: people and communities without posts still need a refresh of the roll-ups. */
  changed: boolean;
  /** Earliest and latest moment touched (ISO 8601, UTC), or null when no post, reply or reaction was. */
  from: string | null;
  to: string | null;
  everything: boolean;
};

export const untouched = (): Touched => ({ changed: false, from: null, to: null, everything: false });

/** Records that rows created at these moments were written (or removed, or changed). */
export function touch(touched: Touched, ...moments: string[]): void {
  touched.changed = true;
  for (const moment of moments) {
    const at = new Date(moment).toISOString();
    if (touched.from === null || at < touched.from) touched.from = at;
    if (touched.to === null || at > touched.to) touched.to = at;
  }
}
