import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../platform/clock.js';
import { ownTestDatabase } from '../../../test/harness.js';
import { rebuildParticipation } from '../../activity/repository.js';
import { rebuildAnalytics } from '../../analytics/refresh.js';
import { interchangeFile, newSource } from '../testing.js';
import { type LoadOptions, loadInterchange } from './load.js';

// Every roll-up an import computes again (analytics_state holds only the moments of the last refresh).
const ROLLUPS = [
  'person_active_days',
  'community_active_days',
  'analytics_active_days',
  'analytics_ama_questions',
  'analytics_answers',
  'analytics_collaboration_days',
  'analytics_community_active',
  'analytics_conversation_days',
  'analytics_interaction_days',
  'analytics_pairs',
  'analytics_people',
  'analytics_person_activity',
  'analytics_questions',
  'analytics_theme_days',
  'analytics_tie_days',
  'analytics_ties',
];

let own: Awaited<ReturnType<typeof ownTestDatabase>>;
const clock = manualClock(new Date('2026-12-06T10:00:00Z'));
const source = newSource();

beforeAll(async () => {
  own = await ownTestDatabase();
});
afterAll(async () => {
  await own.close();
});

const person = (id: string, department: string, location: string, more: object = {}) => ({
  type: 'person',
  sourceId: id,
  name: `Person ${id}`,
  email: `${id}-${source}@example.com`,
  department,
  location,
  ...more,
});
const thread = (id: string, author: string, at: string, more: object = {}) => ({
  type: 'thread',
  sourceId: id,
  authorSourceId: author,
  body: `Thread ${id}`,
  createdAt: at,
  ...more,
});
const reply = (id: string, threadId: string, author: string, at: string, more: object = {}) => ({
  type: 'reply',
  sourceId: id,
  threadSourceId: threadId,
  authorSourceId: author,
  body: `Reply ${id}`,
  createdAt: at,
  ...more,
});
const reaction = (id: string, target: 'thread' | 'reply', targetId: string, by: string, at: string) => ({
  type: 'reaction',
  sourceId: id,
  target,
  targetSourceId: targetId,
  personSourceId: by,
  kind: 'like',
  createdAt: at,
});

/** The first export: 2019 and the last weeks (reach counts the last 90 days). */
const FIRST = [
  person('u1', 'Sales', 'Amsterdam'),
  person('u2', 'Warehouse', 'Utrecht', { managerSourceId: 'u3' }),
  person('u3', 'Warehouse', 'Utrecht', { isLeader: true }),
  { ...person('u4', 'Warehouse', 'Tilburg'), email: undefined },
  { type: 'community', sourceId: 'g1', name: 'Warehouse floor', visibility: 'closed' },
  thread('m1', 'u1', '2019-03-05T10:00:00Z', { communitySourceId: 'g1', kind: 'question' }),
  reply('m2', 'm1', 'u2', '2019-03-05T11:00:00Z', { accepted: true }),
  reply('m3', 'm1', 'u3', '2019-03-06T09:00:00Z', { parentReplySourceId: 'm2' }),
  thread('m5', 'u4', '2026-11-20T08:00:00Z'),
  reply('m6', 'm5', 'u1', '2026-11-21T08:00:00Z'),
  reaction('r1', 'thread', 'm1', 'u3', '2019-03-05T12:00:00Z'),
  reaction('r2', 'reply', 'm6', 'u2', '2026-11-22T08:00:00Z'),
];
/** A later export: posts of May 2020, one of them a reply to the 2019 question. */
const LATER = [
  thread('m7', 'u2', '2020-05-04T09:00:00Z', { communitySourceId: 'g1', kind: 'question' }),
  reply('m8', 'm7', 'u4', '2020-05-05T09:00:00Z', { accepted: true }),
  reply('m9', 'm1', 'u4', '2020-05-06T09:00:00Z'),
  reaction('r3', 'thread', 'm7', 'u1', '2020-05-04T10:00:00Z'),
];

async function snapshot(): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of ROLLUPS) {
    const { rows } = await own.db.pool.query<{ row: string }>(
      `select t::text as row from ${table} t order by 1`,
    );
    tables[table] = rows.map((r) => r.row);
  }
  return tables;
}

/** What a full rebuild of every roll-up makes of the same posts. */
async function rebuiltWhole(): Promise<Record<string, string[]>> {
  await own.db.pool.query('truncate person_active_days, community_active_days');
  await rebuildParticipation(own.db.pool);
  await rebuildAnalytics(own.db.pool, clock.now());
  return snapshot();
}

// A roll-up row of a day long before any import: only a full rebuild clears it.
const MARKER_DAY = '2001-01-01';
const addMarker = () =>
  own.db.pool.query(
    `insert into analytics_conversation_days
       (grain, community_id, department, location, day, kind, origin, on_theme, on_goal, by_leader, threads, replies)
     values (0, null, null, null, $1, 'discussion', 'bottom_up', false, false, false, 1, 0)`,
    [MARKER_DAY],
  );
const markerKept = async () =>
  (await own.db.pool.query('select 1 from analytics_conversation_days where day = $1', [MARKER_DAY]))
    .rowCount === 1;

async function load(records: object[], extra: Partial<LoadOptions> = {}) {
  const stages: string[] = [];
  await loadInterchange(own.db.pool, interchangeFile(records, source), {
    clock,
    onStage: (stage) => stages.push(stage),
    ...extra,
  });
  return stages;
}

describe('the roll-ups after an import', () => {
  it('computes again only the days from the first one the import touched, as a full rebuild would', async () => {
    await load(FIRST);
    await addMarker();
    await load(LATER);
    expect(await markerKept()).toBe(true);
    await own.db.pool.query('delete from analytics_conversation_days where day = $1', [MARKER_DAY]);
    const partial = await snapshot();
    // May 2020, counted by hand: the question m7, the replies m8 and m9, each once at the grain of the whole org.
    const { rows } = await own.db.pool.query<{ threads: number; replies: number }>(
      `select sum(threads)::int as threads, sum(replies)::int as replies from analytics_conversation_days
        where grain = 0 and day between '2020-05-01' and '2020-05-31'`,
    );
    expect(rows[0]).toEqual({ threads: 1, replies: 2 });
    expect(partial).toEqual(await rebuiltWhole());
  });

  it('computes nothing again when a run changed nothing', async () => {
    const stages = await load(LATER);
    expect(stages).not.toContain('analytics');
    expect(stages).not.toContain('participation');
  });

  it('takes in the days of a run that was killed, when the next run finishes it', async () => {
    const killed = [
      thread('m10', 'u3', '2021-02-01T09:00:00Z', { communitySourceId: 'g1' }),
      reply('m11', 'm10', 'u1', '2021-02-03T09:00:00Z'),
      reply('m12', 'm10', 'u4', '2021-02-04T09:00:00Z'),
    ];
    const stop = async (batch: number) => {
      if (batch === 2) throw new Error('killed');
    };
    await expect(load(killed, { batchSize: 1, beforeCommit: stop })).rejects.toThrow('killed');
    await addMarker();
    // The thread came in with the killed run: this run writes only the replies, two days later.
    await load(killed);
    expect(await markerKept()).toBe(true);
    await own.db.pool.query('delete from analytics_conversation_days where day = $1', [MARKER_DAY]);
    const { rows } = await own.db.pool.query<{ threads: number }>(
      `select sum(threads)::int as threads from analytics_conversation_days where grain = 0 and day = '2021-02-01'`,
    );
    expect(rows[0]!.threads).toBe(1);
    expect(await snapshot()).toEqual(await rebuiltWhole());
  });

  it('rebuilds everything when a later export removes a post', async () => {
    await addMarker();
    await load([reply('m9', 'm1', 'u4', '2020-05-06T09:00:00Z', { deletedAt: '2026-12-01T00:00:00Z' })]);
    expect(await markerKept()).toBe(false);
    expect(await snapshot()).toEqual(await rebuiltWhole());
  });
});
