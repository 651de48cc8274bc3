import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { actor, expectRejected as rejected } from './testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
const person = (overrides: Parameters<typeof actor>[2] = {}) => actor(ctx.app, ctx.db.pool, overrides);
const expectRejected = (send: () => Promise<LightMyRequestResponse>, status: number, field?: string) =>
  rejected(ctx.db.pool, send, status, field);

beforeAll(async () => {
  ctx = await testApp();
});

async function theme(ownerId: string, options: { state?: 'open' | 'closed'; endsAt?: Date | null } = {}) {
  const { rows } = await ctx.db.pool.query<{ id: string }>(
    `insert into themes (title, question, owner_id, state, ends_at) values ('Where next?', 'What should we do?', $1, $2, $3)
     returning id`,
    [ownerId, options.state ?? 'open', options.endsAt ?? null],
  );
  return rows[0]!.id;
}

async function goal(ownerId: string, archived = false) {
  const { rows } = await ctx.db.pool.query<{ id: string }>(
    `insert into goals (name, owner_id, kpi, target, archived_at) values ('Answer within an hour', $1, 'first_response_minutes', 60, $2)
     returning id`,
    [ownerId, archived ? new Date() : null],
  );
  return rows[0]!.id;
}

describe('theme and goal links on threads', () => {
  it('stores the links and shows them on the thread, its summary in the community list, and the feed', async () => {
    const leader = await person({ leader: true });
    const community = await buildCommunity(ctx.db.pool, { members: [leader] });
    const themeId = await theme(leader.id, { endsAt: new Date(Date.now() + 86_400_000) });
    const goalId = await goal(leader.id);
    const response = await leader.api.post('/api/v1/threads', {
      communitySlug: community.slug,
      kind: 'question',
      title: 'How do we answer faster?',
      body: 'Ideas welcome.',
      themeId,
      goalId,
    });
    expect(response.statusCode, response.body).toBe(201);
    const thread = response.json();
    expect(thread.theme).toEqual({ id: themeId, title: 'Where next?' });
    expect(thread.goal).toEqual({ id: goalId, name: 'Answer within an hour' });
    const stored = await ctx.db.pool.query('select theme_id, goal_id from threads where id = $1', [
      thread.id,
    ]);
    expect(stored.rows[0]).toEqual({ theme_id: themeId, goal_id: goalId });

    const list = (await leader.api.get(`/api/v1/groups/${community.slug}/threads`)).json();
    expect(list.items[0]).toMatchObject({ id: thread.id, theme: { id: themeId }, goal: { id: goalId } });
  });

  it('leaves both null when not given', async () => {
    const author = await person();
    const response = await author.api.post('/api/v1/threads', {
      kind: 'update',
      body: 'Hello',
      themeId: null,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ theme: null, goal: null });
  });

  it('refuses an unknown, closed or ended theme and an unknown or archived goal, storing nothing', async () => {
    const author = await person();
    const leader = await person({ leader: true });
    const closed = await theme(leader.id, { state: 'closed' });
    const ended = await theme(leader.id, { endsAt: new Date(Date.now() - 1000) });
    const archived = await goal(leader.id, true);
    const post = (extra: Record<string, string>) => () =>
      author.api.post('/api/v1/threads', { kind: 'discussion', title: 't', body: 'b', ...extra });
    await expectRejected(post({ themeId: '999999999999' }), 400, 'themeId');
    await expectRejected(post({ themeId: closed }), 400, 'themeId');
    await expectRejected(post({ themeId: ended }), 400, 'themeId');
    await expectRejected(post({ goalId: '999999999999' }), 400, 'goalId');
    await expectRejected(post({ goalId: archived }), 400, 'goalId');
    await expectRejected(post({ goalId: 'abc' }), 400, 'goalId');
  });
});
