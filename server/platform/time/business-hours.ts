/**
 * Business time: the minutes between two instants that fall inside working hours of a weekly calendar, read in a
 * person's time zone. Goals (first response time) and question routing measure with it.
 */
export type BusinessCalendar = {
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Local wall-clock start and end of the working day, "HH:MM", start before end. */
  start: string;
  end: string;
};

export const OFFICE_HOURS: BusinessCalendar = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A question open for years still ends the walk: ten years of days at most. */
const MAX_DAYS = 3_660;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(at: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

// Zones change offset only on a quarter hour (UTC), so one reading per quarter hour serves every instant in it:
// reading the wall clock through Intl is the dear part of measuring thousands of questions.
const QUARTER = 15 * MINUTE;
const OFFSETS_KEPT = 100_000;
const offsets = new Map<string, Map<number, number>>();

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(at: number, timeZone: string): number {
  const quarter = Math.floor(at / QUARTER) * QUARTER;
  let zone = offsets.get(timeZone);
  if (!zone || zone.size >= OFFSETS_KEPT) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  let offset = zone.get(quarter);
  if (offset === undefined) {
    const w = wallClock(quarter, timeZone);
    offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - quarter;
    zone.set(quarter, offset);
  }
  return offset;
}

/** The instant a local wall-clock time happens in a zone (the later reading when DST makes it ambiguous). */
function instantOf(localAsUtc: number, timeZone: string): number {
  const first = localAsUtc - offsetAt(localAsUtc, timeZone);
  return localAsUtc - offsetAt(first, timeZone);
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Working intervals [start, end) in UTC ms for each local day from the day of `from` up to the day of `to`. */
function* workingIntervals(from: number, to: number, calendar: BusinessCalendar, timeZone: string) {
  // The local day `from` falls in: its wall clock read as UTC, cut to midnight.
  let day = Math.floor((from + offsetAt(from, timeZone)) / DAY) * DAY;
  const open = minutesOf(calendar.start) * MINUTE;
  const close = minutesOf(calendar.end) * MINUTE;
  for (let i = 0; i < MAX_DAYS; i++, day += DAY) {
    const weekday = ((new Date(day).getUTCDay() + 6) % 7) + 1;
    const dayStart = instantOf(day + open, timeZone);
    if (dayStart >= to) return;
    if (calendar.days.includes(weekday)) yield [dayStart, instantOf(day + close, timeZone)] as const;
  }
}

/** Whole and partial working minutes between two instants; 0 when `to` is not after `from`. */
export function businessMinutesBetween(
  from: Date,
  to: Date,
  calendar: BusinessCalendar | null,
  timeZone: string,
): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (!calendar) return (b - a) / MINUTE;
  let total = 0;
  for (const [start, end] of workingIntervals(a, b, calendar, timeZone)) {
    total += Math.max(0, Math.min(end, b) - Math.max(start, a));
  }
  return total / MINUTE;
}

/** The instant at which `minutes` working minutes have passed since `from`. */
export function addBusinessMinutes(
  from: Date,
  minutes: number,
  calendar: BusinessCalendar | null,
  timeZone: string,
): Date {
  const a = from.getTime();
  if (!calendar) return new Date(a + minutes * MINUTE);
  let left = minutes * MINUTE;
  for (const [start, end] of workingIntervals(a, Number.POSITIVE_INFINITY, calendar, timeZone)) {
    const usable = Math.max(0, end - Math.max(start, a));
    if (usable >= left) return new Date(Math.max(start, a) + left);
    left -= usable;
  }
  return new Date(a + MAX_DAYS * DAY);
}
