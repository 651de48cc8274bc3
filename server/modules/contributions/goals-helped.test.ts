import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, buildPerson } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { makeGoal, replyAt, threadAt } from '../goals/testing.js';
import { actor } from '../threads/testing.js';

// The goals module decides what "helped meet" means (goals/contributions.ts); here: that the profile shows it,
// per viewer, with the clock of the request.
const clock = manualClock(new Date('2026-03-12T12:00:00Z'));
const asked = new Date('2026-03-10T09:00:00Z');
const tenMinutesLater = new Date('2026-03-10T09:10:00Z');
let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp({ clock });
});

describe('contributions: goals helped', () => {
  it('lists the met goals a person made the difference in, only those the viewer may read', async () => {
    const db = ctx.db.pool;
    const owner = await buildPerson(db, { leader: true });
    const asker = await buildPerson(db);
    const helper = await actor(ctx.app, db);
    const outsider = await actor(ctx.app, db);
    const insider = await actor(ctx.app, db);
    const open = await buildCommunity(db);
    const secret = await buildCommunity(db, { visibility: 'secret', members: [asker, helper, insider] });
    // First response within 60 minutes for at least half the questions: each goal has one, answered in 10.
    const goal = () => makeGoal(db, { owner, kpi: 'first_response_time', target: 60, attainmentTarget: 50 });
    const inOpen = await goal();
    const inSecret = await goal();
    for (const [linked, community] of [
      [inOpen, open],
      [inSecret, secret],
    ] as const) {
      const thread = await threadAt(db, { author: asker, community, at: asked, goal: linked });
      await replyAt(db, { thread, author: helper, at: tenMinutesLater });
    }
    const goalsSeenBy = async (who: typeof outsider) => {
      const response = await who.api.get(`/api/v1/people/${helper.handle}/contributions`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().goalsHelped;
    };
    const outside = await goalsSeenBy(outsider);
    expect(outside.count).toBe(1);
    expect(outside.goals.map((g: { id: string }) => g.id)).toEqual([inOpen.id]);
    // The figure is the share of questions within 60 minutes (1 of 1: 100%) against the attainment target (50%).
    expect(outside.goals[0]).toMatchObject({ kpi: 'first_response_time', actual: 100, target: 50 });
    const inside = await goalsSeenBy(insider);
    expect(inside.count).toBe(2);
    expect(inside.goals.map((g: { id: string }) => g.id).sort()).toEqual([inOpen.id, inSecret.id].sort());
    // Someone who only asked helped meet nothing.
    const askerView = await outsider.api.get(`/api/v1/people/${asker.handle}/contributions`);
    expect(askerView.json().goalsHelped).toEqual({ count: 0, goals: [] });
  });
});
