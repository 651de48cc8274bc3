import { beforeAll, describe, expect, it } from 'vitest';
import type { Scorecard } from '../../../contract/analytics.js';
import { allJobs } from '../../jobs.js';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, buildPerson, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { recordParticipation } from '../activity/repository.js';
import { type Actor, actor } from '../threads/testing.js';
import { analyticsJob, rebuildAnalytics, refreshAnalytics } from './refresh.js';
import { ANSWER, buildSmallWorld, type SmallWorld, setMinimumGroup } from './testing.js';

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
  // Figures of a small world, each worked out by hand: the smallest group size (every file that sets it sets 1).
  await setMinimumGroup(ctx.db.pool, 1);
  world = await buildSmallWorld(ctx.db.pool, YEAR);
  manager = await actor(ctx.app, ctx.db.pool, { role: 'community_manager' });
  // A full rebuild, not a refresh: on a shared PostgreSQL server another file may have moved the watermark past
  // this world's year, and a refresh would then skip it (the refresh itself is tested below, on its own year).
  await rebuildAnalytics(ctx.db.pool, world.refreshAt);
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
      // Discussed in March: only the theme opened on 5 March, no outcome, its 30 days run to 4 April (after the
      // clock's 1 April): pending, so nothing to judge yet. Nothing was discussed in February.
      loopClosure: [null, null],
      loopsPending: [1, null],
      // By 3 March: outcomes after 10 days (closed theme) and 20 days (silent theme), as by 31 March.
      medianDaysToOutcome: [15, 15],
      leaderThemeReplies: [1, 0],
      // No AMA in this world (ama-figures.test.ts has its own).
      amaQuestions: [0, 0],
      amaAnsweredShare: [null, null],
      amaLeaderAnsweredShare: [null, null],
      leaderAmaAnswers: [0, 0],
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
      // The sponsor took part in March (5, 7 and 9) and in February (10).
      sponsorsActive: [100, 100],
    });
    expect(condition(c, 'fertile_ground').details.sponsors).toEqual([
      expect.objectContaining({ slug: world.community.slug, activeDays: 2 }),
    ]);
  });

  it('top-down and bottom-up: leader share per month with the expected fall, praise per 100 active', () => {
    const td = condition(c, 'top_down_bottom_up');
    // The expected line in March (the month of both periods' last days) is 47.5: 25 − 47.5 and 50 − 47.5.
    // Ann praised Bob: one person praised and one giver against 4 active people.
    expect(figures(c, 'top_down_bottom_up')).toEqual({
      leaderThreadShare: [25, 50],
      leaderShareAboveExpected: [-22.5, 2.5],
      praisePer100: [25, 0],
      praiseGiversPer100: [25, 0],
    });
    expect(td.status).toBe('on_track');
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
      // Bob (Tokyo) asked at 19:00 his time and was answered at 19:30: 0 office minutes; Cas (Amsterdam) waited
      // from 11:00 to 13:00 on a Thursday: 120. The median of 0 and 120.
      medianBusinessMinutesToFirstAnswer: [60, null],
      medianMinutesToAccepted: [240, null],
      answerRate: [100, null],
      bestAnswerRate: [50, null],
      questionsAsked: [2, 0],
      // Both questions were answered by the end of March, and nothing was waiting on 3 March.
      unansweredBacklog: [0, 0],
      backlogMedianAgeDays: [null, null],
      // Ann (other department) answered Bob; Bob (Cas's department) answered Cas.
      answersFromOutside: [50, null],
      // Mail belongs to a person: no figure under a community filter (counted in mail-figures.test.ts).
      emailPerActive: [null, null],
      // 7 live replies in March, 2 in February, none by email.
      emailReplyShare: [0, 0],
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
      // Previous period (4 Feb – 3 Mar): the same three accounts, boss and ann active on 10 and 11 February only.
      provisioned: [3, 3],
      activated: [2, 2],
      monthlyActive: [2, 2],
      engaged: [1, 0],
      activatedShare: [66.7, 66.7],
      monthlyActiveShare: [100, 100],
      engagedShare: [50, 0],
      profileCompleteness: [50, null],
    });
    expect(figures(c, 'fertile_ground')).toMatchObject({ medianReach: [2.5, null], dunbarShare: [0, null] });
    // Threads by the department in March: the leader's and the praise.
    expect(figures(c, 'top_down_bottom_up')).toEqual({
      leaderThreadShare: [50, 50],
      leaderShareAboveExpected: [2.5, 2.5],
      praisePer100: [50, 0],
      praiseGiversPer100: [50, 0],
    });
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
    // Made before the period, so it counts in it.
    await ctx.db.pool.query('update communities set created_at = $2 where id = $1', [
      hidden.id,
      new Date(`${YEAR - 1}-06-01T00:00:00Z`),
    ]);
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
    expect(lines[0]).toBe(
      'onderdeel,cijfer,eenheid,waarde,vorige periode,status,periode van,periode tot,achtergehouden',
    );
    expect(lines).toContain(`strategic,themeShare,percent,30,0,on_track,${YEAR}-03-04,${YEAR}-03-31,`);
    expect(lines).toContain(`benefits,medianMinutesToFirstAnswer,minutes,75,,,${YEAR}-03-04,${YEAR}-03-31,`);
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
      `insert into replies (thread_id, author_id, body_md, body_html, created_at) values ($1, $2, $4, $4, $3)`,
      [question, old.people.cas.id, new Date(`${OLD}-03-20T10:00:00Z`), ANSWER],
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
      `insert into replies (thread_id, author_id, body_md, body_html, created_at) values ($1, $2, $4, $4, $3)`,
      [rows[1]!.id, old.people.bob.id, new Date(`${OLD}-04-10T10:00:00Z`), ANSWER],
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

// Regression tests of issue 23, on a world of their own in a year of its own; each number is worked out here.
describe('the scorecard tells the truth over time', () => {
  const Y = 2015;
  const at = (monthDay: string) => new Date(`${Y}-${monthDay}T10:00:00Z`);
  let d: string;
  /** The department of the hierarchy line. */
  let h: string;
  let slug: string;
  const ask = async (query: Record<string, string>) =>
    manager.api.get(`/api/v1/analytics/scorecard?${new URLSearchParams(query)}`);
  const march = { from: `${Y}-03-04`, to: `${Y}-03-31` };

  beforeAll(async () => {
    const db = ctx.db.pool;
    d = unique('Finance');
    h = unique('Support');
    const person = async (department: string, activated: Date | null) => {
      const p = await buildPerson(db, { department });
      await db.query('update people set created_at = $2, activated_at = $3 where id = $1', [
        p.id,
        new Date(`${Y - 1}-12-01T00:00:00Z`),
        activated,
      ]);
      return p;
    };
    const ann = await person(d, at('01-01'));
    // Bob posted before he ever signed in (an import, a mail-in): active, never activated.
    const bob = await person(d, null);
    const cat = await person(d, at('01-01'));
    const dan = await person(unique('Legal'), at('01-01'));
    const community = await buildCommunity(db, { members: [ann, bob, dan] });
    slug = community.slug;
    await db.query('update communities set viability_threshold = 6, created_at = $2 where id = $1', [
      community.id,
      new Date(`${Y - 1}-12-01T00:00:00Z`),
    ]);
    await db.query(
      `insert into threads (community_id, author_id, kind, title, body_md, body_html, origin, created_at,
                            last_activity_at)
       values ($1, $2, 'praise', 'Thanks', 'b', 'b', 'bottom_up', $3, $3), ($1, $4, 'discussion', 'Hi', 'b', 'b',
               'bottom_up', $5, $5)`,
      [community.id, ann.id, at('03-09'), bob.id, at('03-10')],
    );
    await db.query(
      `insert into praise_recipients (thread_id, person_id)
       select id, $2 from threads where author_id = $1 and kind = 'praise'`,
      [ann.id, dan.id],
    );
    await recordParticipation(db, ann.id, community.id, at('03-09'), 'react');
    await recordParticipation(db, bob.id, community.id, at('03-10'), 'react');
    await recordParticipation(db, dan.id, community.id, at('03-11'), 'react');
    await recordParticipation(db, cat.id, null, at('03-12'), 'react');
    // A line of the hierarchy in a department of its own: top (London) → mgr (Amsterdam) → pia (Brussels), quin (New York).
    const inLine = async (managerId: string | null, timeZone: string) => {
      const p = await buildPerson(db, { department: h, managerId, timeZone });
      await db.query('update people set created_at = $2, activated_at = $2 where id = $1', [
        p.id,
        new Date(`${Y - 1}-12-01T00:00:00Z`),
      ]);
      return p;
    };
    const top = await inLine(null, 'Europe/London');
    const mgr = await inLine(top.id, 'Europe/Amsterdam');
    const pia = await inLine(mgr.id, 'Europe/Brussels');
    const quin = await inLine(mgr.id, 'America/New_York');
    const { rows } = await db.query<{ id: string }>(
      `insert into threads (community_id, author_id, kind, title, body_md, body_html, origin, created_at,
                            last_activity_at)
       values ($1, $2, 'discussion', 'Plan', 'b', 'b', 'bottom_up', $3, $3) returning id`,
      [community.id, mgr.id, at('03-15')],
    );
    const reply = async (author: string, parentId: string | null) =>
      (
        await db.query<{ id: string }>(
          `insert into replies (thread_id, parent_id, author_id, body_md, body_html, created_at)
           values ($1, $2, $3, 'r', 'r', $4) returning id`,
          [rows[0]!.id, parentId, author, at('03-16')],
        )
      ).rows[0]!.id;
    const piaReply = await reply(pia.id, null);
    const quinReply = await reply(quin.id, piaReply);
    await reply(top.id, piaReply);
    await db.query(
      `insert into reply_reactions (reply_id, person_id, kind, created_at) values ($1, $2, 'like', $3)`,
      [quinReply, mgr.id, at('03-17')],
    );
    await rebuildAnalytics(db, new Date(`${Y}-04-01T00:00:00Z`));
  });

  it('refuses a period that ends after today with a 400 problem', async () => {
    // The clock says 1 April 2019.
    const response = await ask({ from: `${YEAR}-03-20`, to: `${YEAR}-04-02` });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json().errors[0]).toEqual({
      field: 'to',
      message: `must not be after today (${YEAR}-04-01)`,
    });
    expect((await ask({ from: `${YEAR}-04-02` })).statusCode).toBe(400);
    expect((await ask({ to: `${YEAR}-04-01` })).statusCode).toBe(200);
  });

  it('says "no data" for communities before they existed, instead of "at risk" with merge advice', async () => {
    const response = await ask({ from: `${Y - 1}-06-01`, to: `${Y - 1}-06-28`, community: slug });
    const enough = condition(response.json(), 'enough_people');
    expect(enough.status).toBe('no_data');
    expect(figures(response.json(), 'enough_people')).toEqual({
      viableCommunities: [null, null],
      atRiskCommunities: [null, null],
      viableShare: [null, null],
    });
    expect(enough.recommendations).toEqual([]);
    // In March it existed: 3 active (ann, bob, dan) against 6; in the previous period none.
    const now = (await ask({ ...march, community: slug })).json();
    expect(figures(now, 'enough_people')).toEqual({
      viableCommunities: [0, 0],
      atRiskCommunities: [1, 1],
      viableShare: [0, 0],
    });
  });

  it('counts as monthly active only people who are activated: the numerator is a subset of its denominator', async () => {
    const c = (await ask({ ...march, department: d })).json();
    // Ann, bob and cat have accounts; ann and cat signed in; all three took part in March, bob not activated.
    expect(figures(c, 'low_threshold')).toMatchObject({
      provisioned: [3, 3],
      activated: [2, 2],
      monthlyActive: [2, 0],
      monthlyActiveShare: [100, 0],
    });
  });

  it('narrows both sides of praise per 100 active people by the community filter', async () => {
    // One praise in the community; its activated active people in March: ann and dan (bob never signed in).
    const c = (await ask({ ...march, community: slug })).json();
    expect(figures(c, 'top_down_bottom_up').praisePer100).toEqual([50, null]);
    // Department and community: ann's praise against ann alone.
    const both = (await ask({ ...march, community: slug, department: d })).json();
    expect(figures(both, 'top_down_bottom_up').praisePer100).toEqual([100, null]);
    // The department alone: its praise against its activated monthly active people, ann and cat.
    const dept = (await ask({ ...march, department: d })).json();
    expect(figures(dept, 'top_down_bottom_up').praisePer100).toEqual([50, null]);
  });

  it('crosses the hierarchy two levels apart or between level-2 subtrees, time zones 3 hours apart', async () => {
    // pia → mgr (her manager; Brussels–Amsterdam 0 h), quin → pia (team peers; New York–Brussels 5 h on 16 March),
    // top → pia (two levels apart; London–Brussels 1 h), mgr → quin (his report; Amsterdam–New York 5 h).
    const c = (await ask({ ...march, department: h })).json();
    expect(figures(c, 'fertile_ground')).toMatchObject({
      crossHierarchy: [25, null],
      crossTimeZone: [50, null],
    });
  });

  it('labels reach as "now" and leaves it out of the comparison', async () => {
    const c = (await ask({ ...march, department: d })).json() as Scorecard;
    const reach = condition(c, 'fertile_ground').figures.filter((f) => f.asOf === 'now');
    expect(reach.map((f) => [f.id, f.previous])).toEqual([
      ['medianReach', null],
      ['dunbarShare', null],
    ]);
  });
});
