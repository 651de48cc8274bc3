import { beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import {
  buildPerson,
  buildReply,
  buildThread,
  sessionFor,
  type TestPerson,
  unique,
} from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { setMinimumGroup } from './testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
const department = unique('Funnel dept');
const [north, south] = [unique('North'), unique('South')];
const at = (day: string, hour = 9) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);

/** A person of the test's department, invited and (maybe) activated at the given instants. */
async function invitee(
  location: string,
  invited: Date,
  activated: Date | null,
  status: 'active' | 'deactivated' = 'active',
) {
  const person = await buildPerson(ctx.db.pool, { department, location, status });
  await ctx.db.pool.query(
    'update people set invited_at = $2, activated_at = $3, created_at = $2 where id = $1',
    [person.id, invited, activated],
  );
  return person;
}

async function activeOn(person: TestPerson, days: string[]) {
  for (const day of days) {
    await ctx.db.pool.query(
      'insert into person_active_days (person_id, day) values ($1, $2) on conflict do nothing',
      [person.id, day],
    );
  }
}

async function postOn(person: TestPerson, days: string[]) {
  for (const day of days) await buildThread(ctx.db.pool, { author: person, lastActivityAt: at(day, 10) });
  await activeOn(person, days);
}

const nov = (d: number) => `2026-11-${String(d).padStart(2, '0')}`;

beforeAll(async () => {
  ctx = await testApp();
  // Figures of a small world, each worked out by hand: the smallest group size (every file that sets it sets 1).
  await setMinimumGroup(ctx.db.pool, 1);
  // The window is 2026-11-03 … 2026-11-30. Known answer: invited 5, activated 4, monthly active 3, engaged 1.
  const a = await invitee(north, at(nov(1)), at(nov(2))); // 24 h; posts or replies on exactly 10 days: engaged
  await postOn(a, [nov(2), ...[3, 5, 7, 9, 11, 13, 15, 17, 19].map(nov), nov(19)]); // 11-02 is outside the window
  const elsewhere = await buildThread(ctx.db.pool, { author: await buildPerson(ctx.db.pool) });
  const reply = await buildReply(ctx.db.pool, { thread: elsewhere, author: a });
  await ctx.db.pool.query('update replies set created_at = $2 where id = $1', [reply.id, at(nov(21))]);
  await activeOn(a, [nov(21)]);
  const b = await invitee(north, at(nov(1)), at(nov(3))); // 48 h; posts on 3 days: monthly active only
  await postOn(b, [nov(4), nov(6), nov(8)]);
  await invitee(south, at(nov(20)), null); // never signed in
  await invitee(south, at(nov(20)), at(nov(20), 15)); // 6 h; never took part
  const f = await invitee(south, at('2026-10-10'), at('2026-10-11')); // 24 h; reacts on 12 days, never posts
  await activeOn(f, [4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26].map(nov));
  await invitee(north, at(nov(1)), at(nov(2)), 'deactivated'); // not counted
  await invitee(north, at('2026-12-02'), null); // invited after the window: not counted
});

describe('GET /api/v1/analytics/funnel', () => {
  it('counts invited → activated → monthly active → engaged and the median hours, per department and location', async () => {
    const analyst = await buildPerson(ctx.db.pool, { role: 'community_manager' });
    const response = await client(ctx.app, await sessionFor(ctx.db.pool, analyst)).get(
      `/api/v1/analytics/funnel?to=2026-11-30&department=${encodeURIComponent(department)}`,
    );
    expect(response.statusCode).toBe(200);
    const funnel = response.json();
    expect(funnel.from).toBe('2026-11-03');
    expect(funnel.total).toEqual({
      invited: 5,
      activated: 4,
      monthlyActive: 3,
      engaged: 1,
      medianHoursToActivation: 24,
    });
    expect(funnel.byDepartment).toEqual([{ department, ...funnel.total }]);
    expect(funnel.byLocation).toEqual([
      {
        location: north,
        invited: 2,
        activated: 2,
        monthlyActive: 2,
        engaged: 1,
        medianHoursToActivation: 36,
      },
      {
        location: south,
        invited: 3,
        activated: 2,
        monthlyActive: 1,
        engaged: 0,
        medianHoursToActivation: 15,
      },
    ]);
  });

  it('moves with the window: 11-02 counts, 11-21 does not, people invited later are not there yet', async () => {
    const analyst = await buildPerson(ctx.db.pool, { role: 'admin' });
    const response = await client(ctx.app, await sessionFor(ctx.db.pool, analyst)).get(
      `/api/v1/analytics/funnel?to=2026-11-19&department=${encodeURIComponent(department)}`,
    );
    // By 11-19 the two invited on 11-20 did not exist; in 10-23 … 11-19 a's 11-02 post counts and the 11-21 reply
    // not yet: still 10 days, engaged.
    expect(response.json().total).toEqual({
      invited: 3,
      activated: 3,
      monthlyActive: 3,
      engaged: 1,
      medianHoursToActivation: 24,
    });
  });
});
