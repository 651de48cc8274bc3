import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../platform/time/days.js';
import { buildPerson, unique } from '../../test/factories.js';
import { ownTestDatabase } from '../../test/harness.js';
import { insertRead } from '../activity/reads.js';
import { type Act, recordParticipation } from '../activity/repository.js';
import type { Filter } from './filters.js';
import { type Ladder, ladderCounts } from './ladder.js';
import { rebuildAnalytics, refreshAnalytics } from './refresh.js';

// The ladder's roll-up (0048) against the ladder's definition, worked out here from the events the test writes:
// refreshed tick by tick with events arriving late and people signing in or leaving in between, then rebuilt from
// scratch. A database of its own: the ladder counts the whole organisation.
const RUNGS: Record<Act | 'read', number> = { read: 1, react: 2, reply: 3, create: 4 };
const KINDS = ['read', 'read', 'read', 'react', 'react', 'reply', 'create'] as const;
const FIRST = '2022-01-01';
const ticks = ['2023-02-15', '2023-03-10', '2023-04-30'];
const dA = unique('Sales');
const dB = unique('Ops');
const lA = unique('Utrecht');
const lB = unique('Lima');

type Person = { id: string; department: string; location: string; since: string | null; active: boolean };
type Event = { person: Person; day: string; kind: (typeof KINDS)[number] };

// A fixed pseudo-random sequence (a linear congruential generator): the same world on every run and engine.
let seed = 23;
const random = (n: number) => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed % n;
};

let own: Awaited<ReturnType<typeof ownTestDatabase>>;
let db: Awaited<ReturnType<typeof ownTestDatabase>>['db']['pool'];
const people: Person[] = [];
const events: Event[] = [];

/** The ladder by its definition: each active person's highest rung on the days of the period since their sign-in. */
function expected(filter: Filter, from: string, to: string): Ladder {
  const top = new Map<Person, number>();
  for (const { person, day, kind } of events) {
    if (!person.active || person.since === null || day < person.since || day < from || day > to) continue;
    if (filter.department && person.department !== filter.department) continue;
    if (filter.location && person.location !== filter.location) continue;
    top.set(person, Math.max(top.get(person) ?? 0, RUNGS[kind]));
  }
  const on = (rung: number) => [...top.values()].filter((r) => r === rung).length;
  return { readers: on(1), reactors: on(2), repliers: on(3), creators: on(4) };
}

async function write(event: Event) {
  const at = new Date(`${event.day}T12:00:00Z`);
  if (event.kind === 'read') await insertRead(db, event.person.id, at);
  else await recordParticipation(db, event.person.id, null, at, event.kind);
}

const rollupRows = async () =>
  (
    await db.query(
      `select grain, department, location, to_char(day, 'YYYY-MM-DD') as day, rung, gap, people
         from analytics_ladder_days order by grain, department, location, day, rung, gap`,
    )
  ).rows;

const filters: Filter[] = [
  { communityId: null, department: null, location: null },
  { communityId: null, department: dA, location: null },
  { communityId: null, department: null, location: lB },
  { communityId: null, department: dB, location: lA },
];
// Periods of 1, 7, 28, 90 and 366 days ending on several days, one of them across every tick.
const periods = ['2022-03-31', '2023-01-20', '2023-02-15', '2023-03-03', '2023-04-30'].flatMap((to) =>
  [1, 7, 28, 90, 366].map((days) => ({ from: addDays(to, 1 - days), to })),
);

async function expectLadderAsDefined() {
  for (const filter of filters) {
    for (const period of periods) {
      const asked = { filter: [filter.department, filter.location], ...period };
      expect({ ...asked, ...(await ladderCounts(db, filter, period)) }).toEqual({
        ...asked,
        ...expected(filter, period.from, period.to),
      });
    }
  }
}

beforeAll(async () => {
  own = await ownTestDatabase();
  db = own.db.pool;
  // Twelve people; 'late' signs in between the first two ticks (her earlier days never count), 'never' not at all.
  for (let i = 0; i < 12; i++) {
    const p = await buildPerson(db, { department: i % 3 ? dA : dB, location: i % 2 ? lA : lB });
    const since = i === 10 ? null : i === 11 ? '2023-03-01' : addDays(FIRST, random(300));
    if (since !== null && i !== 11) {
      await db.query('update people set activated_at = $2 where id = $1', [p.id, `${since}T15:00:00Z`]);
    }
    people.push({ ...p, department: i % 3 ? dA : dB, location: i % 2 ? lA : lB, since, active: true });
  }
  // Forty events each over sixteen months (gaps of more than a year included), some days with several.
  for (const person of people) {
    for (let n = 0; n < 40; n++) {
      events.push({ person, day: addDays(FIRST, random(485)), kind: KINDS[random(KINDS.length)]! });
    }
  }
  // One person's only two events, a year and a half apart: the later one is the first in any period.
  events.push({ person: people[0]!, day: '2022-01-02', kind: 'create' });
  const lateFor = (e: Event) => {
    const tick = ticks.findIndex((t) => e.day <= t);
    const late = events.indexOf(e) % 5 === 0 && e.day > addDays(ticks[tick]!, -7) && tick < ticks.length - 1;
    return late ? tick + 1 : tick;
  };
  for (let tick = 0; tick < ticks.length; tick++) {
    for (const e of events.filter((e) => lateFor(e) === tick)) await write(e);
    if (tick === 1) {
      const late = people[11]!;
      await db.query('update people set activated_at = $2 where id = $1', [
        late.id,
        `${late.since}T08:00:00Z`,
      ]);
    }
    await refreshAnalytics(db, new Date(`${ticks[tick]}T23:00:00Z`));
  }
  // Someone leaves after the last tick: the roll-up still holds her days; the reader takes her out.
  people[3]!.active = false;
  await db.query(`update people set status = 'deactivated' where id = $1`, [people[3]!.id]);
});
afterAll(async () => {
  await own?.close();
});

describe('the participation ladder roll-up', () => {
  it('gives every period, under each filter, the ladder as defined, after refreshes tick by tick', async () => {
    await expectLadderAsDefined();
  });

  it('holds after a rebuild from scratch exactly the rows the ticks wrote', async () => {
    const ticked = await rollupRows();
    expect(ticked.length).toBeGreaterThan(100);
    await rebuildAnalytics(db, new Date(`${ticks[2]}T23:00:00Z`));
    expect(await rollupRows()).toEqual(ticked);
    await expectLadderAsDefined();
  });

  it('counts a person once in a period however many days they came back, on their highest rung', async () => {
    // Worked out by hand: one reader on three days, once; a reply after a read the day before lifts her a rung.
    const [reader] = [people[4]!];
    const period = { from: '2023-06-01', to: '2023-06-30' };
    const only = { communityId: null, department: reader.department, location: reader.location };
    const before = await ladderCounts(db, only, period);
    expect(before).toEqual({ readers: 0, reactors: 0, repliers: 0, creators: 0 });
    for (const day of ['2023-06-02', '2023-06-03', '2023-06-20']) {
      await write({ person: reader, day, kind: 'read' });
    }
    await write({ person: reader, day: '2023-06-21', kind: 'reply' });
    await refreshAnalytics(db, new Date('2023-06-30T23:00:00Z'));
    expect(await ladderCounts(db, only, { from: period.from, to: '2023-06-20' })).toEqual({
      readers: 1,
      reactors: 0,
      repliers: 0,
      creators: 0,
    });
    expect(await ladderCounts(db, only, period)).toEqual({
      readers: 0,
      reactors: 0,
      repliers: 1,
      creators: 0,
    });
    expect(await ladderCounts(db, only, { from: '2023-06-03', to: '2023-06-03' })).toEqual({
      readers: 1,
      reactors: 0,
      repliers: 0,
      creators: 0,
    });
  });
});
