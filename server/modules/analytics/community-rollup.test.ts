import { beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../platform/db/database.js';
import { buildCommunity, buildPerson, type TestCommunity, type TestPerson } from '../../test/factories.js';
import { testDatabase } from '../../test/harness.js';
import { activeOn } from '../community-health/testing.js';
import { communityFigures } from './repository.js';
import { refreshCommunityActive } from './rollup-communities.js';

// A year of its own. The period is the 28 days ending 30 April; the previous one the 28 ending 2 April (window
// 6 March – 2 April). Every expected number is worked out from the days below.
const Y = 2013;
const periods = {
  from: `${Y}-04-03`,
  to: `${Y}-04-30`,
  previousFrom: `${Y}-03-06`,
  previousTo: `${Y}-04-02`,
};
/** The full rebuild's first day (refresh.ts). */
const FIRST = '0001-01-01';
/** A refresh on `today` (30 April unless said), recounting from `fromDay`; `FIRST` is the full rebuild. */
const refresh = (fromDay: string, today = periods.to) => refreshCommunityActive(db, fromDay, today);

let db: Queryable;
let community: TestCommunity;
let people: Record<'ann' | 'bob' | 'cas' | 'dan' | 'eve' | 'spo', TestPerson>;

/** The community's figures for the period and for the one before it, each read as the scorecard reads a period. */
async function figures(period = periods) {
  const read = async (from: string, to: string) =>
    (await communityFigures(db, people.ann.id, community.id, { from, to }, 1)).sponsors[0]!;
  const row = await read(period.from, period.to);
  const previous = await read(period.previousFrom, period.previousTo);
  return { active: row.active, previous: previous.active, sponsorDays: row.sponsor_days };
}

/** A community made before the test's year, so every period here is one it existed in. */
async function madeLongAgo(sponsor: TestPerson) {
  const made = await buildCommunity(db, { sponsor });
  await db.query('update communities set created_at = $2 where id = $1', [
    made.id,
    `${Y - 2}-01-01T00:00:00Z`,
  ]);
  return made;
}

/** Every kept day of the community, as `day: people/sponsor days`. */
async function kept(communityId = community.id) {
  const { rows } = await db.query<{ day: string; people: number; sponsor_days: number }>(
    `select to_char(day, 'YYYY-MM-DD') as day, people, sponsor_days from analytics_community_active
      where community_id = $1 order by day`,
    [communityId],
  );
  return rows.map((r) => `${r.day}: ${r.people}/${r.sponsor_days}`);
}

/** The roll-up against the definition: distinct people in the 28 days ending each day around the year. */
async function mismatches(communityId = community.id) {
  const { rows } = await db.query(
    `select * from (
       select to_char(g.day, 'YYYY-MM-DD') as day, coalesce(a.people, 0) as kept,
              (select count(distinct d.person_id)::int from community_active_days d
                where d.community_id = $1 and d.day between g.day::date - 27 and g.day::date) as counted
         from generate_series($2::date, $3::date, interval '1 day') g(day)
         left join analytics_community_active a on a.community_id = $1 and a.day = g.day::date) x
      where kept <> counted`,
    [communityId, `${Y - 1}-12-01`, `${Y + 1}-01-31`],
  );
  return rows;
}

beforeAll(async () => {
  db = (await testDatabase()).pool;
  const [ann, bob, cas, dan, eve, spo] = await Promise.all([1, 2, 3, 4, 5, 6].map(() => buildPerson(db)));
  people = { ann: ann!, bob: bob!, cas: cas!, dan: dan!, eve: eve!, spo: spo! };
  community = await madeLongAgo(people.spo);
  await activeOn(db, community.id, {
    // Two days ten days apart: one person.
    [people.ann.id]: [`${Y}-04-10`, `${Y}-04-20`],
    // Last active 28 days before the end: out of the window ending 30 April, in the one ending 2 April.
    [people.bob.id]: [`${Y}-04-02`],
    // 27 days before the end: still in.
    [people.cas.id]: [`${Y}-04-03`],
    // Long before either window.
    [people.dan.id]: [`${Y}-01-05`],
    [people.spo.id]: [`${Y}-03-20`, `${Y}-04-05`],
  });
  await refresh(FIRST);
});

describe('the community active-people roll-up', () => {
  it('counts each person once per 28-day window, up to 27 days after their last day', async () => {
    // 30 April: ann, cas, the sponsor. 2 April: bob, the sponsor (20 March). Sponsor in the period: 5 April.
    expect(await figures()).toEqual({ active: 3, previous: 2, sponsorDays: 1 });
    expect(await mismatches()).toEqual([]);
    const days = await kept();
    // Dan alone from 5 January to 1 February, then nobody until the sponsor on 20 March.
    expect(days.slice(0, 2)).toEqual([`${Y}-01-05: 1/0`, `${Y}-01-06: 1/0`]);
    expect(days).toContain(`${Y}-02-01: 1/0`);
    expect(days).toContain(`${Y}-02-02: 0/0`);
    expect(days).toContain(`${Y}-03-19: 0/0`);
    expect(days).toContain(`${Y}-03-20: 1/1`);
    // Window 3–30 April: ann, cas, sponsor; 2–29 April adds bob.
    expect(days).toContain(`${Y}-04-29: 4/2`);
    expect(days).toContain(`${Y}-04-30: 3/2`);
    // Ann's last day 20 April counts to 17 May; every day has a row up to the horizon, 30 April + 27.
    expect(days.slice(-11)).toEqual([
      `${Y}-05-17: 1/2`,
      ...Array.from({ length: 10 }, (_, i) => `${Y}-05-${18 + i}: 0/2`),
    ]);
    expect(days).toHaveLength(143);
  });

  it('takes in a day recorded after a refresh at the next one, and matches a full rebuild', async () => {
    await activeOn(db, community.id, { [people.dan.id]: [`${Y}-04-30`], [people.spo.id]: [`${Y}-04-28`] });
    expect(await figures()).toEqual({ active: 3, previous: 2, sponsorDays: 1 });

    // A tick on 30 April recomputes from a week before.
    await refresh(`${Y}-04-23`);
    expect(await figures()).toEqual({ active: 4, previous: 2, sponsorDays: 2 });
    expect(await mismatches()).toEqual([]);
    // Past the horizon (27 May) nobody is counted, and the sponsor's days stop on 28 April. Window 23 March –
    // 19 April: ann, bob, cas, the sponsor.
    const late = {
      from: `${Y}-04-20`,
      to: `${Y}-08-31`,
      previousFrom: `${Y - 1}-12-07`,
      previousTo: `${Y}-04-19`,
    };
    expect(await figures(late)).toEqual({ active: 0, previous: 4, sponsorDays: 1 });
    const incremental = await kept();

    await db.query('truncate analytics_community_active');
    await refresh(FIRST);
    expect(await kept()).toEqual(incremental);
  });

  it('counts a new sponsor’s days from the first, also those before the refresh’s first day', async () => {
    await db.query('update communities set sponsor_id = $2 where id = $1', [community.id, people.ann.id]);
    await refresh(`${Y}-04-23`);
    // Ann on 10 and 20 April, both before the tick's first day.
    expect(await figures()).toEqual({ active: 4, previous: 2, sponsorDays: 2 });
    const incremental = await kept();
    await db.query('truncate analytics_community_active');
    await refresh(FIRST);
    expect(await kept()).toEqual(incremental);
  });

  it('gives a community without activity zeros', async () => {
    const quiet = await madeLongAgo(people.spo);
    await refresh(`${Y}-04-23`);
    const [row] = (await communityFigures(db, people.ann.id, quiet.id, periods, 1)).sponsors;
    expect(row).toMatchObject({
      active: 0,
      sponsor_days: 0,
      sponsor_handle: people.spo.handle,
    });
  });

  it('matches the definition on every day, for gaps of 1, 28 and 29 days, incremental or rebuilt', async () => {
    const other = await madeLongAgo(people.bob);
    const days = (...list: string[]) => list.map((day) => `${Y}-${day}`);
    await activeOn(db, other.id, {
      // 28 days apart: one unbroken stretch; 29 apart: a day between with neither.
      [people.ann.id]: days('02-01', '03-01', '03-30', '03-31'),
      [people.bob.id]: days('02-15', '03-15', '06-01'),
      [people.cas.id]: days('03-01', '03-02', '03-03', '05-20'),
    });
    const end = `${Y}-12-31`;
    await refresh(`${Y}-02-10`, end);
    expect(await mismatches(other.id)).toEqual([]);
    await activeOn(db, other.id, { [people.dan.id]: days('03-10', '04-07'), [people.bob.id]: days('03-20') });
    await refresh(`${Y}-03-10`, end);
    expect(await mismatches(other.id)).toEqual([]);
    // A refresh long after the last one's horizon (16 March) counts from the day after it.
    await refresh(`${Y}-02-10`, `${Y}-02-17`);
    await activeOn(db, other.id, { [people.eve.id]: days('03-17', '04-14') });
    await refresh(`${Y}-06-01`, end);
    expect(await mismatches(other.id)).toEqual([]);
    // Bob, the sponsor: 15 February, 15 and 20 March, 1 June; the period 3–30 April has none, March all of two.
    const sponsor = async (from: string, to: string) =>
      (await communityFigures(db, people.ann.id, other.id, { from, to }, 1)).sponsors[0]!.sponsor_days;
    expect(await sponsor(`${Y}-04-03`, `${Y}-04-30`)).toBe(0);
    expect(await sponsor(`${Y}-03-01`, `${Y}-03-31`)).toBe(2);
    expect(await sponsor(`${Y}-01-01`, `${Y}-12-31`)).toBe(4);
    const incremental = await kept(other.id);
    await db.query('truncate analytics_community_active');
    await refresh(FIRST, end);
    expect(await kept(other.id)).toEqual(incremental);
  });
});
