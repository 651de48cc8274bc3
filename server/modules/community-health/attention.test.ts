import { beforeAll, describe, expect, it } from 'vitest';
import type { AttentionItem } from '../../../contract/community-health.js';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, buildPerson } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { setMinimumGroup } from '../analytics/testing.js';
import { type Actor, actor, expectRejected } from '../threads/testing.js';
import { activeOn, setThreshold } from './testing.js';

const clock = manualClock(new Date('2026-03-20T10:00:00Z'));
let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp({ clock });
  // Figures of a small world, each worked out by hand: the smallest group size (every file that sets it sets 1).
  await setMinimumGroup(ctx.db.pool, 1);
});

const URL = '/api/v1/admin/communities/attention';

/** Every page of the list, followed to its end. */
async function everything(who: Actor, limit = 100): Promise<{ items: AttentionItem[]; pages: number }> {
  const items: AttentionItem[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const response = await who.api.get(`${URL}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    items.push(...body.items);
    cursor = body.nextCursor;
    pages++;
  } while (cursor);
  return { items, pages };
}

describe('GET /api/v1/admin/communities/attention', () => {
  it('lists unsponsored and below-threshold communities, with figures only where the viewer may read', async () => {
    const db = ctx.db.pool;
    const admin = await actor(ctx.app, db, { role: 'admin' });
    const sponsor = await buildPerson(db, { leader: true });
    const [p1, p2] = await Promise.all([buildPerson(db), buildPerson(db)]);
    const unsponsored = await buildCommunity(db, { name: 'Attention unsponsored' });
    const healthy = await buildCommunity(db, { name: 'Attention healthy', kind: 'specialist', sponsor });
    await setThreshold(db, healthy.id, 2);
    await activeOn(db, healthy.id, { [p1.id]: ['2026-03-20'], [p2.id]: ['2026-02-21'] });
    const quiet = await buildCommunity(db, { name: 'Attention quiet', kind: 'specialist', sponsor });
    await activeOn(db, quiet.id, { [p1.id]: ['2026-03-01'] });
    const closed = await buildCommunity(db, { name: 'Attention closed', visibility: 'closed' });
    const closedSponsored = await buildCommunity(db, {
      name: 'Attention closed ok',
      visibility: 'closed',
      sponsor,
    });
    const secret = await buildCommunity(db, { name: 'Attention secret', visibility: 'secret' });
    const secretMine = await buildCommunity(db, {
      name: 'Attention secret mine',
      visibility: 'secret',
      members: [admin],
    });
    await activeOn(db, secretMine.id, { [p1.id]: ['2026-03-19'] });

    const { items } = await everything(admin);
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get(unsponsored.id)).toMatchObject({
      reasons: ['no_sponsor', 'below_threshold'],
      activeParticipants: 0,
      threshold: 250,
      viable: false,
      sponsor: null,
    });
    expect(byId.has(healthy.id)).toBe(false);
    expect(byId.get(quiet.id)).toMatchObject({
      reasons: ['below_threshold'],
      activeParticipants: 1,
      threshold: 25,
      sponsor: { handle: sponsor.handle },
    });
    // Closed and not theirs: flagged for the missing sponsor, its activity stays its members' business.
    expect(byId.get(closed.id)).toMatchObject({
      reasons: ['no_sponsor'],
      activeParticipants: null,
      viable: null,
    });
    expect(byId.has(closedSponsored.id)).toBe(false);
    expect(byId.has(secret.id)).toBe(false);
    expect(JSON.stringify(items)).not.toContain(secret.slug);
    expect(byId.get(secretMine.id)).toMatchObject({
      reasons: ['no_sponsor', 'below_threshold'],
      activeParticipants: 1,
    });
  });

  it('pages by name without losing or repeating a community', async () => {
    const db = ctx.db.pool;
    const manager = await actor(ctx.app, db, { role: 'community_manager' });
    for (let i = 0; i < 3; i++) await buildCommunity(db, { name: `Attention paging ${i}` });
    const whole = await everything(manager);
    const paged = await everything(manager, 1);
    expect(paged.items.map((item) => item.id)).toEqual(whole.items.map((item) => item.id));
    expect(paged.pages).toBeGreaterThanOrEqual(whole.items.length);
  });

  it('refuses members and leaders, and a forged cursor, without changing anything', async () => {
    const db = ctx.db.pool;
    const member = await actor(ctx.app, db);
    const leader = await actor(ctx.app, db, { leader: true });
    const admin = await actor(ctx.app, db, { role: 'admin' });
    for (const who of [member, leader]) {
      const response = await expectRejected(db, () => who.api.get(URL), 403);
      expect(response.json().detail).toMatch(/admins and community managers/);
    }
    await expectRejected(db, () => admin.api.get(`${URL}?cursor=nonsense`), 400, 'cursor');
    const forged = Buffer.from(JSON.stringify(['a', 'x1'])).toString('base64url');
    await expectRejected(db, () => admin.api.get(`${URL}?cursor=${forged}`), 400, 'cursor');
    await expectRejected(db, () => admin.api.get(`${URL}?limit=101`), 400, 'limit');
  });
});
