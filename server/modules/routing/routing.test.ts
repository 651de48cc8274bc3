import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, buildThread, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor, expectRejected, notificationsOf } from '../threads/testing.js';
import { ROUTING, routeWaitingQuestions } from './service.js';

const clock = manualClock();
let ctx: Awaited<ReturnType<typeof testApp>>;
const person = (overrides: Parameters<typeof actor>[2] = {}) => actor(ctx.app, ctx.db.pool, overrides);
// Letters only, so a title word matches the skill exactly.
const topicWord = () =>
  unique('topic').replace(/[0-9-]/g, (c) => (c === '-' ? '' : 'ghijklmnop'[Number(c)]!));

beforeAll(async () => {
  ctx = await testApp({ clock });
});

const routedTo = async (threadId: string) =>
  (
    await ctx.db.pool.query<{ person_id: string }>(
      'select person_id from question_routings where thread_id = $1 order by person_id',
      [threadId],
    )
  ).rows.map((row) => row.person_id);

async function ask(
  asker: Actor,
  word: string,
  at: Date,
  community?: { id: string; slug: string; name: string },
) {
  return buildThread(ctx.db.pool, {
    author: asker,
    community: community ?? null,
    kind: 'question',
    title: `Hoe werkt ${word} precies?`,
    lastActivityAt: at,
  });
}

describe('routeWaitingQuestions', () => {
  it('waits 30 business minutes in the asker’s time zone: Friday 17:50 is due Monday 09:20', async () => {
    const word = topicWord();
    const asker = await person();
    const expert = await person({ skills: [word] });
    // 2026-01-09 is a Friday; Amsterdam is UTC+1 in January.
    const question = await ask(asker, word, new Date('2026-01-09T16:50:00Z'));
    clock.set(new Date('2026-01-09T17:40:00Z'));
    await routeWaitingQuestions(ctx.deps);
    clock.set(new Date('2026-01-12T08:19:00Z'));
    await routeWaitingQuestions(ctx.deps);
    expect(await routedTo(question.id)).toEqual([]);
    clock.set(new Date('2026-01-12T08:21:00Z'));
    await routeWaitingQuestions(ctx.deps);
    expect(await routedTo(question.id)).toEqual([expert.id]);
    expect(
      (await notificationsOf(ctx.db.pool, expert.id)).map((n) => [n.kind, n.thread_id, n.actor_id]),
    ).toEqual([['routed_question', question.id, asker.id]]);
    // Considered once: a later sweep asks no one again.
    clock.set(new Date('2026-01-12T10:00:00Z'));
    await routeWaitingQuestions(ctx.deps);
    expect((await notificationsOf(ctx.db.pool, expert.id)).length).toBe(1);
  });

  it('asks at most three, never the asker, people who opted out, or people who cannot read it', async () => {
    const word = topicWord();
    const asker = await person({ skills: [word] });
    const member = await person({ skills: [word] });
    const optedOut = await person({ skills: [word] });
    const outsider = await person({ skills: [word] });
    const others = [await person({ skills: [word] }), await person({ skills: [word] })];
    await ctx.db.pool.query('update people set routing_opt_out = true where id = $1', [optedOut.id]);
    const closed = await buildCommunity(ctx.db.pool, {
      visibility: 'closed',
      members: [asker, member, optedOut, ...others],
    });
    const question = await ask(asker, word, new Date('2026-02-02T09:00:00Z'), closed);
    clock.set(new Date('2026-02-02T10:00:00Z'));
    await routeWaitingQuestions(ctx.deps);
    const routed = await routedTo(question.id);
    expect(routed).toHaveLength(3);
    expect(new Set(routed)).toEqual(new Set([member.id, ...others.map((o) => o.id)]));
    expect(routed).not.toContain(outsider.id);
  });

  it(`spreads the load: no one is asked more than ${ROUTING.dailyLimit} questions in a day`, async () => {
    const word = topicWord();
    const asker = await person();
    const experts = [await person({ skills: [word] }), await person({ skills: [word] })];
    const questions = [];
    for (let i = 0; i < 4; i++) questions.push(await ask(asker, word, new Date(`2026-03-02T09:0${i}:00Z`)));
    clock.set(new Date('2026-03-02T11:00:00Z'));
    await routeWaitingQuestions(ctx.deps);
    const perExpert = await ctx.db.pool.query<{ person_id: string; n: number }>(
      `select person_id, count(*)::int as n from question_routings where thread_id = any($1::bigint[])
        group by person_id order by person_id`,
      [questions.map((q) => q.id)],
    );
    expect(perExpert.rows).toEqual(
      experts
        .map((expert) => ({ person_id: expert.id, n: 3 }))
        .sort((a, b) => Number(a.person_id) - Number(b.person_id)),
    );
    expect(await routedTo(questions[3]!.id)).toEqual([]);
  });

  it('records whether the routed person answered', async () => {
    const word = topicWord();
    const asker = await person();
    const expert = await person({ skills: [word] });
    const question = await ask(asker, word, new Date('2026-04-06T09:00:00Z'));
    clock.set(new Date('2026-04-06T10:00:00Z'));
    await routeWaitingQuestions(ctx.deps);
    expect((await expert.api.get('/api/v1/me/routing')).json().recent).toEqual([
      {
        thread: { id: question.id, title: question.title },
        routedAt: '2026-04-06T10:00:00.000Z',
        answeredAt: null,
      },
    ]);
    clock.set(new Date('2026-04-06T10:05:00Z'));
    expect(
      (await expert.api.post(`/api/v1/threads/${question.id}/replies`, { body: 'Zo.' })).statusCode,
    ).toBe(201);
    clock.set(new Date('2026-04-06T10:06:00Z'));
    await routeWaitingQuestions(ctx.deps);
    const routing = (await expert.api.get('/api/v1/me/routing')).json();
    expect(routing.recent[0].answeredAt).toBe('2026-04-06T10:05:00.000Z');
  });
});

describe('PUT /api/v1/me/routing', () => {
  it('opts out and back in; refuses anything but a boolean, storing nothing', async () => {
    const someone = await person();
    expect((await someone.api.get('/api/v1/me/routing')).json()).toMatchObject({
      optOut: false,
      dailyLimit: 3,
    });
    expect((await someone.api.put('/api/v1/me/routing', { optOut: true })).json().optOut).toBe(true);
    expect((await someone.api.get('/api/v1/me/routing')).json().optOut).toBe(true);
    await expectRejected(
      ctx.db.pool,
      () => someone.api.put('/api/v1/me/routing', { optOut: 'yes' }),
      400,
      'optOut',
    );
    expect((await someone.api.put('/api/v1/me/routing', { optOut: false })).json().optOut).toBe(false);
  });
});
