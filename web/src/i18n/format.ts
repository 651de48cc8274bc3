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

export function relativeTime(locale: string, iso: string, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}
