const DAY = 86_400_000;

/** A UTC calendar day as YYYY-MM-DD, as the roll-ups record days. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);
export const addDays = (day: string, days: number) =>
  utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY));
