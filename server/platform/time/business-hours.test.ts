import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, OFFICE_HOURS } from './business-hours.js';

const between = (from: string, to: string, zone = 'Europe/Amsterdam', calendar = OFFICE_HOURS) =>
  businessMinutesBetween(new Date(from), new Date(to), calendar, zone);

describe('business minutes in a 09:00–18:00 Monday–Friday calendar', () => {
  it('counts Friday 17:55 to Monday 09:05 in Amsterdam as 10 minutes', () => {
    // 2026-03-06 is a Friday; Amsterdam is UTC+1 in March before the 29th.
    expect(between('2026-03-06T16:55:00Z', '2026-03-09T08:05:00Z')).toBe(10);
  });

  it('counts the same instants differently in another time zone', () => {
    // In London (UTC+0) the question came at 16:55 Friday and the answer at 08:05 Monday: 65 minutes on Friday.
    expect(between('2026-03-06T16:55:00Z', '2026-03-09T08:05:00Z', 'Europe/London')).toBe(65);
    // In Singapore (UTC+8) it was 00:55 Saturday to 16:05 Monday: 7 h 05 on Monday only.
    expect(between('2026-03-06T16:55:00Z', '2026-03-09T08:05:00Z', 'Asia/Singapore')).toBe(425);
  });

  it('counts nothing outside working hours and everything inside one working day', () => {
    expect(between('2026-03-07T10:00:00Z', '2026-03-08T15:00:00Z')).toBe(0);
    expect(between('2026-03-09T09:00:00Z', '2026-03-09T10:30:00Z')).toBe(90);
    expect(between('2026-03-09T18:00:00Z', '2026-03-09T10:30:00Z')).toBe(0);
  });

  it('follows daylight saving: the working day after the clocks change starts an hour earlier in UTC', () => {
    // 2026-03-27 is a Friday (UTC+1), 2026-03-30 a Monday (UTC+2): 09:00 local is 07:00Z.
    expect(between('2026-03-27T16:00:00Z', '2026-03-30T07:30:00Z')).toBe(60 + 30);
  });

  it('reads zones a half or three quarters of an hour off UTC, each instant on its own', () => {
    // Kathmandu is UTC+5:45: Monday 2026-03-09 09:00 local is 03:15Z. From 03:00Z (08:45) to 03:40Z (09:25): 25 min.
    expect(between('2026-03-09T03:00:00Z', '2026-03-09T03:40:00Z', 'Asia/Kathmandu')).toBe(25);
    // Adelaide is UTC+10:30 in March: 18:00 local Monday is 07:30Z; 07:20Z to 07:50Z is 10 working minutes.
    expect(between('2026-03-09T07:20:00Z', '2026-03-09T07:50:00Z', 'Australia/Adelaide')).toBe(10);
    // Asked again after other instants of the same quarter hour were read: the same answer.
    expect(between('2026-03-09T03:14:00Z', '2026-03-09T03:16:00Z', 'Asia/Kathmandu')).toBe(1);
  });

  it('counts whole weeks as five working days', () => {
    expect(between('2026-03-09T00:00:00Z', '2026-03-16T00:00:00Z')).toBe(5 * 9 * 60);
  });

  it('counts plain minutes without a calendar', () => {
    expect(
      businessMinutesBetween(new Date('2026-03-06T16:55:00Z'), new Date('2026-03-06T17:25:30Z'), null, 'UTC'),
    ).toBe(30.5);
  });
});

describe('adding business minutes', () => {
  it('carries past the weekend and is the inverse of counting', () => {
    const from = new Date('2026-03-06T16:40:00Z'); // Friday 17:40 in Amsterdam
    const due = addBusinessMinutes(from, 30, OFFICE_HOURS, 'Europe/Amsterdam');
    expect(due.toISOString()).toBe('2026-03-09T08:10:00.000Z'); // Monday 09:10
    expect(businessMinutesBetween(from, due, OFFICE_HOURS, 'Europe/Amsterdam')).toBe(30);
  });

  it('starts counting at opening time when asked at night', () => {
    const due = addBusinessMinutes(new Date('2026-03-10T02:00:00Z'), 30, OFFICE_HOURS, 'Europe/Amsterdam');
    expect(due.toISOString()).toBe('2026-03-10T08:30:00.000Z');
  });
});
