import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, type TestCommunity } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor, expectRejected as rejected } from '../threads/testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
const clock = manualClock(new Date('2030-05-01T09:00:00Z'));
const HOUR = 3_600_000;
const person = (leader = false) => actor(ctx.app, ctx.db.pool, { leader });
const expectRejected = (send: () => Promise<LightMyRequestResponse>, status: number, field?: string) =>
  rejected(ctx.db.pool, send, status, field);
const at = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();

beforeAll(async () => {
  ctx = await testApp({ clock });
});

type Question = { id: string; body: string; votes: number; answered: boolean; answerHtml: string | null };

const amaBody = (community: TestCommunity, ama: Record<string, unknown> | undefined) => ({
  communitySlug: community.slug,
  kind: 'ama',
  title: 'Vraag het de directie',
  body: 'Ask us anything about the strategy.',
  ama,
});

async function openAma(host: Actor, community: TestCommunity) {
  const response = await host.api.post(
    '/api/v1/threads',
    amaBody(community, { startsAt: at(HOUR), endsAt: at(3 * HOUR) }),
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

const ask = async (who: Actor, id: string, body: string) => {
  const response = await who.api.post(`/api/v1/threads/${id}/ama/questions`, { body });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json().questions as Question[]).find((q) => q.body === body)!;
};

describe('AMAs', () => {
  it('goes from collecting to live to ended: questions in vote order, the host answers, unanswered stay visible', async () => {
    const host = await person(true);
    const anna = await person();
    const bram = await person();
    const community = await buildCommunity(ctx.db.pool, { members: [host, anna, bram] });
    const id = await openAma(host, community);
    expect((await anna.api.get(`/api/v1/threads/${id}/ama`)).json()).toMatchObject({
      state: 'collecting',
      canAsk: true,
      canAnswer: false,
      host: { id: host.id },
    });
    const first = await ask(anna, id, 'Why the new office?');
    const second = await ask(bram, id, 'What about remote work?');
    // Asking follows the thread: the answer reaches the asker live.
    const follows = await ctx.db.pool.query(
      'select 1 from thread_follows where thread_id = $1 and person_id = $2',
      [id, bram.id],
    );
    expect(follows.rowCount).toBe(1);
    for (const who of [anna, bram]) {
      expect((await who.api.put(`/api/v1/ama-questions/${second.id}/vote`)).statusCode).toBe(204);
    }
    expect((await anna.api.put(`/api/v1/ama-questions/${second.id}/vote`)).statusCode).toBe(204); // idempotent
    let ama = (await host.api.get(`/api/v1/threads/${id}/ama`)).json();
    expect(ama.questions.map((q: Question) => [q.body, q.votes])).toEqual([
      ['What about remote work?', 2],
      ['Why the new office?', 0],
    ]);
    // Not live yet: no answers.
    await expectRejected(
      () => host.api.post(`/api/v1/ama-questions/${second.id}/answer`, { body: 'Soon' }),
      409,
    );

    clock.advance(HOUR);
    ama = (await host.api.get(`/api/v1/threads/${id}/ama`)).json();
    expect(ama).toMatchObject({ state: 'live', canAnswer: true });
    await expectRejected(
      () => anna.api.post(`/api/v1/ama-questions/${second.id}/answer`, { body: 'Me?' }),
      403,
    );
    const answered = await host.api.post(`/api/v1/ama-questions/${second.id}/answer`, {
      body: 'Two days a **week**.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().questions[0]).toMatchObject({
      id: second.id,
      answered: true,
      answerHtml: expect.stringContaining('<strong>week</strong>'),
    });

    clock.advance(2 * HOUR);
    ama = (await bram.api.get(`/api/v1/threads/${id}/ama`)).json();
    expect(ama).toMatchObject({ state: 'ended', canAsk: false, canAnswer: false });
    expect(ama.questions.map((q: Question) => [q.id, q.answered])).toEqual([
      [second.id, true],
      [first.id, false],
    ]);
    await expectRejected(() => bram.api.post(`/api/v1/threads/${id}/ama/questions`, { body: 'Late?' }), 409);
    await expectRejected(() => bram.api.put(`/api/v1/ama-questions/${first.id}/vote`), 409);
    await expectRejected(
      () => host.api.post(`/api/v1/ama-questions/${first.id}/answer`, { body: 'Late' }),
      409,
    );
  });

  it('only leaders open one, for a sane period; limits are problem+json naming the field', async () => {
    const member = await person();
    const leader = await person(true);
    const community = await buildCommunity(ctx.db.pool, { members: [member, leader] });
    const period = { startsAt: at(HOUR), endsAt: at(2 * HOUR) };
    await expectRejected(() => member.api.post('/api/v1/threads', amaBody(community, period)), 403);
    await expectRejected(() => leader.api.post('/api/v1/threads', amaBody(community, undefined)), 400, 'ama');
    await expectRejected(
      () =>
        leader.api.post('/api/v1/threads', amaBody(community, { startsAt: at(2 * HOUR), endsAt: at(HOUR) })),
      400,
      'ama.endsAt',
    );
    await expectRejected(
      () =>
        leader.api.post(
          '/api/v1/threads',
          amaBody(community, { startsAt: at(-3 * HOUR), endsAt: at(-HOUR) }),
        ),
      400,
      'ama.endsAt',
    );
    await expectRejected(
      () =>
        leader.api.post(
          '/api/v1/threads',
          amaBody(community, { startsAt: at(0), endsAt: at(40 * 24 * HOUR) }),
        ),
      400,
      'ama.endsAt',
    );
    const id = await openAma(leader, community);
    await expectRejected(
      () => member.api.post(`/api/v1/threads/${id}/ama/questions`, { body: ' ' }),
      400,
      'body',
    );
    await expectRejected(
      () => member.api.post(`/api/v1/threads/${id}/ama/questions`, { body: 'x'.repeat(1001) }),
      400,
      'body',
    );
  });

  it('is as private as its community on every route: 404 in a secret one, 403 in a closed one', async () => {
    const host = await person(true);
    const member = await person();
    const outsider = await person();
    for (const [visibility, status] of [
      ['secret', 404],
      ['closed', 403],
    ] as const) {
      const community = await buildCommunity(ctx.db.pool, { visibility, members: [host, member] });
      const id = await openAma(host, community);
      const question = await ask(member, id, 'Inside question');
      expect((await outsider.api.get(`/api/v1/threads/${id}/ama`)).statusCode).toBe(status);
      await expectRejected(
        () => outsider.api.post(`/api/v1/threads/${id}/ama/questions`, { body: 'Hi' }),
        status,
      );
      await expectRejected(() => outsider.api.put(`/api/v1/ama-questions/${question.id}/vote`), status);
      await expectRejected(() => outsider.api.delete(`/api/v1/ama-questions/${question.id}/vote`), status);
    }
  });
});
