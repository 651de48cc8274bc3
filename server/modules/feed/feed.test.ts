import { beforeAll, describe, expect, it } from 'vitest';
import type { ActivityItem } from '../../../contract/feed.js';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, buildThread, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor, type Page } from '../threads/testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
// Far in the future, so this file's threads are the newest in a database other test files share.
const clock = manualClock(new Date('2101-01-01T00:00:00Z'));
const person = (overrides: Parameters<typeof actor>[2] = {}) => actor(ctx.app, ctx.db.pool, overrides);

beforeAll(async () => {
  ctx = await testApp({ clock });
});

type Item = { id: string; title: string; lastActivityAt: string; community: { slug: string } | null };

/** Posts through the API, one minute after the previous post. */
async function post(
  author: Actor,
  input: { community?: { slug: string }; kind?: string; title?: string; body?: string },
) {
  clock.advance(60_000);
  const response = await author.api.post('/api/v1/threads', {
    communitySlug: input.community?.slug ?? null,
    kind: input.kind ?? 'discussion',
    title: input.title ?? unique('Thread'),
    body: input.body ?? 'Body',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Item;
}

/** Every page of a list, checking that each page is newest-first and nothing repeats. */
async function walk(viewer: Actor, url: string, limit: number): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const response = await viewer.api.get(
      `${url}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json();
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1]!, items[i]!];
    const newer =
      a.lastActivityAt > b.lastActivityAt ||
      (a.lastActivityAt === b.lastActivityAt && BigInt(a.id) > BigInt(b.id));
    expect(newer, `${a.id} before ${b.id}`).toBe(true);
  }
  return items;
}

describe('GET /api/v1/feed', () => {
  it('fans in every source the viewer may read, once each, newest first — and nothing else', async () => {
    const viewer = await person();
    const followed = await person();
    const stranger = await person();
    const leader = await person({ leader: true });
    const tag = unique('tag').replaceAll('-', '');
    const joined = await buildCommunity(ctx.db.pool, { members: [viewer, followed] });
    const openElsewhere = await buildCommunity(ctx.db.pool, { members: [followed, stranger] });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [followed] });
    const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed', members: [stranger] });
    const followedOpen = await buildCommunity(ctx.db.pool, { members: [stranger] });
    const followedClosed = await buildCommunity(ctx.db.pool, { visibility: 'closed', members: [stranger] });
    const unrelated = await buildCommunity(ctx.db.pool, { members: [stranger] });
    expect((await viewer.api.put(`/api/v1/people/${followed.handle}/follow`)).statusCode).toBe(204);
    expect((await viewer.api.put(`/api/v1/hashtags/${tag}/follow`)).statusCode).toBe(204);
    for (const community of [followedOpen, followedClosed]) {
      await ctx.db.pool.query('insert into community_follows (person_id, community_id) values ($1, $2)', [
        viewer.id,
        community.id,
      ]);
    }

    // In a joined community, by a followed person, with a followed tag: three sources, one item.
    const inJoined = await post(followed, { community: joined, body: `#${tag}` });
    const personalUpdate = await post(followed, { kind: 'update', title: '' });
    const followedSecret = await post(followed, { community: secret });
    const followedOpenElsewhere = await post(followed, { community: openElsewhere });
    const taggedOpen = await post(stranger, { community: unrelated, body: `on #${tag}` });
    const taggedClosed = await post(stranger, { community: closed, body: `on #${tag}` });
    const inFollowedOpen = await post(stranger, { community: followedOpen });
    const inFollowedClosed = await post(stranger, { community: followedClosed });
    const announcement = await post(leader, { kind: 'announcement' });
    const own = await post(viewer, { kind: 'update', title: '' });
    const unrelatedThread = await post(stranger, { community: unrelated });
    const removed = await post(followed, { community: joined });
    expect((await followed.api.delete(`/api/v1/threads/${removed.id}`)).statusCode).toBe(204);

    const items = await walk(viewer, '/api/v1/feed', 5);
    const ids = items.map((item) => item.id);
    const expected = [
      own,
      announcement,
      inFollowedOpen,
      taggedOpen,
      followedOpenElsewhere,
      personalUpdate,
      inJoined,
    ];
    expect(ids.slice(0, expected.length)).toEqual(expected.map((thread) => thread.id));
    for (const hidden of [followedSecret, taggedClosed, inFollowedClosed, unrelatedThread, removed]) {
      expect(ids).not.toContain(hidden.id);
    }
    const text = JSON.stringify(items);
    expect(text).not.toContain(secret.slug);
    expect(text).not.toContain(closed.slug);

    // Someone with no sources at all still sees the company-wide announcement.
    const newcomer = await person();
    const theirs = (await newcomer.api.get('/api/v1/feed?limit=3')).json();
    expect(theirs.items.map((item: Item) => item.id)).toContain(announcement.id);
  });

  it('pages without duplicates, breaks ties by id, and moves a thread up when it gets a reply', async () => {
    const viewer = await person();
    const author = await person();
    const community = await buildCommunity(ctx.db.pool, { members: [viewer, author] });
    const base = new Date('2102-06-01T00:00:00Z').getTime();
    const mine: string[] = [];
    for (let i = 0; i < 23; i++) {
      // Three share one instant: the cursor must carry the id to split them.
      const at = new Date(base + Math.min(i, 20) * 1000);
      mine.push((await buildThread(ctx.db.pool, { author, community, lastActivityAt: at })).id);
    }
    const items = await walk(viewer, '/api/v1/feed', 4);
    const expectedOrder = [...mine].reverse().sort((a, b) => {
      const [ia, ib] = [mine.indexOf(a), mine.indexOf(b)];
      const [ta, tb] = [Math.min(ia, 20), Math.min(ib, 20)];
      return tb - ta || Number(BigInt(b) - BigInt(a));
    });
    expect(items.slice(0, 23).map((item) => item.id)).toEqual(expectedOrder);

    clock.set(new Date('2103-01-01T00:00:00Z'));
    const oldest = mine[0]!;
    expect((await author.api.post(`/api/v1/threads/${oldest}/replies`, { body: 'Bump' })).statusCode).toBe(
      201,
    );
    const first = (await viewer.api.get('/api/v1/feed?limit=2')).json();
    expect(first.items[0]).toMatchObject({
      id: oldest,
      replyCount: 1,
      lastActivityAt: '2103-01-01T00:00:00.000Z',
    });
    expect(first.items[1].id).toBe(expectedOrder[0]);
  });

  it("keeps other sources' threads that are newer than a page of one's own communities, on every page", async () => {
    const viewer = await person();
    const colleague = await person();
    const followed = await person();
    const stranger = await person();
    const tag = unique('bar').replaceAll('-', '');
    const busy = await buildCommunity(ctx.db.pool, { members: [viewer, colleague] });
    const elsewhere = await buildCommunity(ctx.db.pool, { members: [followed, stranger] });
    expect((await viewer.api.put(`/api/v1/people/${followed.handle}/follow`)).statusCode).toBe(204);
    expect((await viewer.api.put(`/api/v1/hashtags/${tag}/follow`)).statusCode).toBe(204);
    clock.set(new Date('2104-01-01T00:00:00Z'));
    // Oldest first; a page of three of the busy community's threads sets the bar the other sources stop at.
    const followedOld = await post(followed, { community: elsewhere });
    const c1 = await post(colleague, { community: busy });
    const c2 = await post(colleague, { community: busy });
    const tagged = await post(stranger, { community: elsewhere, body: `on #${tag}` });
    const c3 = await post(colleague, { community: busy });
    const followedNew = await post(followed, { community: elsewhere });
    const [c4, c5, c6] = [
      await post(colleague, { community: busy }),
      await post(colleague, { community: busy }),
      await post(colleague, { community: busy }),
    ];
    const items = await walk(viewer, '/api/v1/feed', 3);
    const expected = [c6, c5, c4, followedNew, c3, tagged, c2, c1, followedOld];
    expect(items.slice(0, expected.length).map((item) => item.id)).toEqual(expected.map((item) => item.id));
  });

  it('refuses a cursor it did not give out, naming the field', async () => {
    const viewer = await person();
    for (const cursor of [
      'garbage',
      Buffer.from('["2020-01-01", "1"]').toString('base64url'),
      Buffer.from('["2020-01-01T00:00:00.000000Z", "x"]').toString('base64url'),
    ]) {
      const response = await viewer.api.get(`/api/v1/feed?cursor=${cursor}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toBe('cursor');
    }
    expect((await viewer.api.get('/api/v1/feed?limit=101')).statusCode).toBe(400);
  });
});

describe('GET /api/v1/groups/:slug/threads', () => {
  it("lists a readable community's threads newest first, filters by kind, and hides closed and secret ones", async () => {
    const member = await person();
    const outsider = await person();
    const community = await buildCommunity(ctx.db.pool, { members: [member] });
    const question = await post(member, { community, kind: 'question' });
    const discussion = await post(member, { community });
    const removed = await post(member, { community });
    await member.api.delete(`/api/v1/threads/${removed.id}`);
    const all = await walk(outsider, `/api/v1/groups/${community.slug}/threads`, 1);
    expect(all.map((item) => item.id)).toEqual([discussion.id, question.id]);
    const questions = await walk(outsider, `/api/v1/groups/${community.slug}/threads?kind=question`, 10);
    expect(questions.map((item) => item.id)).toEqual([question.id]);
    expect((await outsider.api.get(`/api/v1/groups/${community.slug}/threads?kind=rant`)).statusCode).toBe(
      400,
    );

    const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed', members: [member] });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [member] });
    const inClosed = await post(member, { community: closed });
    expect((await outsider.api.get(`/api/v1/groups/${closed.slug}/threads`)).statusCode).toBe(403);
    expect((await outsider.api.get(`/api/v1/groups/${secret.slug}/threads`)).statusCode).toBe(404);
    expect(
      (await member.api.get(`/api/v1/groups/${closed.slug}/threads`)).json().items.map((i: Item) => i.id),
    ).toEqual([inClosed.id]);
  });
});

describe('GET /api/v1/people/:handle/activity', () => {
  it("shows a person's threads and replies where the viewer may read them, newest first, across pages", async () => {
    const writer = await person();
    const viewer = await person();
    const open = await buildCommunity(ctx.db.pool, { members: [writer] });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [writer] });
    const openThread = await post(writer, { community: open, title: 'Open thread' });
    const secretThread = await post(writer, { community: secret, title: 'Secret thread' });
    clock.advance(60_000);
    const openReply = (
      await writer.api.post(`/api/v1/threads/${openThread.id}/replies`, { body: 'My reply' })
    ).json();
    await writer.api.post(`/api/v1/threads/${secretThread.id}/replies`, { body: 'Secret reply' });
    // A thread and a reply at the same instant: the cursor must keep both.
    clock.advance(60_000);
    const sameInstantReply = (
      await writer.api.post(`/api/v1/threads/${openThread.id}/replies`, { body: 'Twin' })
    ).json();
    const sameInstantThread = (
      await writer.api.post('/api/v1/threads', { kind: 'update', body: 'Twin update' })
    ).json();
    const removedReply = (
      await writer.api.post(`/api/v1/threads/${openThread.id}/replies`, { body: 'Gone' })
    ).json();
    await writer.api.delete(`/api/v1/replies/${removedReply.id}`);

    const seen: { type: string; id: string }[] = [];
    let cursor: string | null = null;
    do {
      const response = await viewer.api.get(
        `/api/v1/people/${writer.handle}/activity?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(response.statusCode).toBe(200);
      const page: Page<ActivityItem> = response.json();
      for (const item of page.items)
        seen.push({ type: item.type, id: item.type === 'thread' ? item.thread.id : item.reply.id });
      expect(JSON.stringify(page)).not.toMatch(/Secret/);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      { type: 'thread', id: sameInstantThread.id },
      { type: 'reply', id: sameInstantReply.id },
      { type: 'reply', id: openReply.id },
      { type: 'thread', id: openThread.id },
    ]);
    const first = (await viewer.api.get(`/api/v1/people/${writer.handle}/activity?limit=3`)).json();
    expect(first.items[1]).toMatchObject({
      type: 'reply',
      reply: { id: sameInstantReply.id, excerpt: 'Twin', parentId: null },
      thread: { id: openThread.id, title: 'Open thread', community: { slug: open.slug, visibility: 'open' } },
    });

    // A fellow member of the secret community does see it there.
    const insider = await person();
    await ctx.db.pool.query('insert into community_members (community_id, person_id) values ($1, $2)', [
      secret.id,
      insider.id,
    ]);
    const insiderView = (await insider.api.get(`/api/v1/people/${writer.handle}/activity?limit=20`)).json();
    expect(insiderView.items).toHaveLength(6);
    expect((await viewer.api.get('/api/v1/people/no-such-person/activity')).statusCode).toBe(404);
  });
});

describe('GET /api/v1/hashtags/:tag/threads', () => {
  it('lists threads with the tag that the viewer may read, newest activity first', async () => {
    const author = await person();
    const viewer = await person();
    const tag = unique('Topic').replaceAll('-', '');
    const open = await buildCommunity(ctx.db.pool, { members: [author] });
    const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed', members: [author] });
    const first = await post(author, { community: open, body: `#${tag}` });
    const hidden = await post(author, { community: closed, body: `#${tag}` });
    const second = await post(author, { kind: 'update', title: '', body: `also #${tag}` });
    const listed = await walk(viewer, `/api/v1/hashtags/${tag}/threads`, 1);
    expect(listed.map((item) => item.id)).toEqual([second.id, first.id]);
    const theirs = await walk(author, `/api/v1/hashtags/${tag.toLowerCase()}/threads`, 10);
    expect(theirs.map((item) => item.id)).toEqual([second.id, hidden.id, first.id]);
    expect((await viewer.api.get('/api/v1/hashtags/no%20spaces/threads')).statusCode).toBe(400);
  });
});

describe('?origin= on the community list and the home feed', () => {
  it('keeps only threads started by leaders (top_down) or by others (bottom_up)', async () => {
    const leader = await person({ leader: true });
    const employee = await person();
    const community = await buildCommunity(ctx.db.pool, { members: [leader, employee] });
    const fromTop = await post(leader, { community });
    const fromBelow = await post(employee, { community });
    const alsoFromTop = await post(leader, { community, kind: 'question' });
    const ids = (items: Item[]) => items.map((item) => item.id);
    const base = `/api/v1/groups/${community.slug}/threads`;
    expect(ids(await walk(employee, `${base}?origin=top_down`, 1))).toEqual([alsoFromTop.id, fromTop.id]);
    expect(ids(await walk(employee, `${base}?origin=bottom_up`, 1))).toEqual([fromBelow.id]);
    expect(ids(await walk(employee, `${base}?origin=top_down&kind=question`, 5))).toEqual([alsoFromTop.id]);
    const home = ids(await walk(employee, '/api/v1/feed?origin=top_down', 5));
    expect(home).toEqual(expect.arrayContaining([alsoFromTop.id, fromTop.id]));
    expect(home).not.toContain(fromBelow.id);
    const homeBelow = ids(await walk(employee, '/api/v1/feed?origin=bottom_up', 5));
    expect(homeBelow).toContain(fromBelow.id);
    expect(homeBelow).not.toContain(fromTop.id);
    expect((await employee.api.get(`${base}?origin=sideways`)).statusCode).toBe(400);
  });
});
