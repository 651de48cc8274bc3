import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { actor } from '../threads/testing.js';
import { rebuildParticipation } from './repository.js';

const clock = manualClock(new Date('2026-03-02T23:30:00Z'));
let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp({ clock });
});

async function daysOf(personId: string) {
  const people = await ctx.db.pool.query<{ day: string }>(
    `select to_char(day, 'YYYY-MM-DD') as day from person_active_days where person_id = $1 order by day`,
    [personId],
  );
  const communities = await ctx.db.pool.query<{ community_id: string; day: string }>(
    `select community_id, to_char(day, 'YYYY-MM-DD') as day from community_active_days
      where person_id = $1 order by day, community_id`,
    [personId],
  );
  return { days: people.rows.map((r) => r.day), communities: communities.rows };
}

describe('participation roll-ups', () => {
  it('record each UTC day a person posts, replies, reacts, votes or posts an outcome, and rebuild to the same rows', async () => {
    const author = await actor(ctx.app, ctx.db.pool);
    const reader = await actor(ctx.app, ctx.db.pool);
    const leader = await actor(ctx.app, ctx.db.pool, { leader: true });
    const community = await buildCommunity(ctx.db.pool, { members: [author, reader] });
    clock.set(new Date('2026-03-02T23:30:00Z'));
    const thread = (
      await author.api.post('/api/v1/threads', {
        communitySlug: community.slug,
        kind: 'discussion',
        title: 'Planning',
        body: 'Who joins?',
      })
    ).json();
    clock.set(new Date('2026-03-03T00:30:00Z'));
    expect((await reader.api.put(`/api/v1/threads/${thread.id}/reactions/like`)).statusCode).toBe(204);
    const reply = await reader.api.post(`/api/v1/threads/${thread.id}/replies`, { body: 'Me' });
    expect(reply.statusCode).toBe(201);
    await author.api.post('/api/v1/threads', { kind: 'update', body: 'A personal note' });

    expect(await daysOf(author.id)).toEqual({
      days: ['2026-03-02', '2026-03-03'],
      communities: [{ community_id: community.id, day: '2026-03-02' }],
    });
    expect(await daysOf(reader.id)).toEqual({
      days: ['2026-03-03'],
      communities: [{ community_id: community.id, day: '2026-03-03' }],
    });

    // Voting for an idea and posting a theme's outcome are taking part too, live and after a rebuild.
    clock.set(new Date('2026-03-04T09:00:00Z'));
    const idea = (
      await author.api.post('/api/v1/threads', {
        communitySlug: community.slug,
        kind: 'idea',
        title: 'Shorter meetings',
        body: 'Twenty minutes',
      })
    ).json();
    clock.set(new Date('2026-03-05T09:00:00Z'));
    expect((await reader.api.put(`/api/v1/threads/${idea.id}/vote`)).statusCode).toBe(204);
    const theme = await leader.api.post('/api/v1/themes', { title: 'Where next?', question: 'What first?' });
    expect(theme.statusCode, theme.body).toBe(201);
    clock.set(new Date('2026-03-06T09:00:00Z'));
    const outcome = await leader.api.post(`/api/v1/themes/${theme.json().id}/outcomes`, {
      body: 'We did it',
    });
    expect(outcome.statusCode, outcome.body).toBe(201);
    expect((await daysOf(reader.id)).days).toEqual(['2026-03-03', '2026-03-05']);
    expect(await daysOf(leader.id)).toEqual({ days: ['2026-03-06'], communities: [] });

    const everyone = [author.id, reader.id, leader.id];
    const before = await Promise.all(everyone.map(daysOf));
    await ctx.db.pool.query('delete from person_active_days where person_id = any($1)', [everyone]);
    await ctx.db.pool.query('delete from community_active_days where person_id = any($1)', [everyone]);
    await rebuildParticipation(ctx.db.pool);
    expect(await Promise.all(everyone.map(daysOf))).toEqual(before);
  });
});
