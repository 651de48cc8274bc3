import { round1 } from './figures.js';
import { EXPECTED_MONTHS, EXPECTED_TOP_DOWN_FLOOR } from './thresholds.js';

/**
 * The expected shift from top-down to bottom-up (docs/ANALYTICS.md, `leaderShareAboveExpected`): the leaders'
 * share of new threads falls from the first month's share in a straight line to the floor over EXPECTED_MONTHS
 * calendar months, then stays there. The chart and the status read the same line.
 */

/** The expected top-down share `index` calendar months after the first month: a straight fall, then flat. */
export function expectedTopDown(first: number, index: number): number {
  if (first <= EXPECTED_TOP_DOWN_FLOOR) return round1(first);
  const fall = ((first - EXPECTED_TOP_DOWN_FLOOR) * Math.min(index, EXPECTED_MONTHS)) / EXPECTED_MONTHS;
  return round1(first - fall);
}

/** Calendar months from `from` to `to`, both 'YYYY-MM' (or a longer ISO date). */
const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
  Number(to.slice(5, 7)) -
  Number(from.slice(5, 7));

/**
 * The expected line over `months` (one point per month with threads, oldest first) and its value in the month of
 * `periodTo`, the period's last day; null before the first month with threads.
 */
export function expectedLine(shares: (number | null)[], months: string[], periodTo: string) {
  const firstIndex = shares.findIndex((s) => s !== null);
  const first = firstIndex < 0 ? null : shares[firstIndex]!;
  const at = (month: string) => {
    if (first === null) return null;
    const index = monthsBetween(months[firstIndex]!, month);
    return index < 0 ? null : expectedTopDown(first, index);
  };
  return { line: months.map(at), forPeriod: at(periodTo) };
}
