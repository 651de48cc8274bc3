import { beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, buildPerson, type TestPerson } from '../../test/factories.js';
import { testDatabase } from '../../test/harness.js';
import { goalsHelpedBy } from './contributions.js';
import { acceptAt, makeGoal, replyAt, threadAt } from './testing.js';

const now = new Date('2026-03-12T12:00:00Z');
const minutesAfter = (start: Date, minutes: number) => new Date(start.getTime() + minutes * 60_000);
const asked = new Date('2026-03-10T09:00:00Z');

let db: Awaited<ReturnType<typeof testDatabase>>['pool'];
let helper: TestPerson;
let other: TestPerson;
let late: TestPerson;
let answerer: TestPerson;
let viewer: TestPerson;
let secretMember: TestPerson;
const goals: Record<string, string> = {};

/**
 * Plain minutes, target 60, met at 50%:
 *  met      QA helper 10 min (hit), QB other 30 (hit), QC late 120 (miss)     → 2/3: met
 *  notMet   QD helper 10 (hit), QE other 120, QF other 200                    → 1/3: not met
 *  answers  (resolution_time) QG answered by `answerer`, accepted after 20    → 1/1: met
 *  secret   in a secret community: QH helper 10 (hit)                        → met, for members only
 *  archived met like `met`, but archived                                       → never listed
 */
beforeAll(async () => {
  db = (await testDatabase()).pool;
  const owner = await buildPerson(db, { leader: true });
  const asker = await buildPerson(db);
  helper = await buildPerson(db);
  other = await buildPerson(db);
  late = await buildPerson(db);
  answerer = await buildPerson(db);
  viewer = await buildPerson(db);
  secretMember = await buildPerson(db);
  const community = await buildCommunity(db);
  const secret = await buildCommunity(db, { visibility: 'secret', members: [asker, helper, secretMember] });
  const question = async (goal: { id: string }, by: TestPerson, after: number, where = community) => {
    const thread = await threadAt(db, { author: asker, community: where, at: asked, goal });
    return { thread, reply: await replyAt(db, { thread, author: by, at: minutesAfter(asked, after) }) };
  };
  const goal = async (
    name: string,
    kpi: 'first_response_time' | 'resolution_time' = 'first_response_time',
  ) => {
    const made = await makeGoal(db, {
      owner,
      kpi,
      target: 60,
      attainmentTarget: 50,
      archived: name === 'archived',
    });
    goals[name] = made.id;
    return made;
  };

  const met = await goal('met');
  await question(met, helper, 10);
  await question(met, other, 30);
  await question(met, late, 120);
  const notMet = await goal('notMet');
  await question(notMet, helper, 10);
  await question(notMet, other, 120);
  await question(notMet, other, 200);
  const answers = await goal('answers', 'resolution_time');
  const g = await question(answers, answerer, 5);
  await acceptAt(db, g.thread, g.reply, minutesAfter(asked, 20));
  await question(await goal('secret'), helper, 10, secret);
  const archived = await goal('archived');
  await question(archived, helper, 10);
});

const names = (list: { id: string }[]) =>
  list.map((goal) => Object.entries(goals).find(([, id]) => id === goal.id)?.[0]).sort();

describe('goalsHelpedBy', () => {
  it('lists the met goals where the person gave an in-target first response', async () => {
    expect(names(await goalsHelpedBy(db, helper.id, viewer.id, now))).toEqual(['met']);
    expect(names(await goalsHelpedBy(db, other.id, viewer.id, now))).toEqual(['met']);
  });

  it('does not count a late first response', async () => {
    expect(await goalsHelpedBy(db, late.id, viewer.id, now)).toEqual([]);
  });

  it('counts an accepted answer', async () => {
    const list = await goalsHelpedBy(db, answerer.id, viewer.id, now);
    expect(list).toEqual([
      { id: goals.answers, name: expect.any(String), kpi: 'resolution_time', actual: 100, target: 50 },
    ]);
  });

  it('shows goals met through secret content only to members of that community', async () => {
    expect(names(await goalsHelpedBy(db, helper.id, secretMember.id, now))).toEqual(['met', 'secret']);
  });

  it('counts only the last 28 days', async () => {
    const later = new Date(asked.getTime() + 29 * 86_400_000);
    expect(await goalsHelpedBy(db, helper.id, viewer.id, later)).toEqual([]);
  });
});
