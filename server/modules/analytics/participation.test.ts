import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scorecard } from '../../../contract/analytics.js';
import { manualClock } from '../../platform/clock.js';
import type { Queryable } from '../../platform/db/database.js';
import { buildCommunity, buildPerson, type TestPerson, unique } from '../../test/factories.js';
import { ownTestDatabase, testApp } from '../../test/harness.js';
import { insertRead } from '../activity/reads.js';
import { type Act, recordParticipation } from '../activity/repository.js';
import { type Actor, actor } from '../threads/testing.js';
import { rebuildAnalytics } from './refresh.js';
import { setMinimumGroup } from './testing.js';

// Issue 23's participation ladder, praise as people, answers and the answers view, on a world of its own in a year
// of its own (2022: 1 March is a Tuesday, as the weekdays below say; 2005, the reach test's, and 2011, the activity
// roll-up's, have the same calendar but are taken). Every number is worked out in a comment.
const Y = 2022;
const at = (monthDay: string, time = '10:00') => new Date(`${Y}-${monthDay}T${time}:00Z`);
const march = { from: `${Y}-03-04`, to: `${Y}-03-31` };
const previous = { from: `${Y}-02-04`, to: `${Y}-03-03` };
const clock = manualClock(new Date(`${Y}-04-01T09:00:00Z`));

let ctx: Awaited<ReturnType<typeof testApp>>;
afterAll(async () => {
  await ctx?.app.close();
  await own?.close();
});
let manager: Actor;
let dA: string;
let dB: string;
let lA: string;
let lB: string;
let slug: string;
let people: Record<'ann' | 'bob' | 'cas' | 'dan' | 'eve' | 'fay' | 'gus', TestPerson>;

async function buildWorld(db: Queryable) {
  dA = unique('Sales');
  dB = unique('Ops');
  lA = unique('Utrecht');
  lB = unique('Osaka');
  const person = async (
    department: string,
    location: string,
    invited: Date,
    activated: Date | null,
    created = new Date(`${Y - 1}-12-01T00:00:00Z`),
  ) => {
    const p = await buildPerson(db, { department, location, timeZone: 'Europe/Amsterdam' });
    await db.query('update people set created_at = $2, invited_at = $3, activated_at = $4 where id = $1', [
      p.id,
      created,
      invited,
      activated,
    ]);
    return p;
  };
  // Activated within 7 days of the invitation: ann (2 days), cas (1), dan (4), fay (5); not bob (19), gus (24).
  people = {
    ann: await person(dA, lA, at('01-01', '00:00'), at('01-03', '00:00')),
    bob: await person(dB, lB, at('01-01', '00:00'), at('01-20', '00:00')),
    cas: await person(dA, lB, at('01-01', '00:00'), at('01-02', '00:00')),
    dan: await person(dB, lA, at('01-28', '00:00'), at('02-01', '00:00')),
    // Eve never signs in: her questions count, she is on no rung.
    eve: await person(dA, lA, at('01-01', '00:00'), null),
    // Fay's account is made in March.
    fay: await person(dB, lA, at('03-05', '00:00'), at('03-10', '00:00'), at('03-05', '00:00')),
    gus: await person(dB, lB, at('01-01', '00:00'), at('01-25', '00:00')),
  };
  const { ann, bob, cas, dan, eve, fay, gus } = people;
  const community = await buildCommunity(db, { members: Object.values(people) });
  slug = community.slug;
  await db.query('update communities set created_at = $2 where id = $1', [
    community.id,
    new Date(`${Y - 1}-12-01T00:00:00Z`),
  ]);
  const act = (who: TestPerson, when: Date, kind: Act) =>
    recordParticipation(db, who.id, community.id, when, kind);
  const thread = async (author: TestPerson, kind: string, when: Date, deleted = false) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into threads (community_id, author_id, kind, title, body_md, body_html, origin, status, created_at,
                            last_activity_at, deleted_at)
       values ($1, $2, $3, 'T', 'b', 'b', 'bottom_up', $4, $5, $5, $6) returning id`,
      [community.id, author.id, kind, kind === 'question' ? 'open' : null, when, deleted ? when : null],
    );
    if (!deleted) await act(author, when, 'create');
    return rows[0]!.id;
  };
  const reply = async (threadId: string, author: TestPerson, when: Date, body: string) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into replies (thread_id, author_id, body_md, body_html, created_at) values ($1, $2, $3, $3, $4)
       returning id`,
      [threadId, author.id, body, when],
    );
    await act(author, when, 'reply');
    return rows[0]!.id;
  };
  const react = async (threadId: string, by: TestPerson, when: Date) => {
    await db.query(
      `insert into thread_reactions (thread_id, person_id, kind, created_at) values ($1, $2, 'like', $3)`,
      [threadId, by.id, when],
    );
    await act(by, when, 'react');
  };
  const praise = async (giver: TestPerson, when: Date, praised: TestPerson[], deleted = false) => {
    const id = await thread(giver, 'praise', when, deleted);
    for (const p of praised) {
      await db.query('insert into praise_recipients (thread_id, person_id) values ($1, $2)', [id, p.id]);
    }
    return id;
  };
  const long = 'Ask the service desk, they know';

  // The previous period: ann only reads, bob starts a thread, cas replies to it, dan reacts to it.
  await insertRead(db, ann.id, at('02-10'));
  const feb = await thread(bob, 'discussion', at('02-12'));
  await reply(feb, cas, at('02-15'), 'Good to know');
  await react(feb, dan, at('02-20'));
  // Q4: eve asks on Friday 25 February 11:00 her time; bob answers on Saturday 5 March.
  const q4 = await thread(eve, 'question', at('02-25'));
  await reply(q4, bob, at('03-05', '09:00'), long);

  // March. Praise: 4 posts, 3 people praised (bob, cas, ann), 2 givers (ann, bob); cas's is deleted.
  const kudos = await praise(ann, at('03-05'), [bob, cas]);
  await praise(ann, at('03-06'), [bob]);
  await praise(bob, at('03-07'), [ann]);
  await praise(cas, at('03-08'), [dan], true);
  await praise(ann, at('03-09'), [bob]);
  // Q1: ann asks on Thursday 10 March at 18:00 her time; "+1" from bob, her own note, then bob's answer on Friday
  // at 10:00 her time: 16 hours on the clock, 60 office minutes.
  const q1 = await thread(ann, 'question', at('03-10', '17:00'));
  await reply(q1, bob, at('03-10', '17:05'), '+1');
  await reply(q1, ann, at('03-10', '17:10'), 'I have looked in the wiki already');
  await reply(q1, bob, at('03-11', '09:00'), long);
  await react(q1, cas, at('03-12'));
  // Q2: eve asks on Monday 14 March at 11:00 her time; ann's two words are accepted 40 minutes later.
  const q2 = await thread(eve, 'question', at('03-14'));
  const short = await reply(q2, ann, at('03-14', '10:20'), 'Use VPN');
  await db.query(
    `update threads set accepted_reply_id = $2, accepted_at = $3, status = 'answered' where id = $1`,
    [q2, short, at('03-14', '11:00')],
  );
  // Q3: eve asks on Sunday 20 March; a "+1" is all she gets.
  const q3 = await thread(eve, 'question', at('03-20'));
  await reply(q3, ann, at('03-20', '10:30'), 'Me too');
  await reply(kudos, gus, at('03-16'), 'Well deserved');
  // Readers: dan and fay only read; ann reads too, but she is a creator.
  await insertRead(db, dan.id, at('03-12'));
  await insertRead(db, dan.id, at('03-13'));
  await insertRead(db, fay.id, at('03-15'));
  await insertRead(db, ann.id, at('03-11'));
}

// A database of its own: its figures are the whole organisation's, so no other file's people may be in it.
let own: Awaited<ReturnType<typeof ownTestDatabase>>;
beforeAll(async () => {
  own = await ownTestDatabase();
  ctx = await testApp({ clock, db: own.db });
  // Figures of a small world, each worked out by hand: the smallest group size (every file that sets it sets 1).
  await setMinimumGroup(ctx.db.pool, 1);
  manager = await actor(ctx.app, ctx.db.pool, { role: 'community_manager' });
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
const all = (c: Scorecard) => [...c.conditions.flatMap((x) => x.figures), ...c.benefits.figures];
const pick = (c: Scorecard, ids: string[]) =>
  Object.fromEntries(
    all(c)
      .filter((f) => ids.includes(f.id))
      .map((f) => [f.id, [f.value, f.previous]]),
  );

const LADDER = ['ladderReaders', 'ladderReactors', 'ladderRepliers', 'ladderCreators', 'activatedIn7Days'];
const PRAISE = ['praisePer100', 'praiseGiversPer100'];
const ANSWERS = [
  'medianMinutesToFirstAnswer',
  'medianBusinessMinutesToFirstAnswer',
  'answerRate',
  'bestAnswerRate',
  'questionsAsked',
  'questionsAnsweredAcross',
  'unansweredBacklog',
  'backlogMedianAgeDays',
  'answersFromOutside',
];

describe('the participation ladder and the funnel step "activated within 7 days"', () => {
  it('puts everyone on their highest rung, in March and in the period before, under each filter', async () => {
    // March: dan, fay read; cas reacted; gus replied; ann and bob started threads. Before: ann read, dan reacted,
    // cas replied, bob started a thread. Eve is never counted. Within 7 days: ann, cas, dan, fay (before: not fay).
    const everyone = {
      ladderReaders: [2, 1],
      ladderReactors: [1, 1],
      ladderRepliers: [1, 1],
      ladderCreators: [2, 1],
      activatedIn7Days: [4, 3],
    };
    // The ladder is a person's, not a community's: the community filter leaves it as it is.
    expect(pick(await card({ community: slug }), LADDER)).toEqual(everyone);
    expect(pick(await card({ department: dA }), LADDER)).toEqual({
      ladderReaders: [0, 1],
      ladderReactors: [1, 0],
      ladderRepliers: [0, 1],
      ladderCreators: [1, 0],
      activatedIn7Days: [2, 2],
    });
    expect(pick(await card({ department: dB }), LADDER)).toEqual({
      ladderReaders: [2, 0],
      ladderReactors: [0, 1],
      ladderRepliers: [1, 0],
      ladderCreators: [1, 1],
      activatedIn7Days: [2, 1],
    });
    expect(pick(await card({ location: lA }), LADDER)).toEqual({
      ladderReaders: [2, 1],
      ladderReactors: [0, 1],
      ladderRepliers: [0, 0],
      ladderCreators: [1, 0],
      activatedIn7Days: [3, 2],
    });
    expect(pick(await card({ department: dB, location: lB }), LADDER)).toEqual({
      ladderReaders: [0, 0],
      ladderReactors: [0, 0],
      ladderRepliers: [1, 0],
      ladderCreators: [1, 1],
      activatedIn7Days: [0, 0],
    });
  });

  it('records a reader once a day when they open a thread, after the page has its answer', async () => {
    const reader = await actor(ctx.app, ctx.db.pool);
    const open = await buildCommunity(ctx.db.pool, { members: [reader] });
    const { rows } = await ctx.db.pool.query<{ id: string }>(
      `insert into threads (community_id, author_id, kind, title, body_md, body_html, origin)
       values ($1, $2, 'discussion', 'T', 'b', 'b', 'bottom_up') returning id`,
      [open.id, reader.id],
    );
    const days = async () =>
      (
        await ctx.db.pool.query<{ day: string }>(
          `select to_char(day, 'YYYY-MM-DD') as day from person_read_days where person_id = $1`,
          [reader.id],
        )
      ).rows.map((r) => r.day);
    expect(await days()).toEqual([]);
    for (let i = 0; i < 2; i++) {
      expect((await reader.api.get(`/api/v1/threads/${rows[0]!.id}`)).statusCode).toBe(200);
    }
    // Written after the response: wait for it, then make sure the second read added nothing.
    await expect.poll(days).toEqual([`${Y}-04-01`]);
    // A thread the viewer may not see is no read: the read is recorded only once the thread is served.
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret' });
    const stranger = await actor(ctx.app, ctx.db.pool);
    const other = await actor(ctx.app, ctx.db.pool);
    const hidden = await ctx.db.pool.query<{ id: string }>(
      `insert into threads (community_id, author_id, kind, title, body_md, body_html, origin)
       values ($1, $2, 'discussion', 'T', 'b', 'b', 'bottom_up') returning id`,
      [secret.id, reader.id],
    );
    expect((await stranger.api.get(`/api/v1/threads/${hidden.rows[0]!.id}`)).statusCode).toBe(404);
    expect((await other.api.get(`/api/v1/threads/${rows[0]!.id}`)).statusCode).toBe(200);
    const readsOf = async (p: Actor) =>
      (await ctx.db.pool.query('select 1 from person_read_days where person_id = $1', [p.id])).rowCount;
    await expect.poll(() => readsOf(other)).toBe(1);
    expect(await readsOf(stranger)).toBe(0);
  });
});

describe('praise counts people, not posts', () => {
  it('counts distinct people praised and distinct givers per 100 monthly active people, under each filter', async () => {
    // March: 4 live praise posts, 3 people praised, 2 givers; monthly active: ann, bob, cas, gus (dan and fay
    // only read). Before: no praise, 3 active (bob, cas, dan).
    expect(pick(await card({ community: slug }), PRAISE)).toEqual({
      praisePer100: [75, 0],
      praiseGiversPer100: [50, 0],
    });
    // By the giver's department: ann praised bob and cas; active in it: ann and cas (before: cas).
    expect(pick(await card({ department: dA }), PRAISE)).toEqual({
      praisePer100: [100, 0],
      praiseGiversPer100: [50, 0],
    });
    // Bob praised ann; active: bob and gus (before: bob and dan).
    expect(pick(await card({ department: dB }), PRAISE)).toEqual({
      praisePer100: [50, 0],
      praiseGiversPer100: [50, 0],
    });
    // Community and department: ann's praise against ann and cas.
    expect(pick(await card({ community: slug, department: dA }), PRAISE)).toEqual({
      praisePer100: [100, 0],
      praiseGiversPer100: [50, 0],
    });
  });
});

describe('answers: more than a "+1", in clock and office minutes, and the answers view', () => {
  it('counts an answer only from someone else, with enough words or accepted; a backlog with its age', async () => {
    // March: Q1 answered after 960 clock / 60 office minutes, across departments; Q2 after 20 / 20 (accepted, two
    // words, same department); Q3 only got "Me too". Before: Q4, answered on a Saturday after 11,460 clock minutes,
    // 3,120 office minutes (Friday 11:00–18:00 and five full days). Waiting at the end: Q3 (11 days 14 hours), and
    // on 3 March Q4 (6 days 14 hours). Answers given in March: bob's two (across), ann's one.
    const expected = {
      medianMinutesToFirstAnswer: [490, 11_460],
      medianBusinessMinutesToFirstAnswer: [40, 3_120],
      answerRate: [66.7, 100],
      bestAnswerRate: [33.3, 0],
      questionsAsked: [3, 1],
      questionsAnsweredAcross: [50, 100],
      unansweredBacklog: [1, 1],
      backlogMedianAgeDays: [11.6, 6.6],
      answersFromOutside: [66.7, null],
    };
    const c = await card({ community: slug });
    expect(pick(c, ANSWERS)).toEqual(expected);
    expect(c.benefits.details?.topAnswerers).toEqual([
      { handle: people.bob.handle, name: people.bob.name, answers: 2 },
      { handle: people.ann.handle, name: people.ann.name, answers: 1 },
    ]);
    // Every asker is in department A and location A: the same figures there, none in B.
    expect(pick(await card({ department: dA }), ANSWERS)).toEqual(expected);
    expect(pick(await card({ location: lA, community: slug }), ANSWERS)).toEqual(expected);
    const none = await card({ department: dB });
    expect(pick(none, ANSWERS)).toEqual({
      medianMinutesToFirstAnswer: [null, null],
      medianBusinessMinutesToFirstAnswer: [null, null],
      answerRate: [null, null],
      bestAnswerRate: [null, null],
      questionsAsked: [0, 0],
      questionsAnsweredAcross: [null, null],
      unansweredBacklog: [0, 0],
      backlogMedianAgeDays: [null, null],
      answersFromOutside: [null, null],
    });
    expect(none.benefits.details?.topAnswerers).toEqual([]);
  });
});

describe('previous = asked directly', () => {
  it("gives as previous what a request for the previous period gives, for this file's figures", async () => {
    const ids = [...LADDER, ...PRAISE, ...ANSWERS];
    const filters: Record<string, string>[] = [
      { community: slug },
      { department: dA },
      { department: dB },
      { location: lA },
    ];
    for (const filter of filters) {
      const current = pick(await card(filter), ids);
      const direct = pick(await card(filter, previous), ids);
      for (const id of ids)
        expect(current[id]![1], `${id} ${JSON.stringify(filter)}`).toEqual(direct[id]![0]);
    }
  });
});

describe('enough people: invite advice for either kind', () => {
  it('advises a general community with 5 to 24 active people to invite, one with fewer to merge', async () => {
    const db = ctx.db.pool;
    // Active in March: 6 in one general community, 4 in another (threshold 250 each), 6 in a specialist one (25).
    const community = async (kind: 'general' | 'specialist', threshold: number, active: number) => {
      const members = await Promise.all(Array.from({ length: active }, () => buildPerson(db)));
      const c = await buildCommunity(db, { members });
      await db.query(
        'update communities set kind = $2, viability_threshold = $3, created_at = $4 where id = $1',
        [c.id, kind, threshold, new Date(`${Y - 1}-12-01T00:00:00Z`)],
      );
      for (const m of members) await recordParticipation(db, m.id, c.id, at('03-20'), 'react');
      return c.slug;
    };
    const lively = await community('general', 250, 6);
    const tiny = await community('general', 250, 4);
    const specialist = await community('specialist', 25, 6);
    await rebuildAnalytics(db, new Date(`${Y}-04-01T00:00:00Z`));
    const advice = async (slug: string) => {
      const enough = (await card({ community: slug })).conditions.find((c) => c.id === 'enough_people')!;
      return [enough.details.belowThreshold?.[0]?.suggestion, enough.recommendations[0]?.id];
    };
    expect(await advice(lively)).toEqual(['invite', 'communityBelow.invite']);
    expect(await advice(tiny)).toEqual(['merge', 'communityBelow.merge']);
    expect(await advice(specialist)).toEqual(['invite', 'communityBelow.invite']);
  });
});
