import type { Figure, Trend } from '../../../contract/analytics.js';

/** Small arithmetic every condition shares; percentages and medians are rounded to one decimal. */

export const round1 = (value: number) => Math.round(value * 10) / 10;

/** n of d as a percentage, or null when there is nothing to divide by. */
export const pct = (n: number, d: number): number | null => (d > 0 ? round1((n * 100) / d) : null);

export const maybe = (value: number | null | undefined): number | null =>
  value === null || value === undefined ? null : round1(Number(value));

export const figure = (
  id: string,
  unit: Figure['unit'],
  value: number | null,
  previous: number | null = null,
): Figure => ({ id, unit, value, previous });

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const DAY = 86_400_000;
export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
/** The instant just after the last day of a period. */
export const endOfDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY);
export const daysBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY;

/** Labels of `weeks` weeks ending `to`: each week's last day, oldest first. */
export const weekLabels = (to: string, weeks: number) =>
  Array.from({ length: weeks }, (_, i) => addDays(to, -7 * (weeks - 1 - i)));

/** Spreads rows keyed by week index (0 = oldest) over every week, zero where a week had nothing. */
export function byWeek<T extends { week: number }>(
  rows: T[],
  weeks: number,
  value: (row: T) => number | null,
) {
  const values: (number | null)[] = Array.from({ length: weeks }, () => null);
  for (const row of rows) if (row.week >= 0 && row.week < weeks) values[row.week] = value(row);
  return values;
}

/** Percent change of the last four weeks against the four before; null when the four before were empty. */
export function fourWeekChange(values: (number | null)[]): number | null {
  const sum = (list: (number | null)[]) => list.reduce<number>((total, v) => total + (v ?? 0), 0);
  const last = sum(values.slice(-4));
  const before = sum(values.slice(-8, -4));
  return before > 0 ? round1(((last - before) * 100) / before) : null;
}

export const trend = (step: Trend['step'], labels: string[], series: Trend['series']): Trend => ({
  step,
  labels,
  series,
});
