import { beforeAll, describe, expect, it } from 'vitest';
import type { Scorecard } from '../../../contract/analytics.js';
import { allJobs } from '../../jobs.js';
import { manualClock } from '../../platform/clock.js';
import { buildPerson, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor } from '../threads/testing.js';
import { analyticsJob, rebuildAnalytics, refreshAnalytics } from './refresh.js';
import { buildSmallWorld, type SmallWorld } from './testing.js';

// Every expected number below is worked out by hand from the world in testing.ts (see the comments there).
const YEAR = 2019;
/** The refresh test's own world, in a year of its own. */
const OLD = 2017;
let old: SmallWorld;
let ctx: Awaited<ReturnType<typeof testApp>>;
let world: SmallWorld;
let manager: Actor;
const clock = manualClock(new Date(`${YEAR}-04-01T09:00:00Z`));

beforeAll(async () => {
  ctx = await testApp({ clock });
  world = await buildSmallWorld(ctx.db.pool, YEAR);
  // Bob answers by mail (mail-in): the share of replies by email counts his.
  await ctx.db.pool.query(`update replies set via = 'mail' where author_id = $1`, [world.people.bob.id]);
  manager = await actor(ctx.app, ctx.db.pool, { role: 'community_manager' });
  await refreshAnalytics(ctx.db.pool, world.refreshAt);
});

async function card(query: Record<string, string>): Promise<Scorecard> {
  const search = new URLSearchParams({ from: world.period.from, to: world.period.to, ...query });
  const response = await manager.api.get(`/api/v1/analytics/scorecard?${search}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
const condition = (c: Scorecard, id: string) => c.conditions.find((x) => x.id === id)!;
const figures = (c: Scorecard, id: string) =>
  Object.fromEntries(condition(c, id).figures.map((f) => [f.id, [f.value, f.previous]]));

describe('the scorecard on a small world, community filter', () => {
  let c: Scorecard;
  beforeAll(async () => {
    c = await card({ community: world.community.slug });
  });

  it('compares with the 28 days before', () => {
    expect(c.period).toEqual({ from: `${YEAR}-03-04`, to: `${YEAR}-03-31` });
    expect(c.previous).toEqual({ from: `${YEAR}-02-04`, to: `${YEAR}-03-03` });
    expect(c.filters.community?.slug).toBe(world.community.slug);
  });

  it('strategic discussion: theme share, themes opened, loop closure, leader replies, silent themes', () => {
    // 10 live threads+replies in March, 3 of them in the theme thread; none of 3 in February.
    expect(figures(c, 'strategic')).toEqual({
      themeShare: [30, 0],
      themesOpened: [1, 0],
      loopClosure: [66.7, 100],
      medianDaysToOutcome: [15, null],
      leaderThemeReplies: [1, 0],
    });
    expect(condition(c, 'strategic').status).toBe('on_track');
    // Last outcome 21 Dec 10:00 → 1 Apr 00:00 = 100 days and 14 hours.
    expect(condition(c, 'strategic').details.themesWithoutOutcome).toEqual([
      expect.objectContaining({ title: world.silentTitle, daysWithoutOutcome: 100, hasOutcome: true }),
    ]);
    expect(condition(c, 'strategic').recommendations[0]).toEqual({
      id: 'themeWithoutOutcome',
      params: { title: world.silentTitle, days: 100 },
    });
  });

  it('bottom line: goal share, KPI actual vs target, and the drying-up weeks', () => {
    const bottom = condition(c, 'bottom_line');
    expect(figures(c, 'bottom_line')).toEqual({
      goalShare: [30, 0],
      goalsMetShare: [100, null],
      goalLinkedChange: [null, null],
      // Other conversation: 7 in the last four weeks against 3 in the four before.
      otherChange: [133.3, null],
    });
    expect(bottom.details.goals).toEqual([
      expect.objectContaining({ kpi: 'answer_rate', actual: 100, target: 50, met: true }),
    ]);
    expect(bottom.trend.labels.at(-1)).toBe(`${YEAR}-03-31`);
    expect(bottom.trend.series[0]).toEqual({
      id: 'goalLinked',
      unit: 'count',
      values: [0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0],
    });
    expect(bottom.trend.series[1]!.values).toEqual([0, 0, 0, 0, 2, 1, 0, 0, 7, 0, 0, 0]);
  });

  it('fertile ground: boundaries crossed by 7 interactions, answers across departments', () => {
    expect(figures(c, 'fertile_ground')).toMatchObject({
      crossDepartment: [42.9, 0],
      crossLocation: [42.9, 0],
      crossTimeZone: [42.9, 0],
      crossHierarchy: [28.6, 0],
      questionsAnsweredAcross: [50, null],
      sponsorsActive: [100, null],
    });
    expect(condition(c, 'fertile_ground').details.sponsors).toEqual([
      expect.objectContaining({ slug: world.community.slug, activeDays: 2 }),
    ]);
  });

  it('top-down and bottom-up: leader share per month with the expected fall, praise per 100 active', () => {
    const td = condition(c, 'top_down_bottom_up');
    expect(figures(c, 'top_down_bottom_up')).toEqual({ leaderThreadShare: [25, 50], praisePer100: [25, 0] });
    expect(td.trend.labels).toEqual([`${YEAR}-02`, `${YEAR}-03`]);
    expect(td.trend.series).toEqual([
      { id: 'leaderThreadShare', unit: 'percent', values: [50, 25] },
      { id: 'expectedShare', unit: 'percent', values: [50, 47.5] },
    ]);
  });

  it('enough people: 4 active against a threshold of 6, with a suggestion', () => {
    const enough = condition(c, 'enough_people');
    expect(figures(c, 'enough_people')).toEqual({
      viableCommunities: [0, 0],
      atRiskCommunities: [1, 1],
      viableShare: [0, 0],
    });
    expect(enough.status).toBe('off_track');
    expect(enough.details.belowThreshold).toEqual([
      {
        slug: world.community.slug,
        name: world.community.name,
        kind: 'general',
        active: 4,
        threshold: 6,
        suggestion: 'merge',
      },
    ]);
    expect(enough.recommendations[0]!.id).toBe('communityBelow.merge');
  });

  it('benefits: answer times and rates like Viva Engage', () => {
    expect(Object.fromEntries(c.benefits.figures.map((f) => [f.id, [f.value, f.previous]]))).toEqual({
      medianMinutesToFirstAnswer: [75, null],
      medianMinutesToAccepted: [240, null],
      answerRate: [100, null],
      bestAnswerRate: [50, null],
      questionsAsked: [2, 0],
      emailPerActive: [null, null],
      // Bob's 2 of the 6 live March replies; February's one is Ann's, in the app.
      repliesByEmailShare: [33.3, 0],
    });
  });

  it('the collaboration matrices count who answered or reacted to whom', () => {
    const { d1, d2 } = world.departments;
    const { l1, l2 } = world.locations;
    const cells = (m: Scorecard['collaboration']['departments']) =>
      Object.fromEntries(m.cells.map((cell) => [`${cell.source}>${cell.target}`, cell.interactions]));
    expect(cells(c.collaboration.departments)).toEqual({
      [`${d1}>${d1}`]: 3,
      [`${d1}>${d2}`]: 1,
      [`${d2}>${d1}`]: 2,
      [`${d2}>${d2}`]: 1,
    });
    expect(cells(c.collaboration.locations)).toEqual({
      [`${l1}>${l1}`]: 4,
      [`${l1}>${l2}`]: 1,
      [`${l2}>${l1}`]: 2,
    });
  });
});

describe('the scorecard on a small world, people figures by department', () => {
  it('the funnel, completeness, reach and praise of one department', async () => {
    const c = await card({ department: world.departments.d1 });
    expect(figures(c, 'low_threshold')).toMatchObject({
      provisioned: [3, null],
      activated: [2, null],
      monthlyActive: [2, 2],
      engaged: [1, null],
      activatedShare: [66.7, null],
      monthlyActiveShare: [100, 100],
      engagedShare: [50, null],
      profileCompleteness: [50, null],
    });
    expect(figures(c, 'fertile_ground')).toMatchObject({ medianReach: [2.5, null], dunbarShare: [0, null] });
    // Threads by the department in March: the leader's and the praise.
    expect(figures(c, 'top_down_bottom_up')).toEqual({ leaderThreadShare: [50, 50], praisePer100: [50, 0] });
    expect(condition(c, 'low_threshold').details.funnelByDepartment).toEqual([
      { key: world.departments.d1, provisioned: 3, activated: 2, monthlyActive: 2, engaged: 1 },
    ]);
  });

  it('median days from activation to first post: 59 days and 6 hours', async () => {
    const c = await card({ department: world.departments.d2 });
    expect(figures(c, 'low_threshold').medianDaysToFirstPost).toEqual([29.6, null]);
    expect(figures(c, 'fertile_ground').medianReach).toEqual([2.5, null]);
    // Daily active people of the department: bob and cas on the 7th, both on the 9th.
    const trend = condition(c, 'low_threshold').trend;
    expect(trend.labels).toHaveLength(28);
    const on = (day: string) => trend.series[0]!.values[trend.labels.indexOf(`${YEAR}-03-${day}`)];
    expect([on('06'), on('07'), on('09'), on('10')]).toEqual([1, 2, 2, 0]);
  });
});

describe('the filter options', () => {
  it("lists active people's departments and locations once each, without blanks or deactivated people's", async () => {
    const gone = unique('Aaa gone');
    await buildPerson(ctx.db.pool, { department: gone, location: gone, status: 'deactivated' });
    await buildPerson(ctx.db.pool, { department: '', location: '' });
    const { departments, locations } = (await card({})).options;
    expect(new Set(departments).size).toBe(departments.length);
    expect(new Set(locations).size).toBe(locations.length);
    expect(departments).toEqual(expect.arrayContaining([world.departments.d1, world.departments.d2]));
    expect(locations).toEqual(expect.arrayContaining([world.locations.l1, world.locations.l2]));
    expect([...departments, ...locations]).not.toContain(gone);
    expect([...departments, ...locations]).not.toContain('');
  });
});

describe('who may see it, and what it will not say', () => {
  it('members without the analytics role get 403 (the matrix covers every actor)', async () => {
    const member = await actor(ctx.app, ctx.db.pool);
    const response = await member.api.get('/api/v1/analytics/scorecard');
    expect(response.statusCode).toBe(403);
    expect(response.json().detail).toMatch(/community managers, leaders and admins/);
  });

  it('refuses a period that runs backwards or is longer than a year', async () => {
    const backwards = await manager.api.get('/api/v1/analytics/scorecard?from=2019-03-31&to=2019-03-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].field).toBe('from');
    const long = await manager.api.get('/api/v1/analytics/scorecard?from=2017-01-01&to=2019-03-01');
    expect(long.statusCode).toBe(400);
    expect(long.json().detail).toMatch(/at most 366 days/);
    const bad = await manager.api.get('/api/v1/analytics/scorecard?from=yesterday');
    expect(bad.statusCode).toBe(400);
  });

  it('never names a secret community the viewer is not in, but counts it', async () => {
    const { buildCommunity, buildPerson } = await import('../../test/factories.js');
    const sponsor = await buildPerson(ctx.db.pool, { name: 'Quiet Sponsor' });
    const hidden = await buildCommunity(ctx.db.pool, {
      visibility: 'secret',
      name: 'Hush hush club',
      sponsor,
    });
    const c = await card({});
    const text = JSON.stringify(c);
    expect(text).not.toContain('Hush hush club');
    expect(text).not.toContain(hidden.slug);
    expect(text).not.toContain('Quiet Sponsor');
    expect(condition(c, 'enough_people').details.hiddenCommunities).toBeGreaterThanOrEqual(1);
    expect(condition(c, 'fertile_ground').details.hiddenCommunities).toBeGreaterThanOrEqual(1);
  });

  it('exports the same figures as CSV, headed in the reader’s language', async () => {
    expect((await manager.api.patch('/api/v1/me', { locale: 'nl' })).statusCode).toBe(200);
    const search = new URLSearchParams({ ...world.period, community: world.community.slug });
    const response = await manager.api.get(`/api/v1/analytics/scorecard.csv?${search}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toBe('onderdeel,cijfer,eenheid,waarde,vorige periode,status,periode van,periode tot');
    expect(lines).toContain(`strategic,themeShare,percent,30,0,on_track,${YEAR}-03-04,${YEAR}-03-31`);
    expect(lines).toContain(`benefits,medianMinutesToFirstAnswer,minutes,75,,,${YEAR}-03-04,${YEAR}-03-31`);
  });
});

/** The scorecard under several filters, one per stored grain and a combination (grain 7). */
async function cards(): Promise<Scorecard[]> {
  const filters: Record<string, string>[] = [
    { community: old.community.slug },
    { department: old.departments.d1 },
    { department: old.departments.d2 },
    { location: old.locations.l2 },
    { community: old.community.slug, department: old.departments.d2 },
  ];
  return Promise.all(
    filters.map(async (filter) => {
      const search = new URLSearchParams({ ...old.period, ...filter });
      const response = await manager.api.get(`/api/v1/analytics/scorecard?${search}`);
      expect(response.statusCode, response.body).toBe(200);
      const { refreshedAt: _at, ...card } = response.json();
      return card;
    }),
  );
}

/** A card's answer rate, median minutes to a first answer and share of answers across departments. */
function answers(c: Scorecard) {
  const benefit = (id: string) => c.benefits.figures.find((f) => f.id === id)!.value;
  return {
    answered: benefit('answerRate'),
    minutes: benefit('medianMinutesToFirstAnswer'),
    across: figures(c, 'fertile_ground').questionsAnsweredAcross![0],
  };
}

// In this file, not its own: on a shared PostgreSQL server another file's refresh would move the watermark.
describe('the roll-up refresh', () => {
  beforeAll(async () => {
    old = await buildSmallWorld(ctx.db.pool, OLD);
  });

  it('gives, tick by tick, the same scorecard as a full rebuild — new posts, links, deletions and late answers', async () => {
    const db = ctx.db.pool;
    await rebuildAnalytics(db, new Date(`${OLD}-03-01T00:00:00Z`));
    const before = await cards();

    // After the first tick: a reply, a reaction, a late link to a theme, and a deleted reply.
    const { rows } = await db.query<{ id: string }>(
      `select id from threads where community_id = $1 and kind = 'question' order by created_at`,
      [old.community.id],
    );
    const question = rows[0]!.id;
    await db.query(
      `insert into replies (thread_id, author_id, body_md, body_html, created_at) values ($1, $2, 'x', 'x', $3)`,
      [question, old.people.cas.id, new Date(`${OLD}-03-20T10:00:00Z`)],
    );
    await db.query(
      `insert into thread_reactions (thread_id, person_id, kind, created_at) values ($1, $2, 'thanks', $3)`,
      [question, old.people.dan.id, new Date(`${OLD}-03-21T10:00:00Z`)],
    );
    await db.query(
      `update threads set theme_id = (select id from themes where owner_id = $2 order by id limit 1) where id = $1`,
      [question, old.people.boss.id],
    );
    await db.query(`update replies set deleted_at = $2 where author_id = $1 and created_at = $3`, [
      old.people.bob.id,
      new Date(`${OLD}-03-07T13:00:00Z`),
      new Date(`${OLD}-03-07T12:00:00Z`),
    ]);

    const { fromDay } = await refreshAnalytics(db, old.refreshAt);
    expect(fromDay).toBe(`${OLD}-02-22`);
    const incremental = await cards();
    expect(incremental).not.toEqual(before);

    await rebuildAnalytics(db, old.refreshAt);
    expect(await cards()).toEqual(incremental);

    // Cas's question (7 March 10:00) lost its only answer above: of 2 questions only Bob's is answered, by Ann of
    // another department, after 30 minutes.
    expect(answers(incremental[0]!)).toEqual({ answered: 50, minutes: 30, across: 100 });
    // Weeks later, before the next tick, Bob answers it again: 34 days = 48,960 minutes after it was asked.
    await db.query(
      `insert into replies (thread_id, author_id, body_md, body_html, created_at) values ($1, $2, 'x', 'x', $3)`,
      [rows[1]!.id, old.people.bob.id, new Date(`${OLD}-04-10T10:00:00Z`)],
    );
    const later = new Date(`${OLD}-04-20T09:00:00Z`);
    // The question was asked before the look-back; the new reply brings it in.
    expect((await refreshAnalytics(db, later)).fromDay).toBe(`${OLD}-03-24`);
    const answered = await cards();
    // Both answered; median (30 + 48,960) / 2; Bob is of Cas's department, so one of two answered across.
    expect(answers(answered[0]!)).toEqual({ answered: 100, minutes: 24_495, across: 50 });

    await rebuildAnalytics(db, later);
    expect(await cards()).toEqual(answered);
  });

  it('runs as a scheduled job', () => {
    expect(allJobs).toContain(analyticsJob);
    expect(analyticsJob.everyMs).toBe(10 * 60_000);
  });
});
