import { useTranslation } from 'react-i18next';
import { formattingLocale, type Language } from './i18n.js';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** Dates, times and numbers in the reader's language and their browser's regional variant of it. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = formattingLocale((i18n.language === 'en' ? 'en' : 'nl') as Language);
  return {
    locale,
    number: (value: number) => new Intl.NumberFormat(locale).format(value),
    date: (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso)),
    /** "9 mrt", "9 Mar": short enough for a dozen under a chart on a phone. */
    shortDate: (iso: string) => shortDate(locale, iso),
    dateTime: (iso: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    /** "3 hours ago"; a minute or less is "now". */
    relative: (iso: string, now = Date.now()) => relativeTime(locale, iso, now),
    /** The clock somewhere else right now, e.g. a colleague's local time. */
    timeIn: (timeZone: string, at = new Date()) => {
      try {
        return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(at);
      } catch {
        return null;
      }
    },
  };
}

export function shortDate(locale: string, iso: string): string {
  // A bare day ("2026-03-09") is that day everywhere, not UTC midnight moved into the reader's zone.
  const timeZone = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? 'UTC' : undefined;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone }).format(new Date(iso));
}

export function relativeTime(locale: string, iso: string, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}
