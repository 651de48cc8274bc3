import { describe, expect, it } from 'vitest';
import { datePattern, datePlaceholder, formatIsoDate, parseLocalDate } from './dates.js';

describe('dates typed and shown in the interface language, not the browser’s', () => {
  const nl = datePattern('nl');
  const gb = datePattern('en-GB');
  const us = datePattern('en-US');

  it('knows the order and mark of each locale', () => {
    expect(nl).toEqual({ order: ['day', 'month', 'year'], separator: '-' });
    expect(gb).toEqual({ order: ['day', 'month', 'year'], separator: '/' });
    expect(us.order).toEqual(['month', 'day', 'year']);
  });

  it('shows an ISO date in that order', () => {
    expect(formatIsoDate('2026-03-09', nl)).toBe('09-03-2026');
    expect(formatIsoDate('2026-03-09', gb)).toBe('09/03/2026');
    expect(formatIsoDate('2026-03-09', us)).toBe('03/09/2026');
    expect(formatIsoDate('', nl)).toBe('');
  });

  it('reads what was typed, with any separator and short years', () => {
    expect(parseLocalDate('9-3-2026', nl)).toBe('2026-03-09');
    expect(parseLocalDate('09/03/2026', gb)).toBe('2026-03-09');
    expect(parseLocalDate('9.3.26', nl)).toBe('2026-03-09');
    expect(parseLocalDate('03/09/2026', us)).toBe('2026-03-09');
  });

  it('refuses what is no date', () => {
    for (const text of ['31-02-2026', '2026', '1-13-2026', '', 'morgen', '1-1-99999']) {
      expect(parseLocalDate(text, nl), text).toBeNull();
    }
  });

  it('spells the placeholder in the interface’s letters', () => {
    expect(datePlaceholder(nl, { day: 'dd', month: 'mm', year: 'jjjj' })).toBe('dd-mm-jjjj');
    expect(datePlaceholder(gb, { day: 'dd', month: 'mm', year: 'yyyy' })).toBe('dd/mm/yyyy');
  });
});
