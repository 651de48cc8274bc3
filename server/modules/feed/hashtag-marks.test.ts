import { beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor } from '../threads/testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
const person = () => actor(ctx.app, ctx.db.pool);

beforeAll(async () => {
  ctx = await testApp();
});

/** A tag no other test uses, ending in the given marks: "c++" becomes "c<run>++". */
const tagEndingIn = (marks: string) => `${unique('lang').replaceAll('-', '')}${marks}`;

async function post(author: Actor, slug: string, body: string) {
  const response = await author.api.post('/api/v1/threads', {
    communitySlug: slug,
    kind: 'discussion',
    title: unique('Thread'),
    body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; bodyHtml: string };
}

describe('hashtags that end in + or # (issue 17, defect 8)', () => {
  it.each(['++', '#', '+'])('stores, lists, follows and feeds a tag ending in %s', async (marks) => {
    const author = await person();
    const reader = await person();
    const community = await buildCommunity(ctx.db.pool, { members: [author] });
    const tag = tagEndingIn(marks);
    const plain = tag.slice(0, -marks.length);
    const thread = await post(author, community.slug, `Wie kent #${tag.toUpperCase()} goed?`);
    expect(thread.bodyHtml).toContain(`href="/tags/${encodeURIComponent(tag)}"`);
    const { rows } = await ctx.db.pool.query<{ tag: string }>(
      `select h.tag from thread_hashtags th join hashtags h on h.id = th.hashtag_id where th.thread_id = $1`,
      [thread.id],
    );
    expect(rows.map((row) => row.tag)).toEqual([tag]);

    const path = `/api/v1/hashtags/${encodeURIComponent(tag)}`;
    expect((await reader.api.put(`${path}/follow`)).statusCode).toBe(204);
    expect((await reader.api.get(path)).json()).toEqual({ tag, followedByMe: true });
    const listed = await reader.api.get(`${path}/threads`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().items.map((item: { id: string }) => item.id)).toEqual([thread.id]);
    // The tag without its marks is another tag, with no threads of its own.
    expect((await reader.api.get(`/api/v1/hashtags/${plain}/threads`)).json().items).toEqual([]);
    const feed = (await reader.api.get('/api/v1/feed?limit=50')).json();
    expect(feed.items.map((item: { id: string }) => item.id)).toContain(thread.id);
  });

  it('stores dotted tags such as .net and node.js', async () => {
    const author = await person();
    const community = await buildCommunity(ctx.db.pool, { members: [author] });
    const word = unique('stack').replaceAll('-', '');
    const thread = await post(author, community.slug, `Migratie van #.${word} naar #${word}.js.`);
    const listed = await author.api.get(`/api/v1/hashtags/.${word}/threads`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().items.map((item: { id: string }) => item.id)).toEqual([thread.id]);
    expect((await author.api.get(`/api/v1/hashtags/${word}.js/threads`)).json().items).toHaveLength(1);
  });

  it.each(['c+++', 'a..b', '.5', 'c#x', '+c', 'no%20spaces'])('refuses the tag %s in a path', async (tag) => {
    const reader = await person();
    const response = await reader.api.get(
      `/api/v1/hashtags/${tag.includes('%') ? tag : encodeURIComponent(tag)}/threads`,
    );
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
