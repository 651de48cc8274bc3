import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, buildPerson, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { setMinimumGroup } from '../analytics/testing.js';
import { type Actor, actor } from '../threads/testing.js';
import { activeOn, setThreshold } from './testing.js';

// Today is 2026-03-20 (UTC): the current window is 2026-02-21 … 2026-03-20.
const clock = manualClock(new Date('2026-03-20T10:00:00Z'));
let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp({ clock });
  // Figures of a small world, each worked out by hand: the smallest group size (every file that sets it sets 1).
  await setMinimumGroup(ctx.db.pool, 1);
});

const health = (who: Actor, slug: string) => who.api.get(`/api/v1/groups/${slug}/health`);

describe('GET /api/v1/groups/:slug/health: figures', () => {
  it('counts distinct participants over the 28 UTC days ending today, and 12 weekly windows, oldest first', async () => {
    const reader = await actor(ctx.app, ctx.db.pool);
    const [p1, p2, p3, p4, p5] = await Promise.all([1, 2, 3, 4, 5].map(() => buildPerson(ctx.db.pool)));
    const community = await buildCommunity(ctx.db.pool, { kind: 'specialist' });
    const elsewhere = await buildCommunity(ctx.db.pool);
    await activeOn(ctx.db.pool, community.id, {
      [p1!.id]: ['2026-03-20', '2026-03-01'], // twice in the window: one participant
      [p2!.id]: ['2026-02-21'], // the window's first day
      [p3!.id]: ['2026-02-20'], // one day too early
      [p5!.id]: ['2026-01-01'],
    });
    await activeOn(ctx.db.pool, elsewhere.id, { [p4!.id]: ['2026-03-20'] });

    const response = await health(reader, community.slug);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      kind: 'specialist',
      threshold: 25,
      activeParticipants: 2,
      viable: false,
      windowDays: 28,
      asOf: '2026-03-20',
      thresholdChanges: [],
    });
    // Each week's window is the 28 days ending on that day.
    expect(body.trend).toEqual(
      [
        ['2026-01-02', 1],
        ['2026-01-09', 1],
        ['2026-01-16', 1],
        ['2026-01-23', 1],
        ['2026-01-30', 0],
        ['2026-02-06', 0],
        ['2026-02-13', 0],
        ['2026-02-20', 1],
        ['2026-02-27', 2],
        ['2026-03-06', 3],
        ['2026-03-13', 3],
        ['2026-03-20', 2],
      ].map(([weekEnding, activeParticipants]) => ({ weekEnding, activeParticipants, threshold: 25 })),
    );
  });

  it('is viable at exactly its threshold, and then suggests nothing', async () => {
    const reader = await actor(ctx.app, ctx.db.pool);
    const [p1, p2] = await Promise.all([buildPerson(ctx.db.pool), buildPerson(ctx.db.pool)]);
    const community = await buildCommunity(ctx.db.pool, { kind: 'specialist', members: [p1!, p2!] });
    await setThreshold(ctx.db.pool, community.id, 2);
    await activeOn(ctx.db.pool, community.id, { [p1!.id]: ['2026-03-19'], [p2!.id]: ['2026-03-02'] });
    const body = (await health(reader, community.slug)).json();
    expect(body).toMatchObject({ threshold: 2, activeParticipants: 2, viable: true, suggestions: [] });
    // On 2026-03-30 the window starts 2026-03-03: p2's day has left it.
    clock.set(new Date('2026-03-30T00:00:00Z'));
    try {
      expect((await health(reader, community.slug)).json()).toMatchObject({
        activeParticipants: 1,
        viable: false,
      });
    } finally {
      clock.set(new Date('2026-03-20T10:00:00Z'));
    }
  });

  it('answers as the community itself: 403 for a closed one and 404 for a secret one to outsiders', async () => {
    const outsider = await actor(ctx.app, ctx.db.pool);
    const admin = await actor(ctx.app, ctx.db.pool, { role: 'admin' });
    const member = await actor(ctx.app, ctx.db.pool);
    const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed', members: [member] });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [member] });
    for (const who of [outsider, admin]) {
      expect((await health(who, closed.slug)).statusCode).toBe(403);
      expect((await health(who, secret.slug)).statusCode).toBe(404);
    }
    expect((await health(member, closed.slug)).statusCode).toBe(200);
    expect((await health(member, secret.slug)).statusCode).toBe(200);
    expect((await health(member, `no-such-${unique('g')}`)).statusCode).toBe(404);
    expect((await health(member, 'Bad Slug')).statusCode).toBe(400);
  });
});

describe('suggestions: make specialist', () => {
  it('suggests it for a general community whose participants meet the specialist threshold of 25', async () => {
    const reader = await actor(ctx.app, ctx.db.pool);
    const people = await Promise.all(Array.from({ length: 25 }, () => buildPerson(ctx.db.pool)));
    const enough = await buildCommunity(ctx.db.pool, { kind: 'general' });
    const short = await buildCommunity(ctx.db.pool, { kind: 'general' });
    const specialist = await buildCommunity(ctx.db.pool, { kind: 'specialist' });
    await setThreshold(ctx.db.pool, specialist.id, 100);
    for (const [i, person] of people.entries()) {
      await activeOn(ctx.db.pool, enough.id, { [person.id]: ['2026-03-10'] });
      await activeOn(ctx.db.pool, specialist.id, { [person.id]: ['2026-03-10'] });
      if (i < 24) await activeOn(ctx.db.pool, short.id, { [person.id]: ['2026-03-10'] });
    }
    const kinds = async (slug: string) =>
      (await health(reader, slug)).json().suggestions.map((s: { kind: string }) => s.kind);
    expect((await health(reader, enough.slug)).json()).toMatchObject({
      activeParticipants: 25,
      viable: false,
      suggestions: expect.arrayContaining([{ kind: 'make_specialist', specialistThreshold: 25 }]),
    });
    expect(await kinds(short.slug)).not.toContain('make_specialist');
    // Already specialist: nothing to switch to, even below its own threshold.
    expect(await kinds(specialist.slug)).not.toContain('make_specialist');
  });
});
