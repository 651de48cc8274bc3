/** Office life in time: working days, office hours in each office's time zone, and the odd busy day. */
import type { Random } from './random.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const offsets = new Map<string, number>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes the zone is ahead of UTC at noon (UTC) of the given day; cached, as it changes twice a year. */
export function utcOffsetMinutes(timeZone: string, dayStart: number): number {
  const key = `${timeZone}|${dayStart}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    let format = formatters.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
      formatters.set(timeZone, format);
    }
    const noon = dayStart + 12 * HOUR;
    const parts = Object.fromEntries(format.formatToParts(noon).map((p) => [p.type, p.value]));
    const local = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!);
    offset = Math.round((local - noon) / MINUTE);
    offsets.set(key, offset);
  }
  return offset;
}

/** Start (UTC midnight) of the day holding `at`. */
export const dayStartOf = (at: number) => Math.floor(at / DAY) * DAY;

/** Day of the week in a time zone: 0 Sunday … 6 Saturday. */
export function localWeekday(timeZone: string, at: number): number {
  const local = at + utcOffsetMinutes(timeZone, dayStartOf(at)) * MINUTE;
  return new Date(local).getUTCDay();
}

export function localHour(timeZone: string, at: number): number {
  const local = at + utcOffsetMinutes(timeZone, dayStartOf(at)) * MINUTE;
  return new Date(local).getUTCHours() + new Date(local).getUTCMinutes() / 60;
}

// When people post, by local hour: a morning peak, a dip at lunch, an afternoon peak, a little evening tail.
const HOUR_WEIGHTS = [
  0, 0, 0, 0, 0, 0, 0.2, 0.8, 2.2, 3.4, 3.6, 3, 1.8, 2.6, 3.1, 2.9, 2.3, 1.4, 0.6, 0.5, 0.6, 0.5, 0.3, 0.1,
];
const HOURS = HOUR_WEIGHTS.map((_, hour) => hour);

/** A moment in office hours on the given local calendar day (as UTC midnight of that date) in a zone. */
export function officeMoment(random: Random, timeZone: string, localDay: number): number {
  const hour = random.weighted(HOURS, (h) => HOUR_WEIGHTS[h]!);
  const localMs = localDay + hour * HOUR + random.int(0, 59) * MINUTE + random.int(0, 59) * 1000;
  return localMs - utcOffsetMinutes(timeZone, localDay) * MINUTE;
}

/** When people start their working morning: from 08:00 within two and a half hours, or an early shift's. */
export type Shift = { fromMinutes: number; spreadMinutes: number };
const USUAL_MORNING: Shift = { fromMinutes: 8 * 60, spreadMinutes: 150 };

/** Moves a moment that falls at night or in a weekend to the next working morning, as people reply then. */
export function intoOfficeHours(random: Random, timeZone: string, at: number, shift = USUAL_MORNING): number {
  const weekday = localWeekday(timeZone, at);
  const hour = localHour(timeZone, at);
  const weekend = weekday === 0 || weekday === 6;
  // Some people do answer in the evening or at the weekend.
  if (!weekend && hour >= 7.5 && hour < 22) return at;
  if (random.chance(0.12)) return at;
  const local = at + utcOffsetMinutes(timeZone, dayStartOf(at)) * MINUTE;
  let day = dayStartOf(local) + (hour >= 7.5 ? DAY : 0);
  while ([0, 6].includes(new Date(day).getUTCDay())) day += DAY;
  const morning = day + shift.fromMinutes * MINUTE + random.int(0, shift.spreadMinutes) * MINUTE;
  return morning - utcOffsetMinutes(timeZone, day) * MINUTE;
}

/** How busy a calendar day is: weekdays full, weekends quiet, the Christmas weeks slow. */
export function dayFactor(day: number): number {
  const date = new Date(day);
  const weekday = date.getUTCDay();
  if (weekday === 0) return 0.04;
  if (weekday === 6) return 0.07;
  const month = date.getUTCMonth();
  const dom = date.getUTCDate();
  if ((month === 11 && dom >= 23) || (month === 0 && dom <= 2)) return 0.25;
  if (month === 6 || month === 7) return 0.75; // summer holidays
  return weekday === 5 ? 0.8 : 1;
}

export const weekdayNames = {
  nl: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
