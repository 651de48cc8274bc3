import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, type TestCommunity, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor, expectRejected as rejected } from '../threads/testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
const clock = manualClock(new Date('2030-04-01T09:00:00Z'));
const person = () => actor(ctx.app, ctx.db.pool);
const expectRejected = (send: () => Promise<LightMyRequestResponse>, status: number, field?: string) =>
  rejected(ctx.db.pool, send, status, field);

beforeAll(async () => {
  ctx = await testApp({ clock });
});

type Poll = {
  voterCount: number;
  votedByMe: boolean;
  canVote: boolean;
  closed: boolean;
  options: { id: string; label: string; votes: number; chosenByMe: boolean }[];
};

const pollBody = (community: TestCommunity, poll: Record<string, unknown>) => ({
  communitySlug: community.slug,
  kind: 'poll',
  title: unique('Where shall we meet?'),
  body: 'Pick one.',
  poll: { options: ['Utrecht', 'Zwolle', 'Online'], ...poll },
});

async function createPoll(author: Actor, community: TestCommunity, poll: Record<string, unknown> = {}) {
  const response = await author.api.post('/api/v1/threads', pollBody(community, poll));
  expect(response.statusCode, response.body).toBe(201);
  const thread = response.json() as { id: string; kind: string };
  const got = await author.api.get(`/api/v1/threads/${thread.id}/poll`);
  expect(got.statusCode, got.body).toBe(200);
  return { id: thread.id, poll: got.json() as Poll };
}

const votes = (poll: Poll) => poll.options.map((option) => option.votes);

describe('polls', () => {
  it('a single-choice poll counts one vote per person, changes a vote and takes it back', async () => {
    const author = await person();
    const first = await person();
    const second = await person();
    const community = await buildCommunity(ctx.db.pool, { members: [author, first, second] });
    const { id, poll } = await createPoll(author, community);
    expect(poll.options.map((option) => option.label)).toEqual(['Utrecht', 'Zwolle', 'Online']);
    const [utrecht, zwolle, online] = poll.options.map((option) => option.id);

    const voted = await first.api.put(`/api/v1/threads/${id}/poll/vote`, { optionIds: [utrecht] });
    expect(voted.statusCode, voted.body).toBe(200);
    expect(voted.json()).toMatchObject({ voterCount: 1, votedByMe: true, canVote: true });
    await second.api.put(`/api/v1/threads/${id}/poll/vote`, { optionIds: [online] });
    // Changing the vote moves it; it is still one voter.
    const changed = (await first.api.put(`/api/v1/threads/${id}/poll/vote`, { optionIds: [zwolle] })).json();
    expect(votes(changed)).toEqual([0, 1, 1]);
    expect(changed.voterCount).toBe(2);
    expect(changed.options.map((option: Poll['options'][0]) => option.chosenByMe)).toEqual([
      false,
      true,
      false,
    ]);

    await expectRejected(
      () => first.api.put(`/api/v1/threads/${id}/poll/vote`, { optionIds: [utrecht, online] }),
      400,
      'optionIds',
    );
    for (let i = 0; i < 2; i++) {
      expect((await first.api.delete(`/api/v1/threads/${id}/poll/vote`)).statusCode).toBe(204);
    }
    const after = (await author.api.get(`/api/v1/threads/${id}/poll`)).json();
    expect(votes(after)).toEqual([0, 0, 1]);
    expect(after).toMatchObject({ voterCount: 1, votedByMe: false });
  });

  it('a multiple-choice poll takes several options, each counted once', async () => {
    const author = await person();
    const voter = await person();
    const community = await buildCommunity(ctx.db.pool);
    const { id, poll } = await createPoll(author, community, { multiple: true });
    const [a, , c] = poll.options.map((option) => option.id);
    const result = (await voter.api.put(`/api/v1/threads/${id}/poll/vote`, { optionIds: [a, c] })).json();
    expect(votes(result)).toEqual([1, 0, 1]);
    expect(result.voterCount).toBe(1);
    await expectRejected(
      () => voter.api.put(`/api/v1/threads/${id}/poll/vote`, { optionIds: [a, a] }),
      400,
      'optionIds',
    );
  });

  it('an anonymous poll keeps only counts and a has-voted marker: nobody, not even an admin, can see who chose what', async () => {
    const author = await person();
    const voter = await person();
    const admin = await actor(ctx.app, ctx.db.pool, { role: 'admin' });
    const community = await buildCommunity(ctx.db.pool);
    const { id, poll } = await createPoll(author, community, { anonymous: true });
    const zwolle = poll.options[1]!.id;
    const mine = (await voter.api.put(`/api/v1/threads/${id}/poll/vote`, { optionIds: [zwolle] })).json();
    expect(mine).toMatchObject({ anonymous: true, votedByMe: true, canVote: false, voterCount: 1 });
    expect(mine.options.every((option: Poll['options'][0]) => !option.chosenByMe)).toBe(true);
    expect(votes(mine)).toEqual([0, 1, 0]);
    const { rows } = await ctx.db.pool.query('select * from poll_choices where thread_id = $1', [id]);
    expect(rows).toEqual([]);
    const seenByAdmin = (await admin.api.get(`/api/v1/threads/${id}/poll`)).json();
    expect(seenByAdmin.options.every((option: Poll['options'][0]) => !option.chosenByMe)).toBe(true);
    // Final: it cannot be changed or taken back, and a second vote does not count twice.
    await expectRejected(
      () => voter.api.put(`/api/v1/threads/${id}/poll/vote`, { optionIds: [zwolle] }),
      409,
    );
    await expectRejected(() => voter.api.delete(`/api/v1/threads/${id}/poll/vote`), 409);
  });

  it('closes at its closing time (the clock), keeping its results', async () => {
    const author = await person();
    const voter = await person();
    const community = await buildCommunity(ctx.db.pool);
    const closesAt = new Date(clock.now().getTime() + 3_600_000).toISOString();
    const { id, poll } = await createPoll(author, community, { closesAt });
    await voter.api.put(`/api/v1/threads/${id}/poll/vote`, { optionIds: [poll.options[0]!.id] });
    clock.advance(3_600_000);
    const closed = (await voter.api.get(`/api/v1/threads/${id}/poll`)).json();
    expect(closed).toMatchObject({ closed: true, canVote: false, closesAt });
    expect(votes(closed)).toEqual([1, 0, 0]);
    await expectRejected(
      () => voter.api.put(`/api/v1/threads/${id}/poll/vote`, { optionIds: [poll.options[1]!.id] }),
      409,
    );
    await expectRejected(() => voter.api.delete(`/api/v1/threads/${id}/poll/vote`), 409);
  });

  it('refuses a poll outside its limits, each as problem+json naming the field, storing nothing', async () => {
    const author = await person();
    const community = await buildCommunity(ctx.db.pool);
    const post = (poll: Record<string, unknown> | undefined, kind = 'poll') =>
      author.api.post('/api/v1/threads', { ...pollBody(community, {}), kind, poll });
    await expectRejected(() => post(undefined), 400, 'poll');
    await expectRejected(() => post({ options: ['Only one'] }), 400, 'poll.options');
    await expectRejected(
      () => post({ options: Array.from({ length: 21 }, (_, i) => `O${i}`) }),
      400,
      'poll.options',
    );
    await expectRejected(() => post({ options: ['x'.repeat(201), 'b'] }), 400, 'poll.options.0');
    await expectRejected(() => post({ options: ['Same', 'same'] }), 400, 'poll.options');
    await expectRejected(
      () => post({ options: ['a', 'b'], closesAt: '2020-01-01T00:00:00Z' }),
      400,
      'poll.closesAt',
    );
    await expectRejected(() => post({ options: ['a', 'b'] }, 'discussion'), 400, 'poll');
  });

  it('is as private as its community: 404 in a secret one, 403 in a closed one, for reading and voting', async () => {
    const author = await person();
    const outsider = await person();
    for (const [visibility, status] of [
      ['secret', 404],
      ['closed', 403],
    ] as const) {
      const community = await buildCommunity(ctx.db.pool, { visibility, members: [author] });
      const { id, poll } = await createPoll(author, community);
      expect((await outsider.api.get(`/api/v1/threads/${id}/poll`)).statusCode).toBe(status);
      await expectRejected(
        () => outsider.api.put(`/api/v1/threads/${id}/poll/vote`, { optionIds: [poll.options[0]!.id] }),
        status,
      );
      await expectRejected(() => outsider.api.delete(`/api/v1/threads/${id}/poll/vote`), status);
    }
  });

  it('refuses options of another poll and routes on a thread that is no poll', async () => {
    const author = await person();
    const community = await buildCommunity(ctx.db.pool);
    const one = await createPoll(author, community);
    const other = await createPoll(author, community);
    await expectRejected(
      () => author.api.put(`/api/v1/threads/${one.id}/poll/vote`, { optionIds: [other.poll.options[0]!.id] }),
      400,
      'optionIds',
    );
    const discussion = await author.api.post('/api/v1/threads', {
      communitySlug: community.slug,
      kind: 'discussion',
      title: 'Not a poll',
      body: 'Hi',
    });
    expect((await author.api.get(`/api/v1/threads/${discussion.json().id}/poll`)).statusCode).toBe(404);
  });
});
