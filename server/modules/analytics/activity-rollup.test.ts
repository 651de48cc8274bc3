import { beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../platform/db/database.js';
import { buildPerson, type TestPerson, unique } from '../../test/factories.js';
import { testDatabase } from '../../test/harness.js';
import { recordParticipation } from '../activity/repository.js';
import type { Filter } from './filters.js';
import { dailyActive, funnel } from './repository.js';
import { refreshActivity } from './rollup-activity.js';

// A year of its own, so the shared test database's other data never falls in these days. The period is the 28 days
// ending 31 March; the previous one the 28 ending 3 March. Every expected number is worked out from the days below.
const Y = 2011;
const periods = {
  from: `${Y}-03-04`,
  to: `${Y}-03-31`,
  previousFrom: `${Y}-02-04`,
  previousTo: `${Y}-03-03`,
};
const d1 = unique('Sales');
const d2 = unique('Ops');
const l1 = unique('Utrecht');
const l2 = unique('Lima');
const only = (f: Partial<Filter>): Filter => ({ communityId: null, department: null, location: null, ...f });
/** The days from `first` to `last` inclusive (within one month), as YYYY-MM-DD. */
const span = (month: string, first: number, last: number) =>
  Array.from({ length: last - first + 1 }, (_, i) => `${Y}-${month}-${String(first + i).padStart(2, '0')}`);

let db: Queryable;
let people: Record<'ann' | 'bob' | 'cas' | 'dan' | 'eve' | 'fay' | 'gus', TestPerson>;

async function person(
  department: string,
  location: string,
  activated: string | null,
  days: string[],
  status = 'active',
) {
  const p = await buildPerson(db, { department, location, status: status as 'active' });
  await db.query('update people set created_at = $2, activated_at = $3 where id = $1', [
    p.id,
    new Date(`${Y - 1}-01-01T00:00:00Z`),
    activated && new Date(activated),
  ]);
  for (const day of days) await recordParticipation(db, p.id, null, new Date(`${day}T12:00:00Z`), 'react');
  return p;
}

const funnelRow = async (department: string) => {
  const of = async (from: string, to: string) =>
    (await funnel(db, only({ department }), { from, to })).find(
      (r) => r.by_department && r.department === department,
    )!;
  const row = await of(periods.from, periods.to);
  const previous = await of(periods.previousFrom, periods.previousTo);
  return [row.provisioned, row.activated, row.monthly_active, row.engaged, previous.monthly_active];
};
const daily = async (filter: Partial<Filter>, from: string, to: string) =>
  Object.fromEntries((await dailyActive(db, only(filter), from, to)).map((d) => [d.day, d.people]));
const ones = (days: string[], people = 1) => Object.fromEntries(days.map((day) => [day, people]));

beforeAll(async () => {
  db = (await testDatabase()).pool;
  const activated = `${Y}-01-01T00:00:00Z`;
  people = {
    // Engaged: the previous period's last day, then 10 days in the period, its first and last among them.
    ann: await person(d1, l1, activated, [`${Y}-03-03`, ...span('03', 4, 12), `${Y}-03-31`]),
    // 9 days in the period (not engaged); the day before the previous period and the day after this one.
    bob: await person(d1, l2, `${Y}-03-31T23:59:00Z`, [`${Y}-02-03`, ...span('03', 13, 21), `${Y}-04-01`]),
    // Active long before and after, never in either period: the bits span both.
    cas: await person(d2, l1, activated, [`${Y - 1}-06-01`, `${Y}-05-01`]),
    // Provisioned only.
    dan: await person(d2, l2, null, []),
    // Her bits begin on the period's last day.
    eve: await person(d2, l1, activated, [`${Y}-03-31`]),
    // Her bits end before the previous period begins.
    fay: await person(d2, l2, activated, [`${Y}-01-10`]),
    // Deactivated: not in the funnel, but the daily trend counts everyone who took part, as before the roll-up.
    gus: await person(d1, l1, activated, [`${Y}-03-10`], 'deactivated'),
  };
  await refreshActivity(db, `${Y - 2}-01-01`);
});

describe('the activity roll-up', () => {
  it('counts the funnel from the bits: monthly active, engaged on ≥ 10 days, the previous period, edges', async () => {
    // provisioned, activated, monthly active, engaged, previous monthly active
    expect(await funnelRow(d1)).toEqual([2, 2, 2, 1, 1]);
    expect(await funnelRow(d2)).toEqual([4, 3, 1, 0, 0]);
    const rows = await funnel(db, only({ department: d1 }), periods);
    const byLocation = rows
      .filter((r) => r.by_location)
      .map((r) => [r.location, r.monthly_active, r.engaged]);
    expect(byLocation.sort()).toEqual(
      [
        [l1, 1, 1],
        [l2, 1, 0],
      ].sort(),
    );
  });

  it('keeps active people per day for each filter grain', async () => {
    expect(await daily({ department: d1 }, `${Y}-03-01`, `${Y}-03-31`)).toEqual({
      ...ones([`${Y}-03-03`, ...span('03', 4, 12), ...span('03', 13, 21), `${Y}-03-31`]),
      [`${Y}-03-10`]: 2,
    });
    expect(await daily({ location: l2 }, `${Y}-02-01`, `${Y}-04-30`)).toEqual(
      ones([`${Y}-02-03`, ...span('03', 13, 21), `${Y}-04-01`]),
    );
    expect(await daily({ department: d2, location: l1 }, `${Y - 1}-01-01`, `${Y}-12-31`)).toEqual(
      ones([`${Y - 1}-06-01`, `${Y}-03-31`, `${Y}-05-01`]),
    );
    // The whole organisation (other runs on a kept database may add people): everyone active that day.
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from person_active_days where day = '${Y}-03-10'`,
    );
    expect(rows[0]!.n).toBeGreaterThanOrEqual(2);
    expect(await daily({}, `${Y}-03-10`, `${Y}-03-10`)).toEqual({ [`${Y}-03-10`]: rows[0]!.n });
  });

  it('shows a day recorded after a refresh once the next refresh runs', async () => {
    await recordParticipation(db, people.bob.id, null, new Date(`${Y}-03-22T08:00:00Z`), 'react');
    await recordParticipation(db, people.fay.id, null, new Date(`${Y}-03-20T08:00:00Z`), 'react');
    expect(await funnelRow(d1)).toEqual([2, 2, 2, 1, 1]);
    expect((await daily({ location: l2 }, `${Y}-03-20`, `${Y}-03-22`))[`${Y}-03-20`]).toBe(1);

    await refreshActivity(db, `${Y}-03-15`);
    // Bob now has 10 days, Fay one.
    expect(await funnelRow(d1)).toEqual([2, 2, 2, 2, 1]);
    expect(await funnelRow(d2)).toEqual([4, 3, 2, 0, 0]);
    expect(await daily({ location: l2 }, `${Y}-03-20`, `${Y}-03-22`)).toEqual({
      [`${Y}-03-20`]: 2,
      [`${Y}-03-21`]: 1,
      [`${Y}-03-22`]: 1,
    });
  });

  it('gives after incremental refreshes the same rows as a full rebuild, which an empty roll-up starts', async () => {
    const ids = Object.values(people).map((p) => p.id);
    const snapshot = async () => ({
      people: (
        await db.query(
          `select person_id, to_char(first_day, 'YYYY-MM-DD') as first_day, days::text as days
             from analytics_person_activity where person_id = any($1) order by person_id`,
          [ids],
        )
      ).rows,
      days: (
        await db.query(
          `select grain, department, location, to_char(day, 'YYYY-MM-DD') as day, people from analytics_active_days
            where department = any($1) or location = any($2) or (grain = 0 and day between $3 and $4)
            order by grain, department, location, day`,
          [[d1, d2], [l1, l2], `${Y - 1}-01-01`, `${Y}-12-31`],
        )
      ).rows,
    });
    const incremental = await snapshot();
    // Cas: 1 June last year and 1 May, 334 days apart; Fay: 10 January and 20 March, 69 days apart.
    const bits = Object.fromEntries(incremental.people.map((r) => [r.person_id, [r.first_day, r.days]]));
    expect(bits[people.cas.id]).toEqual([`${Y - 1}-06-01`, `1${'0'.repeat(333)}1`]);
    expect(bits[people.fay.id]).toEqual([`${Y}-01-10`, `1${'0'.repeat(68)}1`]);
    expect(bits[people.dan.id]).toBeUndefined();

    await db.query('truncate analytics_person_activity, analytics_active_days');
    // Empty, as right after the migration: a refresh from any day takes in every day.
    await refreshActivity(db, `${Y}-03-30`);
    expect(await snapshot()).toEqual(incremental);
  });
});
