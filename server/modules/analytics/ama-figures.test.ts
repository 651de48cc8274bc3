import { beforeAll, describe, expect, it } from 'vitest';
import type { Scorecard } from '../../../contract/analytics.js';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, buildPerson, buildThread, type TestPerson, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor } from '../threads/testing.js';
import { rebuildAnalytics, refreshAnalytics } from './refresh.js';
import { setMinimumGroup } from './testing.js';

// A year no other file uses, and earlier than theirs: a refresh at this clock starts a week before it whatever
// another file's rebuild left as the watermark (refreshAnalytics takes the earlier of the two).
const YEAR = 2009;
const at = (day: string, time = '10:00') => new Date(`${YEAR}-${day}T${time}:00Z`);
const PERIOD = { from: `${YEAR}-03-04`, to: `${YEAR}-03-31` };
const PREVIOUS = { from: `${YEAR}-02-04`, to: `${YEAR}-03-03` };

type Question = { by: TestPerson; asked: Date; answeredAt?: Date; id?: string };
type Ama = {
  community: 'here' | 'elsewhere';
  host: TestPerson;
  starts: Date;
  ends: Date;
  deleted?: boolean;
  questions: Question[];
  threadId?: string;
};

let ctx: Awaited<ReturnType<typeof testApp>>;
let manager: Actor;
let people: Record<'leader' | 'admin' | 'ann' | 'bob', TestPerson & { department: string }>;
let here: Awaited<ReturnType<typeof buildCommunity>>;
let elsewhere: Awaited<ReturnType<typeof buildCommunity>>;
let amas: Ama[];
const clock = manualClock(at('04-01', '09:00'));

async function store(ama: Ama) {
  const thread = await buildThread(ctx.db.pool, {
    author: ama.host,
    community: ama.community === 'here' ? here : elsewhere,
    kind: 'ama',
    lastActivityAt: new Date(ama.starts.getTime() - 7 * 86_400_000),
  });
  ama.threadId = thread.id;
  await ctx.db.pool.query('insert into amas (thread_id, starts_at, ends_at) values ($1, $2, $3)', [
    thread.id,
    ama.starts,
    ama.ends,
  ]);
  if (ama.deleted)
    await ctx.db.pool.query('update threads set deleted_at = now() where id = $1', [thread.id]);
  for (const question of ama.questions) await ask(ama, question);
}

async function ask(ama: Ama, question: Question) {
  const { rows } = await ctx.db.pool.query<{ id: string }>(
    `insert into ama_questions (thread_id, author_id, body, created_at, answer_md, answer_html, answered_by, answered_at)
     values ($1, $2, 'Why?', $3, $4, $4, $5, $6) returning id::text`,
    [
      ama.threadId,
      question.by.id,
      question.asked,
      question.answeredAt ? 'Because.' : null,
      question.answeredAt ? ama.host.id : null,
      question.answeredAt ?? null,
    ],
  );
  question.id = rows[0]!.id;
}

async function answer(ama: Ama, question: Question, when: Date) {
  question.answeredAt = when;
  await ctx.db.pool.query(
    `update ama_questions set answer_md = 'Later.', answer_html = 'Later.', answered_by = $2, answered_at = $3
      where id = $1`,
    [question.id, ama.host.id, when],
  );
}

/** The three figures worked out from the data above, the way ANALYTICS.md defines them. */
function expected(
  filter: { community?: boolean; department?: string },
  period: { from: string; to: string },
) {
  const start = new Date(`${period.from}T00:00:00Z`);
  const end = new Date(new Date(`${period.to}T00:00:00Z`).getTime() + 86_400_000);
  const within = (d: Date | undefined) => d !== undefined && d >= start && d < end;
  const dept = (p: TestPerson) => Object.values(people).find((x) => x.id === p.id)!.department;
  const live = amas.filter((a) => !a.deleted && (!filter.community || a.community === 'here'));
  const rows = live.flatMap((a) => a.questions.map((q) => ({ ama: a, q })));
  const askedBy = (r: (typeof rows)[number]) => !filter.department || dept(r.q.by) === filter.department;
  const closed = rows.filter((r) => within(r.ama.ends) && askedBy(r));
  const answered = closed.filter((r) => r.q.answeredAt !== undefined);
  const share = (n: number) => (closed.length ? Math.round((n * 1000) / closed.length) / 10 : null);
  return {
    amaQuestions: rows.filter((r) => within(r.q.asked) && askedBy(r)).length,
    amaAnsweredShare: share(answered.length),
    amaLeaderAnsweredShare: share(answered.filter((r) => r.ama.host.id === people.leader.id).length),
    leaderAmaAnswers: rows.filter(
      (r) =>
        within(r.q.answeredAt) &&
        r.ama.host.id === people.leader.id &&
        (!filter.department || people.leader.department === filter.department),
    ).length,
  };
}

async function strategicCondition(query: Record<string, string>) {
  const search = new URLSearchParams({ from: PERIOD.from, to: PERIOD.to, ...query });
  const response = await manager.api.get(`/api/v1/analytics/scorecard?${search}`);
  expect(response.statusCode, response.body).toBe(200);
  const card: Scorecard = response.json();
  return card.conditions.find((c) => c.id === 'strategic')!;
}

const status = async (query: Record<string, string>) => (await strategicCondition(query)).status;

async function figures(query: Record<string, string>) {
  const strategic = await strategicCondition(query);
  const pick = (id: string) => strategic.figures.find((f) => f.id === id)!;
  return Object.fromEntries(
    ['amaQuestions', 'amaAnsweredShare', 'amaLeaderAnsweredShare', 'leaderAmaAnswers'].map((id) => [
      id,
      [pick(id).value, pick(id).previous],
    ]),
  );
}

function both(filter: { community?: boolean; department?: string }) {
  const now = expected(filter, PERIOD);
  const before = expected(filter, PREVIOUS);
  return Object.fromEntries(
    Object.keys(now).map((id) => [id, [now[id as keyof typeof now], before[id as keyof typeof before]]]),
  );
}

const cards = async () => ({
  community: await figures({ community: here.slug }),
  askers: await figures({ department: people.ann.department }),
  leaders: await figures({ department: people.leader.department }),
});
const expectations = () => ({
  community: both({ community: true }),
  askers: both({ department: people.ann.department }),
  leaders: both({ department: people.leader.department }),
});

beforeAll(async () => {
  ctx = await testApp({ clock });
  // Figures of a small world, each worked out by hand: the smallest group size (every file that sets it sets 1).
  await setMinimumGroup(ctx.db.pool, 1);
  manager = await actor(ctx.app, ctx.db.pool, { role: 'community_manager' });
  const person = async (options: Parameters<typeof buildPerson>[1]) => {
    const department = unique('Dept');
    return { ...(await buildPerson(ctx.db.pool, { ...options, department })), department };
  };
  people = {
    leader: await person({ leader: true }),
    // An admin may host an AMA too; their answers are not a leader's.
    admin: await person({ role: 'admin' }),
    ann: await person({}),
    bob: await person({}),
  };
  here = await buildCommunity(ctx.db.pool, { members: Object.values(people) });
  elsewhere = await buildCommunity(ctx.db.pool, { members: Object.values(people) });
  const { leader, admin, ann, bob } = people;
  amas = [
    // Ended in the period: 3 of 4 answered, one question asked before the period began.
    {
      community: 'here',
      host: leader,
      starts: at('03-05'),
      ends: at('03-12'),
      questions: [
        { by: ann, asked: at('03-02'), answeredAt: at('03-06') },
        { by: bob, asked: at('03-03'), answeredAt: at('03-08') },
        { by: ann, asked: at('03-04') },
        { by: bob, asked: at('03-06'), answeredAt: at('03-07') },
      ],
    },
    // Ended in the previous period: 1 of 2 answered.
    {
      community: 'here',
      host: leader,
      starts: at('02-15'),
      ends: at('02-20'),
      questions: [
        { by: ann, asked: at('02-10'), answeredAt: at('02-16') },
        { by: bob, asked: at('02-11') },
      ],
    },
    {
      community: 'here',
      host: admin,
      starts: at('03-20'),
      ends: at('03-25'),
      questions: [
        { by: ann, asked: at('03-15'), answeredAt: at('03-21') },
        { by: bob, asked: at('03-16') },
      ],
    },
    // Removed: counts nowhere.
    {
      community: 'here',
      host: leader,
      starts: at('03-10'),
      ends: at('03-15'),
      deleted: true,
      questions: [{ by: ann, asked: at('03-08'), answeredAt: at('03-11') }],
    },
    // Another community: not under the community filter.
    {
      community: 'elsewhere',
      host: leader,
      starts: at('03-10'),
      ends: at('03-14'),
      questions: [{ by: ann, asked: at('03-09'), answeredAt: at('03-10') }],
    },
    // Elsewhere, opened by the admin, ended in the period: none of bob's three questions answered.
    {
      community: 'elsewhere',
      host: admin,
      starts: at('03-16'),
      ends: at('03-20'),
      questions: [
        { by: bob, asked: at('03-16') },
        { by: bob, asked: at('03-17') },
        { by: bob, asked: at('03-18') },
      ],
    },
    // Still running at the period's end.
    {
      community: 'here',
      host: leader,
      starts: at('03-28'),
      ends: at('04-05'),
      questions: [{ by: ann, asked: at('03-26') }],
    },
  ];
  for (const ama of amas) await store(ama);
  await rebuildAnalytics(ctx.db.pool, at('04-01', '09:00'));
});

describe('AMA figures in condition 1 (the scorecard)', () => {
  it('counts questions, the share answered of ended AMAs and leaders’ answers, each against the period before', async () => {
    const want = expectations();
    // The sums worked out above, stated once so the rule in expected() cannot drift unnoticed.
    expect(want.community).toEqual({
      amaQuestions: [5, 4],
      amaAnsweredShare: [66.7, 50],
      // The leader answered 3 of the 6 questions of AMAs ended in March (the admin the fourth), 1 of 2 in February.
      amaLeaderAnsweredShare: [50, 50],
      leaderAmaAnswers: [3, 1],
    });
    expect(await cards()).toEqual(want);
  });

  it('judges condition 1 by the two AMA shares (docs/ANALYTICS.md: answered ≥ 70 / < 40, by leaders ≥ 50 / < 20)', async () => {
    // Ann and bob started no thread and nothing in this year is on a theme or a loop: the AMA rules alone decide.
    // Ann asked 4 questions of ended AMAs: 3 answered (75%, on track), 2 of them by the leader (50%, on track).
    expect(await status({ department: people.ann.department })).toBe('on_track');
    // Bob asked 6: 2 answered (33.3%, off track), both by the leader (33.3%, at risk): the worst is off track.
    expect(await status({ department: people.bob.department })).toBe('off_track');
  });

  it('gives, after a tick, the same figures as a full rebuild: late answers, new questions, a removed AMA', async () => {
    const db = ctx.db.pool;
    const [, , hosted, , , , running] = amas;
    await answer(running!, running!.questions[0]!, at('03-29'));
    const late: Question = { by: people.bob, asked: at('03-30') };
    running!.questions.push(late);
    await ask(running!, late);
    // The admin's AMA is older than the look-back: its removal is caught all the same.
    hosted!.deleted = true;
    await db.query('update threads set deleted_at = $2 where id = $1', [
      hosted!.threadId,
      at('04-01', '11:00'),
    ]);

    await refreshAnalytics(db, at('04-01', '12:00'));
    const ticked = await cards();
    expect(ticked).toEqual(expectations());
    expect(ticked.community).toEqual({
      amaQuestions: [4, 4],
      amaAnsweredShare: [75, 50],
      amaLeaderAnsweredShare: [75, 50],
      leaderAmaAnswers: [4, 1],
    });

    // Without the admin's AMA: ann 2 of 3 answered (66.7%, at risk), both by the leader (66.7%); bob 2 of 5 (40%,
    // at risk: off track is below 40), both by the leader (40%, at risk).
    expect(await status({ department: people.ann.department })).toBe('at_risk');
    expect(await status({ department: people.bob.department })).toBe('at_risk');

    await rebuildAnalytics(db, at('04-01', '12:00'));
    expect(await cards()).toEqual(ticked);
  });
});
