import { beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../platform/db/database.js';
import { OFFICE_HOURS } from '../../platform/time/business-hours.js';
import { buildCommunity, buildPerson, type TestPerson, type TestThread } from '../../test/factories.js';
import { testDatabase } from '../../test/harness.js';
import { goalQuestions } from '../analytics/repository.js';
import { refreshQuestions } from '../analytics/rollup-repository.js';
import { goalKpi, goalKpiWeeks, type KpiGoal, kpiFigures } from './kpi.js';
import { acceptAt, makeGoal, replyAt, statusAt, threadAt } from './testing.js';

/**
 * One constructed week of questions with the right answers worked out by hand (Amsterdam is UTC+1 and New York
 * UTC−4 in this week of March 2026). Calendar 09:00–18:00 Mon–Fri in the asker's zone, target 60 minutes.
 *
 *  Q1  Fri 06 Mar 17:55 AMS, first response Mon 09:05 AMS        → 10 business minutes: hit (clock: miss)
 *  Q2  Mon 09 Mar 10:00 AMS, asker replies 10:05, other 11:30    → 90: missed (the asker's reply does not count)
 *  Q3  Tue 10 Mar 10:00 AMS, reply 10:10 deleted, other 11:30    → 90: missed (the deleted one does not count)
 *  Q4  Tue 10 Mar 17:30 NY (asker in New York), reply Wed 09:20 NY → 30 + 20 = 50: hit (in Amsterdam hours: 320)
 *  Q5  Thu 12 Mar 09:00 AMS, unanswered, now 09:30               → waiting 30 ≤ 60: pending, not counted
 *  Q6  Wed 11 Mar 09:00 AMS, unanswered                          → waiting 540 + 30 = 570: missed
 *  Q10 Wed 11 Mar 14:00 AMS, only the asker replied              → waiting 240 + 30 = 270: missed
 *  Q7  in a secret community, Mon 09 Mar 10:00, reply 10:20      → 20: hit, only for its members
 *  Q8  removed thread; Q9 asked 1 Feb, before the 28 days; a discussion: none of them count.
 */
const now = new Date('2026-03-12T08:30:00Z');
const period = { from: new Date(now.getTime() - 28 * 86_400_000), to: now };
const at = (iso: string) => new Date(iso);

let db: Awaited<ReturnType<typeof testDatabase>>['pool'];
let goal: KpiGoal;
let outsider: TestPerson;
let secretMember: TestPerson;
const q: Record<string, TestThread> = {};

beforeAll(async () => {
  db = (await testDatabase()).pool;
  const owner = await buildPerson(db, { leader: true });
  const asker = await buildPerson(db, { timeZone: 'Europe/Amsterdam' });
  const newYorker = await buildPerson(db, { timeZone: 'America/New_York' });
  const helper = await buildPerson(db);
  outsider = await buildPerson(db);
  secretMember = await buildPerson(db);
  const community = await buildCommunity(db);
  const secret = await buildCommunity(db, { visibility: 'secret', members: [asker, helper, secretMember] });
  const row = await makeGoal(db, { owner, target: 60, attainmentTarget: 80, calendar: OFFICE_HOURS });
  goal = { id: row.id, kpi: 'first_response_time', target: 60, attainmentTarget: 80, calendar: OFFICE_HOURS };
  const ask = (name: string, when: string, by = asker, where = community) =>
    threadAt(db, { author: by, community: where, at: at(when), goal: row }).then((t) => {
      q[name] = t;
      return t;
    });

  const q1 = await ask('Q1', '2026-03-06T16:55:00Z');
  const r1 = await replyAt(db, { thread: q1, author: helper, at: at('2026-03-09T08:05:00Z') });
  await acceptAt(db, q1, r1, at('2026-03-09T08:30:00Z'));
  const q2 = await ask('Q2', '2026-03-09T09:00:00Z');
  await replyAt(db, { thread: q2, author: asker, at: at('2026-03-09T09:05:00Z') });
  const r2 = await replyAt(db, { thread: q2, author: helper, at: at('2026-03-09T10:30:00Z') });
  await acceptAt(db, q2, r2, at('2026-03-09T11:30:00Z'));
  const q3 = await ask('Q3', '2026-03-10T09:00:00Z');
  await replyAt(db, { thread: q3, author: helper, at: at('2026-03-10T09:10:00Z'), deleted: true });
  await replyAt(db, { thread: q3, author: helper, at: at('2026-03-10T10:30:00Z') });
  const q4 = await ask('Q4', '2026-03-10T21:30:00Z', newYorker);
  await replyAt(db, { thread: q4, author: helper, at: at('2026-03-11T13:20:00Z') });
  await ask('Q5', '2026-03-12T08:00:00Z');
  await ask('Q6', '2026-03-11T08:00:00Z');
  const q10 = await ask('Q10', '2026-03-11T13:00:00Z');
  await replyAt(db, { thread: q10, author: asker, at: at('2026-03-11T13:10:00Z') });
  const q7 = await ask('Q7', '2026-03-09T09:00:00Z', asker, secret);
  await replyAt(db, { thread: q7, author: helper, at: at('2026-03-09T09:20:00Z') });

  const q8 = await ask('Q8', '2026-03-10T09:00:00Z');
  await db.query('update threads set deleted_at = $2 where id = $1', [q8.id, now]);
  await ask('Q9', '2026-02-01T09:00:00Z');
  const talk = await threadAt(db, {
    author: asker,
    community,
    at: at('2026-03-10T09:00:00Z'),
    goal: row,
    kind: 'discussion',
  });
  q.talk = talk;
});

const options = () => ({ viewerId: outsider.id, now });

describe('first_response_time', () => {
  it('counts business minutes in the asker’s zone, skipping the asker’s own and deleted replies', async () => {
    expect(await goalKpi(db, goal, period, options())).toEqual({
      from: period.from.toISOString(),
      to: now.toISOString(),
      actual: (2 / 6) * 100,
      target: 80,
      met: false,
      counted: 6,
      hits: 2,
      missed: 4,
      pending: 1,
    });
  });

  it('counts the secret community’s question only for its members', async () => {
    const figure = await goalKpi(db, goal, period, { viewerId: secretMember.id, now });
    expect(figure).toMatchObject({ counted: 7, hits: 3, missed: 4, pending: 1, actual: (3 / 7) * 100 });
  });

  it('counts plain clock minutes without a calendar', async () => {
    const figure = await goalKpi(db, { ...goal, calendar: null }, period, options());
    expect(figure).toMatchObject({ counted: 6, hits: 0, missed: 6, pending: 1, actual: 0, met: false });
  });

  it('is met once attainment reaches the attainment target', async () => {
    expect(await goalKpi(db, { ...goal, attainmentTarget: 33 }, period, options())).toMatchObject({
      met: true,
    });
  });
});

describe('resolution_time, answer_rate', () => {
  it('measures to the accepted answer: only Q1 (35 business minutes) is within 60', async () => {
    const figure = await goalKpi(db, { ...goal, kpi: 'resolution_time' }, period, options());
    expect(figure).toMatchObject({ counted: 6, hits: 1, missed: 5, pending: 1, actual: (1 / 6) * 100 });
  });

  it('answer rate: Q1–Q4 have a first response; Q5, Q6 and Q10 (only the asker) do not', async () => {
    const figure = await goalKpi(db, { ...goal, kpi: 'answer_rate', target: 50 }, period, options());
    expect(figure).toMatchObject({ counted: 7, hits: 4, missed: 3, pending: 0, target: 50, met: true });
    expect(figure.actual).toBeCloseTo((4 / 7) * 100, 10);
  });
});

describe('from the scorecard’s question roll-up', () => {
  it('gives each viewer the same figures as the live reading once refreshed', async () => {
    await inTransaction(db, (tx) => refreshQuestions(tx, '2026-03-01'));
    const fromRollup = async (viewer: TestPerson, measured: KpiGoal) => {
      const questions = await goalQuestions(db, [measured.id], period.from, period.to, viewer.id);
      return kpiFigures([measured], period, questions, [], now).get(measured.id);
    };
    for (const measured of [goal, { ...goal, kpi: 'resolution_time' as const }]) {
      for (const viewer of [outsider, secretMember]) {
        expect(await fromRollup(viewer, measured)).toEqual(
          await goalKpi(db, measured, period, { viewerId: viewer.id, now }),
        );
      }
    }
    expect(await fromRollup(outsider, goal)).toMatchObject({ counted: 6, hits: 2, missed: 4, pending: 1 });
    expect(await fromRollup(secretMember, goal)).toMatchObject({ counted: 7, hits: 3 });
  });
});

describe('weekly series', () => {
  it('buckets questions by the ISO week they were asked in; the running week is partial', async () => {
    const weeks = await goalKpiWeeks(db, goal, 3, options());
    expect(
      weeks.map((w) => [w.from, w.counted, w.hits, w.missed, w.pending, w.actual, w.met, w.partial]),
    ).toEqual([
      ['2026-02-23T00:00:00.000Z', 0, 0, 0, 0, null, null, false],
      ['2026-03-02T00:00:00.000Z', 1, 1, 0, 0, 100, true, false],
      ['2026-03-09T00:00:00.000Z', 5, 1, 4, 1, 20, false, true],
    ]);
  });
});

describe('idea_throughput', () => {
  it('counts ideas in the week they first reached done, per week', async () => {
    const owner = await buildPerson(db, { leader: true });
    const author = await buildPerson(db);
    const community = await buildCommunity(db);
    const secret = await buildCommunity(db, { visibility: 'secret', members: [author] });
    const row = await makeGoal(db, { owner, kpi: 'idea_throughput', target: 2 });
    const ideas: KpiGoal = {
      id: row.id,
      kpi: 'idea_throughput',
      target: 2,
      attainmentTarget: 80,
      calendar: null,
    };
    const idea = (where = community) =>
      threadAt(db, { author, community: where, at: at('2025-12-01T09:00:00Z'), goal: row, kind: 'idea' });
    await statusAt(db, await idea(), owner, 'done', at('2026-03-03T10:00:00Z'));
    await statusAt(db, await idea(), owner, 'done', at('2026-03-10T10:00:00Z'));
    const twice = await idea();
    await statusAt(db, twice, owner, 'done', at('2026-03-11T10:00:00Z'));
    await statusAt(db, twice, owner, 'planned', at('2026-03-11T11:00:00Z'));
    await statusAt(db, twice, owner, 'done', at('2026-03-12T08:00:00Z'));
    await statusAt(db, await idea(), owner, 'done', at('2026-01-01T10:00:00Z'));
    await statusAt(db, await idea(secret), owner, 'done', at('2026-03-10T10:00:00Z'));
    await statusAt(db, await idea(), owner, 'planned', at('2026-03-10T10:00:00Z'));

    expect(await goalKpi(db, ideas, period, options())).toMatchObject({
      counted: 3,
      actual: 0.75,
      met: false,
    });
    expect(await goalKpi(db, ideas, period, { viewerId: author.id, now })).toMatchObject({
      counted: 4,
      actual: 1,
    });
    const weeks = await goalKpiWeeks(db, ideas, 3, options());
    expect(weeks.map((w) => [w.counted, w.actual, w.met])).toEqual([
      [0, 0, false],
      [1, 1, false],
      [2, 2, true],
    ]);
  });
});
