import type { Figure } from '../../../../contract/analytics.js';

type T = (key: string, options?: Record<string, unknown>) => string;

/** A figure's value in its unit, in the reader's number format; a dash when there is nothing to show. */
export function formatValue(t: T, number: (n: number) => string, unit: Figure['unit'], value: number | null) {
  if (value === null) return t('analytics.noValue');
  return t(`analytics.unit.${unit}`, { value: number(value) });
}

export const STATUS_STYLE: Record<string, { background: string; color: string }> = {
  on_track: { background: '#d7f5df', color: '#0b5a24' },
  at_risk: { background: '#fff0c2', color: '#6b4a00' },
  off_track: { background: '#ffd9d6', color: '#8a1a12' },
  no_data: { background: '#e7e7ea', color: '#3b3b44' },
};

/** Series colours that stay apart for colour-blind readers (Okabe–Ito). */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'];
