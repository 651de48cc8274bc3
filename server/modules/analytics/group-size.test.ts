import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Figure, Scorecard } from '../../../contract/analytics.js';
import type { CommunityHealth } from '../../../contract/community-health.js';
import type { Funnel } from '../../../contract/funnel.js';
import { manualClock } from '../../platform/clock.js';
import type { Queryable } from '../../platform/db/database.js';
import {
  buildCommunity,
  buildPerson,
  buildReply,
  buildThread,
  type TestPerson,
  unique,
} from '../../test/factories.js';
import { ownTestDatabase, testApp } from '../../test/harness.js';
import { recordParticipation } from '../activity/repository.js';
import { type Actor, actor } from '../threads/testing.js';
import { rebuildAnalytics } from './refresh.js';

/**
 * The minimum group size (docs/PRIVACY.md) on a world of groups of 4 and 5 people: every group of 4 is withheld,
 * every group of 5 shown, on every filter and breakdown. A database of its own: the setting is the organisation's.
 */
const Y = 2021;
const march = { from: `${Y}-03-04`, to: `${Y}-03-31` };
const clock = manualClock(new Date(`${Y}-04-01T09:00:00Z`));
const TOO_FEW = { withheld: 'group_too_small', minimum: 5 };

let ctx: Awaited<ReturnType<typeof testApp>>;
let own: Awaited<ReturnType<typeof ownTestDatabase>>;
let manager: Actor;
let admin: Actor;
const d4 = unique('Four');
const d5 = unique('Five');
const l4 = unique('Fourton');
const l5 = unique('Fiveton');
let c4: { id: string; slug: string };
let c5: { id: string; slug: string };

afterAll(async () => {
  await ctx?.app.close();
  await own?.close();
});

/**
 * Department d4: p1–p4; d5: p5–p9. Location l4: p1, p2, p5, p6; l5: p3, p4, p7, p8, p9. Community c4: p1–p4;
 * c5: p5–p9. Everyone activated in January; in March p1–p8 take part, p9 only reads. p6 (d5) and p1 (d4) reply
 * to p5's (d5) update outside any community.
 */
async function buildWorld(db: Queryable) {
  const person = (department: string, location: string) => buildPerson(db, { department, location });
  const p: TestPerson[] = [];
  for (const [department, location] of [
    [d4, l4],
    [d4, l4],
    [d4, l5],
    [d4, l5],
    [d5, l4],
    [d5, l4],
    [d5, l5],
    [d5, l5],
    [d5, l5],
  ] as const) {
    p.push(await person(department, location));
  }
  await db.query('update people set created_at = $2, activated_at = $3 where id = any($1::bigint[])', [
    p.map((x) => x.id),
    new Date(`${Y}-01-01T00:00:00Z`),
    new Date(`${Y}-01-05T00:00:00Z`),
  ]);
  c4 = await buildCommunity(db, { owners: [p[0]!], members: p.slice(1, 4) });
  c5 = await buildCommunity(db, { owners: [p[4]!], members: p.slice(5, 9) });
  await db.query('update communities set created_at = $1', [new Date(`${Y}-01-01T00:00:00Z`)]);
  const at = new Date(`${Y}-03-20T10:00:00Z`);
  for (const x of p.slice(0, 4)) await recordParticipation(db, x.id, c4.id, at, 'react');
  for (const x of p.slice(4, 8)) await recordParticipation(db, x.id, c5.id, at, 'react');
  const update = await buildThread(db, { author: p[4]!, lastActivityAt: new Date(`${Y}-03-10T10:00:00Z`) });
  await buildReply(db, { thread: update, author: p[5]! });
  await buildReply(db, { thread: update, author: p[0]! });
  await db.query('update replies set created_at = $2 where thread_id = $1', [
    update.id,
    new Date(`${Y}-03-11T10:00:00Z`),
  ]);
  await recordParticipation(db, p[4]!.id, null, new Date(`${Y}-03-10T10:00:00Z`), 'create');
  await recordParticipation(db, p[5]!.id, null, new Date(`${Y}-03-11T10:00:00Z`), 'reply');
  await recordParticipation(db, p[0]!.id, null, new Date(`${Y}-03-11T10:00:00Z`), 'reply');
}

beforeAll(async () => {
  own = await ownTestDatabase();
  ctx = await testApp({ clock, db: own.db });
  manager = await actor(ctx.app, ctx.db.pool, { role: 'community_manager' });
  admin = await actor(ctx.app, ctx.db.pool, { role: 'admin' });
  await buildWorld(ctx.db.pool);
  await rebuildAnalytics(ctx.db.pool, new Date(`${Y}-04-01T00:00:00Z`));
});

async function card(query: Record<string, string>, period = march): Promise<Scorecard> {
  const response = await manager.api.get(
    `/api/v1/analytics/scorecard?${new URLSearchParams({ ...period, ...query })}`,
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const figures = (c: Scorecard): Figure[] => [
  ...c.conditions.flatMap((condition) => condition.figures),
  ...c.benefits.figures,
];
const figureOf = (c: Scorecard, id: string) => figures(c).find((f) => f.id === id)!;
const lowThreshold = (c: Scorecard) => c.conditions.find((condition) => condition.id === 'low_threshold')!;

describe('analytics below the minimum group size (default 5)', () => {
  it('withholds a whole filtered view of 4 people and shows one of 5, on every filter', async () => {
    const fours: Record<string, string>[] = [
      { department: d4 },
      { location: l4 },
      { community: c4.slug },
      { department: d5, location: l5 },
    ];
    for (const query of fours) {
      const withheld = await card(query);
      expect(withheld.withheld, JSON.stringify(query)).toEqual(TOO_FEW);
      expect(withheld.conditions).toEqual([]);
      expect(withheld.benefits.figures).toEqual([]);
      expect(withheld.collaboration.departments).toEqual({ labels: [], cells: [] });
    }
    const fives: Record<string, string>[] = [{ department: d5 }, { location: l5 }, { community: c5.slug }];
    for (const query of fives) {
      const shown = await card(query);
      expect(shown.withheld, JSON.stringify(query)).toBeNull();
      expect(shown.conditions).toHaveLength(6);
    }
  });

  it('within a view of 5, withholds the rates over its 4 monthly active people and shows those over its 5 activated', async () => {
    const c = await card({ department: d5 });
    // d5: 5 activated, 4 of them (p5–p8) active in the 28 days ending 03-31: 80%.
    expect(figureOf(c, 'provisioned').value).toBe(5);
    expect(figureOf(c, 'activated').value).toBe(5);
    expect(figureOf(c, 'monthlyActive').value).toBe(4);
    expect(figureOf(c, 'monthlyActiveShare')).toMatchObject({ value: 80 });
    expect(figureOf(c, 'monthlyActiveShare').withheld).toBeUndefined();
    for (const id of ['praisePer100', 'praiseGiversPer100', 'emailPerActive']) {
      expect(figureOf(c, id), id).toMatchObject({ value: null, withheld: TOO_FEW });
    }
    expect(lowThreshold(c).recommendations.map((r) => r.id)).not.toContain('givePraise');
  });

  it('keeps previous = asked directly with figures withheld', async () => {
    const current = await card({ department: d5 });
    const before = await card({ department: d5 }, { from: `${Y}-02-04`, to: `${Y}-03-03` });
    for (const f of figures(current)) {
      if (f.asOf === 'now') continue;
      expect(f.previous, f.id).toBe(figureOf(before, f.id).value);
    }
  });

  it('withholds the departments and locations of 4 in the breakdowns and the collaboration matrix', async () => {
    const c = await card({});
    const row = (
      rows: NonNullable<Scorecard['conditions'][number]['details']['funnelByDepartment']>,
      key: string,
    ) => rows.find((r) => r.key === key);
    const { funnelByDepartment = [], funnelByLocation = [] } = lowThreshold(c).details;
    expect(row(funnelByDepartment, d4)).toEqual({
      key: d4,
      provisioned: null,
      activated: null,
      monthlyActive: null,
      engaged: null,
      withheld: TOO_FEW,
    });
    expect(row(funnelByDepartment, d5)).toEqual({
      key: d5,
      provisioned: 5,
      activated: 5,
      monthlyActive: 4,
      engaged: 0,
    });
    expect(row(funnelByLocation, l4)?.withheld).toEqual(TOO_FEW);
    // l5: p3, p4, p7, p8 took part, p9 did not.
    expect(row(funnelByLocation, l5)).toEqual({
      key: l5,
      provisioned: 5,
      activated: 5,
      monthlyActive: 4,
      engaged: 0,
    });
    // p6 (d5) replied to p5 (d5), p1 (d4) too: only the d5 → d5 cell may be shown.
    const { departments, locations } = c.collaboration;
    expect(departments.labels).toEqual([d5]);
    expect(departments.cells).toEqual([{ source: d5, target: d5, interactions: 1 }]);
    expect(departments.withheld).toEqual({ ...TOO_FEW, labels: [d4] });
    // p5 and p6 are both in l4 (4 people), p1 too: nothing of the location matrix may be shown.
    expect(locations.labels).toEqual([]);
    expect(locations.withheld).toEqual({ ...TOO_FEW, labels: [l4] });
  });

  it('names a community of 4 members without its active count, in the list and its advice', async () => {
    const c = await card({});
    const enough = c.conditions.find((condition) => condition.id === 'enough_people')!;
    const below = enough.details.belowThreshold!;
    expect(below.find((r) => r.slug === c4.slug)).toMatchObject({
      active: null,
      withheld: TOO_FEW,
      threshold: 250,
    });
    // c5 has 5 members, 4 of them active: a count of people who took part in the open, shown.
    const five = below.find((r) => r.slug === c5.slug)!;
    expect(five.active).toBe(4);
    expect(five.withheld).toBeUndefined();
    const advice = enough.recommendations.find((r) => r.id.startsWith('communityBelow'))!;
    expect(advice.params).not.toHaveProperty('active');
    expect(advice).toMatchObject({ id: 'communityBelowSmall.merge', params: { minimum: 5 } });
  });

  it("withholds a community of 4 members' health and attention figures, and shows those of 5", async () => {
    const health = async (slug: string): Promise<CommunityHealth> => {
      const response = await manager.api.get(`/api/v1/groups/${slug}/health`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const small = await health(c4.slug);
    expect(small).toMatchObject({ activeParticipants: null, withheld: TOO_FEW, viable: false });
    expect(small.trend.every((point) => point.activeParticipants === null)).toBe(true);
    // Active on 03-20: inside the 28 days ending 04-01.
    expect(await health(c5.slug)).toMatchObject({ activeParticipants: 4, withheld: null });

    const response = await admin.api.get('/api/v1/admin/communities/attention?limit=50');
    expect(response.statusCode).toBe(200);
    const items: { slug: string; activeParticipants: number | null; withheld: unknown }[] =
      response.json().items;
    expect(items.find((i) => i.slug === c4.slug)).toMatchObject({
      activeParticipants: null,
      withheld: TOO_FEW,
    });
    expect(items.find((i) => i.slug === c5.slug)).toMatchObject({ activeParticipants: 4, withheld: null });
  });

  it('withholds the funnel of a department of 4, filtered and as a row, and shows that of 5', async () => {
    const funnel = async (query: Record<string, string>): Promise<Funnel> => {
      const response = await manager.api.get(`/api/v1/analytics/funnel?${new URLSearchParams(query)}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const all = await funnel({ to: march.to });
    expect(all.byDepartment.find((r) => r.department === d4)).toMatchObject({
      invited: null,
      withheld: TOO_FEW,
    });
    expect(all.byDepartment.find((r) => r.department === d5)).toEqual({
      department: d5,
      invited: 5,
      activated: 5,
      monthlyActive: 4,
      engaged: 0,
      medianHoursToActivation: 96,
    });
    expect(all.byLocation.find((r) => r.location === l4)?.withheld).toEqual(TOO_FEW);
    expect((await funnel({ to: march.to, department: d4 })).total).toMatchObject({
      invited: null,
      withheld: TOO_FEW,
    });
    expect((await funnel({ to: march.to, department: d5 })).total).toMatchObject({
      invited: 5,
      monthlyActive: 4,
    });
  });

  it('leaves withheld figures out of the CSV with the reason', async () => {
    const csv = async (query: Record<string, string>) => {
      const response = await manager.api.get(
        `/api/v1/analytics/scorecard.csv?${new URLSearchParams({ ...march, ...query })}`,
      );
      expect(response.statusCode).toBe(200);
      return response.body.trim().split('\r\n');
    };
    const reason = 'Too few people to show (fewer than 5)';
    expect(await csv({ department: d4 })).toEqual([
      'section,figure,unit,value,previous period,status,period from,period to,withheld',
      `scorecard,,,,,,${march.from},${march.to},${reason}`,
    ]);
    const lines = await csv({ department: d5 });
    const praise = lines.find((l) => l.startsWith('top_down_bottom_up,praisePer100,'))!;
    expect(praise).toMatch(
      new RegExp(
        `^top_down_bottom_up,praisePer100,per100,,,\\w+,${march.from},${march.to},${reason.replace(/[()]/g, '\\$&')}$`,
      ),
    );
    expect(lines.find((l) => l.startsWith('low_threshold,monthlyActiveShare,'))).toMatch(
      /^low_threshold,monthlyActiveShare,percent,80,0,\w+,.*,$/,
    );
    expect(await csv({})).toContain(
      `collaboration:department,${d4},count,,,,${march.from},${march.to},${reason}`,
    );
  });

  it('follows the organisation setting: an admin raises it to 6 and a group of 5 is withheld too', async () => {
    const raise = await admin.api.patch('/api/v1/settings', { analyticsMinimumGroup: 6 });
    expect(raise.statusCode, raise.body).toBe(200);
    try {
      expect((await card({ department: d5 })).withheld).toEqual({ withheld: 'group_too_small', minimum: 6 });
      const response = await manager.api.get(`/api/v1/groups/${c5.slug}/health`);
      expect(response.json()).toMatchObject({ activeParticipants: null, withheld: { minimum: 6 } });
    } finally {
      expect((await admin.api.patch('/api/v1/settings', { analyticsMinimumGroup: 5 })).statusCode).toBe(200);
    }
    expect((await card({ department: d5 })).withheld).toBeNull();
  });
});
