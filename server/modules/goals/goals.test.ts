import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { actor, expectRejected } from '../threads/testing.js';
import { makeGoal, replyAt, threadAt } from './testing.js';

const clock = manualClock(new Date('2026-03-12T12:00:00Z'));
const hoursAgo = (hours: number) => new Date(clock.now().getTime() - hours * 3_600_000);
let ctx: Awaited<ReturnType<typeof testApp>>;
const person = (overrides: Parameters<typeof actor>[2] = {}) => actor(ctx.app, ctx.db.pool, overrides);
const goalOf = async (threadId: string) =>
  (await ctx.db.pool.query('select goal_id from threads where id = $1', [threadId])).rows[0].goal_id;

beforeAll(async () => {
  ctx = await testApp({ clock });
});

const valid = (overrides: Record<string, unknown> = {}) => ({
  name: unique('Answer customers within the hour'),
  kpi: 'first_response_time',
  target: 60,
  hashtags: [unique('klant').replaceAll('-', '')],
  ...overrides,
});

describe('POST /api/v1/goals', () => {
  it('lets a leader set a goal; it takes in the unlinked questions of the last 12 weeks in scope its KPI measures', async () => {
    const leader = await person({ leader: true });
    const asker = await person();
    const community = await buildCommunity(ctx.db.pool);
    const elsewhere = await buildCommunity(ctx.db.pool);
    const tag = unique('support').replaceAll('-', '');
    const recent = await threadAt(ctx.db.pool, { author: asker, community, at: hoursAgo(24 * 7) });
    const idea = await threadAt(ctx.db.pool, { author: asker, community, at: hoursAgo(24), kind: 'idea' });
    const old = await threadAt(ctx.db.pool, { author: asker, community, at: hoursAgo(24 * 7 * 13) });
    const talk = await threadAt(ctx.db.pool, {
      author: asker,
      community,
      at: hoursAgo(1),
      kind: 'discussion',
    });
    const tagged = await threadAt(ctx.db.pool, { author: asker, community: elsewhere, at: hoursAgo(2) });
    await ctx.db.pool.query(
      `with h as (insert into hashtags (tag) values ($2) returning id)
       insert into thread_hashtags (thread_id, hashtag_id, last_activity_at) select $1, id, $3 from h`,
      [tagged.id, tag, hoursAgo(2)],
    );
    const other = await makeGoal(ctx.db.pool, { owner: leader });
    const taken = await threadAt(ctx.db.pool, { author: asker, community, at: hoursAgo(3), goal: other });

    const response = await leader.api.post('/api/v1/goals', {
      name: 'Answer within the hour',
      description: 'Customers get an answer or a status within one business hour.',
      kpi: 'first_response_time',
      target: 60,
      communities: [community.slug],
      hashtags: [tag.toUpperCase()],
      calendar: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const goal = response.json();
    expect(goal).toMatchObject({
      kpi: 'first_response_time',
      unit: 'minutes',
      target: 60,
      attainmentTarget: 80,
      owner: { id: leader.id },
      scope: { communities: [{ slug: community.slug }], hashtags: [tag] },
      archived: false,
      canEdit: true,
    });
    expect(await goalOf(recent.id)).toBe(goal.id);
    // A response-time goal measures questions: the idea stays free for a goal that measures ideas.
    expect(await goalOf(idea.id)).toBeNull();
    expect(await goalOf(tagged.id)).toBe(goal.id);
    expect(await goalOf(old.id)).toBeNull();
    expect(await goalOf(talk.id)).toBeNull();
    expect(await goalOf(taken.id)).toBe(other.id);
  });

  it('refuses members, and every limit with a problem naming the field, storing nothing', async () => {
    const member = await person();
    await expectRejected(ctx.db.pool, () => member.api.post('/api/v1/goals', valid()), 403);
    const leader = await person({ leader: true });
    const post = (overrides: Record<string, unknown>) => () =>
      leader.api.post('/api/v1/goals', valid(overrides));
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ name: ' ' }, 'name'],
      [{ description: 'x'.repeat(5001) }, 'description'],
      [{ kpi: 'happiness' }, 'kpi'],
      [{ target: 0 }, 'target'],
      [{ target: 100_001 }, 'target'],
      [{ kpi: 'answer_rate', target: 101 }, 'target'],
      [{ kpi: 'idea_throughput', target: 10_001 }, 'target'],
      [{ attainmentTarget: 101 }, 'attainmentTarget'],
      [{ hashtags: [] }, 'communities'],
      [{ hashtags: Array.from({ length: 51 }, (_, i) => `tag${i}x`) }, 'hashtags'],
      [{ communities: Array.from({ length: 51 }, (_, i) => `g-${i}`) }, 'communities'],
      [{ communities: ['no-such-community'] }, 'communities.0'],
      [{ calendar: { days: [1], start: '18:00', end: '09:00' } }, 'calendar.end'],
      [{ calendar: { days: [8], start: '09:00', end: '18:00' } }, 'calendar.days.0'],
      [{ calendar: { days: [1, 1], start: '09:00', end: '18:00' } }, 'calendar.days'],
      [{ calendar: { days: [1], start: '9:00', end: '18:00' } }, 'calendar.start'],
    ];
    for (const [overrides, field] of cases) await expectRejected(ctx.db.pool, post(overrides), 400, field);
  });

  it('refuses a scope community the creator cannot read with one message for closed and secret', async () => {
    const leader = await person({ leader: true });
    const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed' });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret' });
    const post = (slug: string) => () => leader.api.post('/api/v1/goals', valid({ communities: [slug] }));
    const a = await expectRejected(ctx.db.pool, post(closed.slug), 400, 'communities.0');
    const b = await expectRejected(ctx.db.pool, post(secret.slug), 400, 'communities.0');
    const c = await expectRejected(ctx.db.pool, post('nothing-here'), 400, 'communities.0');
    const message = (r: typeof a) => r.json().errors[0].message.replace(/"[^"]+"/, '');
    expect(new Set([message(a), message(b), message(c)]).size).toBe(1);
  });
});

describe('GET /api/v1/goals/:id, kpi and missed', () => {
  it('computes the figures over readable threads only and hides a secret scope community', async () => {
    const leader = await person({ leader: true });
    const outsider = await person();
    const insider = await person();
    const helper = await person();
    const open = await buildCommunity(ctx.db.pool);
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [insider, helper] });
    const goal = await makeGoal(ctx.db.pool, { owner: leader, target: 60, communities: [open, secret] });
    // Open: one answered in 30 minutes, one waiting 5 hours. Secret: one waiting 3 hours.
    const fast = await threadAt(ctx.db.pool, { author: insider, community: open, at: hoursAgo(10), goal });
    await replyAt(ctx.db.pool, { thread: fast, author: helper, at: hoursAgo(9.5) });
    const slow = await threadAt(ctx.db.pool, { author: insider, community: open, at: hoursAgo(5), goal });
    const hidden = await threadAt(ctx.db.pool, {
      author: insider,
      community: secret,
      at: hoursAgo(3),
      goal,
      title: 'Secret waiting question',
    });

    const seen = (await outsider.api.get(`/api/v1/goals/${goal.id}`)).json();
    expect(seen.scope.communities.map((c: { slug: string }) => c.slug)).toEqual([open.slug]);
    expect(seen.current).toMatchObject({ counted: 2, hits: 1, missed: 1, actual: 50, met: false });
    expect(seen.canEdit).toBe(false);
    const inside = (await insider.api.get(`/api/v1/goals/${goal.id}`)).json();
    expect(inside.scope.communities).toHaveLength(2);
    expect(inside.current).toMatchObject({ counted: 3, hits: 1, missed: 2 });

    const series = (await outsider.api.get(`/api/v1/goals/${goal.id}/kpi?weeks=2`)).json();
    expect(series.weeks).toHaveLength(2);
    expect(series.weeks[1]).toMatchObject({
      counted: 2,
      hits: 1,
      partial: true,
      from: '2026-03-09T00:00:00.000Z',
    });

    const missed = (await outsider.api.get(`/api/v1/goals/${goal.id}/missed`)).json();
    expect(missed.items.map((m: { thread: { id: string } }) => m.thread.id)).toEqual([slow.id]);
    expect(missed.items[0]).toMatchObject({ minutes: 300, waiting: true });
    const missedInside = (await insider.api.get(`/api/v1/goals/${goal.id}/missed?limit=1`)).json();
    expect(missedInside.items.map((m: { thread: { id: string } }) => m.thread.id)).toEqual([hidden.id]);
    const next = await insider.api.get(
      `/api/v1/goals/${goal.id}/missed?limit=1&cursor=${missedInside.nextCursor}`,
    );
    expect(next.json().items.map((m: { thread: { id: string } }) => m.thread.id)).toEqual([slow.id]);
    expect(JSON.stringify((await outsider.api.get('/api/v1/goals?limit=100')).json())).not.toContain(
      secret.slug,
    );
  });

  it('answers 404 for an unknown goal and 400 for weeks out of range', async () => {
    const viewer = await person();
    const leader = await person({ leader: true });
    const goal = await makeGoal(ctx.db.pool, { owner: leader });
    expect((await viewer.api.get('/api/v1/goals/999999999')).statusCode).toBe(404);
    for (const weeks of [0, 53, 'x']) {
      const response = await viewer.api.get(`/api/v1/goals/${goal.id}/kpi?weeks=${weeks}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toBe('weeks');
    }
  });

  it('lists active goals first, newest first, in keyset pages', async () => {
    const leader = await person({ leader: true });
    const archived = await makeGoal(ctx.db.pool, { owner: leader, archived: true, createdAt: hoursAgo(-10) });
    const a = await makeGoal(ctx.db.pool, { owner: leader, createdAt: hoursAgo(-2) });
    const b = await makeGoal(ctx.db.pool, { owner: leader, createdAt: hoursAgo(-1) });
    const ids: string[] = [];
    let cursor = '';
    for (let i = 0; i < 200; i++) {
      const page = (await leader.api.get(`/api/v1/goals?limit=7${cursor ? `&cursor=${cursor}` : ''}`)).json();
      ids.push(...page.items.map((goal: { id: string }) => goal.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.indexOf(a.id)).toBeGreaterThan(-1);
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(archived.id));
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
  });
});

describe('PATCH /api/v1/goals/:id', () => {
  it('lets the owner change and archive the goal; others get 403; targets are checked against the KPI', async () => {
    const leader = await person({ leader: true });
    const otherLeader = await person({ leader: true });
    const goal = await makeGoal(ctx.db.pool, { owner: leader, kpi: 'answer_rate', target: 90 });
    const url = `/api/v1/goals/${goal.id}`;
    await expectRejected(ctx.db.pool, () => otherLeader.api.patch(url, { name: 'Mine now' }), 403);
    await expectRejected(ctx.db.pool, () => leader.api.patch(url, { target: 120 }), 400, 'target');
    await expectRejected(ctx.db.pool, () => leader.api.patch(url, { kpi: 'resolution_time' }), 400);
    await expectRejected(ctx.db.pool, () => leader.api.patch(url, {}), 400);
    const changed = await leader.api.patch(url, {
      name: 'Answer nearly all questions',
      target: 95,
      archived: true,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Answer nearly all questions', target: 95, archived: true });
    const back = await leader.api.patch(url, { archived: false });
    expect(back.json()).toMatchObject({ archived: false, archivedAt: null });
  });
});

describe('linking threads', () => {
  it('links a new question in scope to the newest active goal; not discussions, not archived goals', async () => {
    const leader = await person({ leader: true });
    const asker = await person();
    const community = await buildCommunity(ctx.db.pool);
    const tagged = await buildCommunity(ctx.db.pool);
    const tag = unique('tagged').replaceAll('-', '');
    await makeGoal(ctx.db.pool, { owner: leader, communities: [community], createdAt: hoursAgo(48) });
    const newest = await makeGoal(ctx.db.pool, {
      owner: leader,
      communities: [community],
      createdAt: hoursAgo(24),
    });
    await makeGoal(ctx.db.pool, {
      owner: leader,
      communities: [community],
      archived: true,
      createdAt: hoursAgo(1),
    });
    const byTag = await leader.api.post('/api/v1/goals', valid({ hashtags: [tag] }));
    const post = (body: Record<string, unknown>) => asker.api.post('/api/v1/threads', body);
    const question = await post({
      communitySlug: community.slug,
      kind: 'question',
      title: 'How?',
      body: 'Tell me',
    });
    expect(await goalOf(question.json().id)).toBe(newest.id);
    const talk = await post({ communitySlug: community.slug, kind: 'discussion', title: 'Chat', body: 'Hi' });
    expect(await goalOf(talk.json().id)).toBeNull();
    const question2 = await post({
      communitySlug: tagged.slug,
      kind: 'question',
      title: 'Q',
      body: `Why #${tag}`,
    });
    expect(await goalOf(question2.json().id)).toBe(byTag.json().id);
    // An idea goes only to a goal that measures ideas.
    const idea = await post({ communitySlug: tagged.slug, kind: 'idea', title: 'Idea', body: `Try #${tag}` });
    expect(await goalOf(idea.json().id)).toBeNull();
  });

  it('links a question only to a goal whose KPI measures questions, an idea only to idea throughput', async () => {
    const leader = await person({ leader: true });
    const asker = await person();
    const community = await buildCommunity(ctx.db.pool);
    const answers = await makeGoal(ctx.db.pool, {
      owner: leader,
      kpi: 'first_response_time',
      communities: [community],
      createdAt: hoursAgo(48),
    });
    // The newest goal in scope measures ideas: before, every question went to it.
    const ideas = await makeGoal(ctx.db.pool, {
      owner: leader,
      kpi: 'idea_throughput',
      target: 1,
      communities: [community],
      createdAt: hoursAgo(24),
    });
    const post = (kind: string) =>
      asker.api.post('/api/v1/threads', { communitySlug: community.slug, kind, title: 'T', body: 'B' });
    const question = await post('question');
    const idea = await post('idea');
    expect(await goalOf(question.json().id)).toBe(answers.id);
    expect(await goalOf(idea.json().id)).toBe(ideas.id);
    // A new idea goal takes in the recent unlinked ideas of its scope, never the questions.
    const loose = await threadAt(ctx.db.pool, {
      author: asker,
      community,
      at: hoursAgo(5),
      kind: 'question',
    });
    const looseIdea = await threadAt(ctx.db.pool, {
      author: asker,
      community,
      at: hoursAgo(5),
      kind: 'idea',
    });
    const created = await leader.api.post(
      '/api/v1/goals',
      valid({ kpi: 'idea_throughput', target: 1, hashtags: [], communities: [community.slug] }),
    );
    expect(created.statusCode, created.body).toBe(201);
    expect(await goalOf(loose.id)).toBeNull();
    expect(await goalOf(looseIdea.id)).toBe(created.json().id);
  });

  it('says an idea goal with no idea in scope has nothing to measure: no data, never met', async () => {
    const leader = await person({ leader: true });
    const community = await buildCommunity(ctx.db.pool);
    const created = await leader.api.post(
      '/api/v1/goals',
      valid({ kpi: 'idea_throughput', target: 1, hashtags: [], communities: [community.slug] }),
    );
    const goal = (await leader.api.get(`/api/v1/goals/${created.json().id}`)).json();
    expect(goal.current).toMatchObject({ actual: null, met: null, counted: 0 });
  });

  it('links and unlinks by hand: author yes, others no; only questions and ideas; not to archived goals', async () => {
    const leader = await person({ leader: true });
    const author = await person();
    const stranger = await person();
    const community = await buildCommunity(ctx.db.pool);
    const goal = await makeGoal(ctx.db.pool, { owner: leader });
    const archived = await makeGoal(ctx.db.pool, { owner: leader, archived: true });
    const question = await threadAt(ctx.db.pool, { author, community, at: hoursAgo(1) });
    const talk = await threadAt(ctx.db.pool, { author, community, at: hoursAgo(1), kind: 'discussion' });
    const url = `/api/v1/threads/${question.id}/goal`;
    await expectRejected(ctx.db.pool, () => stranger.api.put(url, { goalId: goal.id }), 403);
    await expectRejected(ctx.db.pool, () => author.api.put(url, { goalId: archived.id }), 409);
    await expectRejected(ctx.db.pool, () => author.api.put(url, { goalId: '999999999' }), 400, 'goalId');
    await expectRejected(
      ctx.db.pool,
      () => author.api.put(`/api/v1/threads/${talk.id}/goal`, { goalId: goal.id }),
      400,
    );
    expect((await author.api.put(url, { goalId: goal.id })).statusCode).toBe(204);
    expect(await goalOf(question.id)).toBe(goal.id);
    await expectRejected(ctx.db.pool, () => stranger.api.delete(url), 403);
    expect((await leader.api.delete(url)).statusCode).toBe(204);
    expect(await goalOf(question.id)).toBeNull();
  });
});
