import { beforeAll, describe, expect, it } from 'vitest';
import type { Experts } from '../../../contract/experts.js';
import type { SearchResults } from '../../../contract/search.js';
import { manualClock } from '../../platform/clock.js';
import { unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor } from '../threads/testing.js';
import { loadInterchange } from './loader/load.js';
import { interchangeFile, newSource } from './testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
let asker: Actor;
let answerer: Actor;
let reader: Actor;
const tag = unique('forklift').replace(/[^a-z]/g, '');

beforeAll(async () => {
  ctx = await testApp();
  asker = await actor(ctx.app, ctx.db.pool);
  answerer = await actor(ctx.app, ctx.db.pool);
  reader = await actor(ctx.app, ctx.db.pool);
  const records: object[] = [
    { type: 'person', sourceId: 'a', name: 'Asker', email: asker.email },
    { type: 'person', sourceId: 'b', name: 'Answerer', email: answerer.email },
    { type: 'community', sourceId: 'g', name: 'Logistics', visibility: 'open' },
  ];
  // Years of answers: the answerer's replies were accepted three times.
  for (let i = 0; i < 3; i++) {
    records.push(
      {
        type: 'thread',
        sourceId: `q${i}`,
        communitySourceId: 'g',
        authorSourceId: 'a',
        kind: 'question',
        title: `How to charge the ${tag} ${i}?`,
        body: `Battery trouble #${tag}`,
        createdAt: `201${i}-06-01T08:00:00Z`,
      },
      {
        type: 'reply',
        sourceId: `q${i}a`,
        threadSourceId: `q${i}`,
        authorSourceId: 'b',
        body: 'Overnight, on the slow charger.',
        createdAt: `201${i}-06-01T09:00:00Z`,
        accepted: true,
      },
    );
  }
  await loadInterchange(ctx.db.pool, interchangeFile(records, newSource()), {
    clock: manualClock(new Date('2026-12-06T10:00:00Z')),
  });
});

describe('imported history', () => {
  it('is found by search', async () => {
    const found = (await reader.api.get(`/api/v1/search?q=${tag}&type=threads`)).json() as SearchResults;
    expect(found.counts.threads.count).toBe(3);
  });

  it('makes the people who answered for years the experts on day one', async () => {
    const experts = (
      await reader.api.get(`/api/v1/experts?q=${encodeURIComponent(`#${tag}`)}`)
    ).json() as Experts;
    expect(experts.items[0]?.person.id).toBe(answerer.id);
    expect(experts.items[0]?.evidence).toContainEqual({
      source: 'accepted_answer',
      count: 3,
      topic: tag,
      topicKind: 'hashtag',
      community: null,
    });
  });
});
