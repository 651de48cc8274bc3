import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scorecard } from '../../../contract/analytics.js';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, buildPerson, type TestCommunity } from '../../test/factories.js';
import { ownTestDatabase, testApp } from '../../test/harness.js';
import { activeOn, setThreshold } from '../community-health/testing.js';
import { type Actor, actor } from '../threads/testing.js';
import { rebuildAnalytics } from './refresh.js';
import { setMinimumGroup } from './testing.js';

// The viable share of a period is judged by the threshold each community had at the period's end: an edit alone
// never moves a past period (docs/ANALYTICS.md, "Viable communities"). Every figure below is worked out by hand.
//
// Four communities, made on 1 January 2024; each person took part on 20 February and 20 March, so every window
// here counts the same people: A 3, B 2, C 1, D 1.
//   A general, threshold 4, lowered to 3 on 15 March (mid-period);
//   B specialist, threshold 2; C general, threshold 5;
//   D general, threshold 5, made specialist with threshold 1 on 2 April (after the period).
// March (4–31): A 3 ≥ 3, B 2 ≥ 2 viable; C, D below: 2 of 4 = 50%. With the thresholds of 4 March: only B, 25%.
// The period before (5 February – 3 March): A 3 < 4, so only B: 25%.
const clock = manualClock(new Date('2024-03-15T10:00:00Z'));
const march = { from: '2024-03-04', to: '2024-03-31' };
let own: Awaited<ReturnType<typeof ownTestDatabase>>;
let ctx: Awaited<ReturnType<typeof testApp>>;
let admin: Actor;
let manager: Actor;
let a: TestCommunity;
let c: TestCommunity;
let d: TestCommunity;

beforeAll(async () => {
  own = await ownTestDatabase();
  ctx = await testApp({ clock, db: own.db });
  const db = ctx.db.pool;
  // Communities of one to three people: the figures are the point here, not who they single out.
  await setMinimumGroup(db, 1);
  admin = await actor(ctx.app, db, { role: 'admin', name: 'Ada Admin' });
  manager = await actor(ctx.app, db, { role: 'community_manager' });
  const made = async (kind: 'general' | 'specialist', threshold: number, people: number) => {
    const community = await buildCommunity(db, { kind });
    await setThreshold(db, community.id, threshold);
    await db.query(`update communities set created_at = '2024-01-01T00:00:00Z' where id = $1`, [
      community.id,
    ]);
    for (let i = 0; i < people; i++) {
      const person = await buildPerson(db);
      await activeOn(db, community.id, { [person.id]: ['2024-02-20', '2024-03-20'] });
    }
    return community;
  };
  a = await made('general', 4, 3);
  await made('specialist', 2, 2);
  c = await made('general', 5, 1);
  d = await made('general', 5, 1);
  const patch = async (community: TestCommunity, body: object) => {
    const response = await admin.api.patch(`/api/v1/groups/${community.slug}`, body);
    expect(response.statusCode, response.body).toBe(200);
  };
  await patch(a, { viabilityThreshold: 3 });
  clock.set(new Date('2024-04-02T08:00:00Z'));
  await patch(d, { kind: 'specialist', viabilityThreshold: 1 });
  clock.set(new Date('2024-04-03T09:00:00Z'));
  await rebuildAnalytics(db, clock.now());
});

afterAll(async () => {
  await ctx?.app.close();
  await own?.close();
});

async function card(query: Record<string, string>): Promise<Scorecard> {
  const response = await manager.api.get(`/api/v1/analytics/scorecard?${new URLSearchParams(query)}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
const enough = (s: Scorecard) => s.conditions.find((x) => x.id === 'enough_people')!;
const figures = (s: Scorecard) =>
  Object.fromEntries(enough(s).figures.map((f) => [f.id, [f.value, f.previous]]));

describe('the viable share judged by the threshold that held in the period', () => {
  it('counts March by the thresholds of 31 March, not by the edit of 2 April, and says a threshold changed', async () => {
    const s = await card(march);
    expect(figures(s)).toEqual({
      viableCommunities: [2, 1],
      atRiskCommunities: [2, 3],
      viableShare: [50, 25],
    });
    expect(enough(s).details.thresholdChanges).toEqual({ communities: 1, viableShareAtStart: 25 });
    // D is listed as it was in March: general, threshold 5.
    expect(enough(s).details.belowThreshold).toEqual([
      { slug: c.slug, name: c.name, kind: 'general', active: 1, threshold: 5, suggestion: 'merge' },
      { slug: d.slug, name: d.name, kind: 'general', active: 1, threshold: 5, suggestion: 'merge' },
    ]);
  });

  it('gives the previous period exactly as asked for directly, where nothing changed', async () => {
    const previous = await card({ from: '2024-02-05', to: '2024-03-03' });
    expect(figures(previous)).toMatchObject({
      viableCommunities: [1, expect.anything()],
      atRiskCommunities: [3, expect.anything()],
      viableShare: [25, expect.anything()],
    });
    expect(enough(previous).details.thresholdChanges).toEqual({ communities: 0, viableShareAtStart: 25 });
  });

  it('counts both changes in a period spanning them, with the share at its start beside it', async () => {
    // 7 March – 3 April: A 3 ≥ 3, B, D 1 ≥ 1 viable: 75%; by the thresholds of 7 March only B: 25%.
    const s = await card({ from: '2024-03-07', to: '2024-04-03' });
    expect(figures(s).viableShare![0]).toBe(75);
    expect(enough(s).details.thresholdChanges).toEqual({ communities: 2, viableShareAtStart: 25 });
  });
});

describe('the history of a community’s threshold', () => {
  it('records who changed what and when, and the health trend judges each week by its own threshold', async () => {
    const response = await admin.api.get(`/api/v1/groups/${a.slug}/health`);
    expect(response.statusCode, response.body).toBe(200);
    const health = response.json();
    expect(health.thresholdChanges).toEqual([
      {
        changedAt: '2024-03-15T10:00:00.000Z',
        changedBy: expect.objectContaining({ handle: admin.handle, name: 'Ada Admin' }),
        kindBefore: 'general',
        kindAfter: 'general',
        thresholdBefore: 4,
        thresholdAfter: 3,
      },
    ]);
    const thresholdOn = (day: string) =>
      health.trend.find((p: { weekEnding: string }) => p.weekEnding === day).threshold;
    expect([thresholdOn('2024-03-13'), thresholdOn('2024-03-20'), thresholdOn('2024-04-03')]).toEqual([
      4, 3, 3,
    ]);
    const { rows } = await ctx.db.pool.query(
      `select kind_before, kind_after, threshold_before, threshold_after, changed_by::text
         from community_viability_changes where community_id = $1`,
      [d.id],
    );
    expect(rows).toEqual([
      {
        kind_before: 'general',
        kind_after: 'specialist',
        threshold_before: 5,
        threshold_after: 1,
        changed_by: admin.id,
      },
    ]);
  });
});
