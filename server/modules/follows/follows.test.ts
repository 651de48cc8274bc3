import { beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, buildThread, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { rowCounts } from '../../test/row-counts.js';
import { actor } from '../threads/testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
const person = (overrides: Parameters<typeof actor>[2] = {}) => actor(ctx.app, ctx.db.pool, overrides);

beforeAll(async () => {
  ctx = await testApp();
});

describe('PUT|DELETE /api/v1/threads/:id/follow', () => {
  it('follows and unfollows a readable thread idempotently; followedByMe says so', async () => {
    const author = await person();
    const reader = await person();
    const community = await buildCommunity(ctx.db.pool, { members: [author] });
    const thread = await buildThread(ctx.db.pool, { author, community });
    const url = `/api/v1/threads/${thread.id}`;
    expect((await reader.api.get(url)).json().followedByMe).toBe(false);
    expect((await reader.api.put(`${url}/follow`)).statusCode).toBe(204);
    expect((await reader.api.put(`${url}/follow`)).statusCode).toBe(204);
    expect((await reader.api.get(url)).json().followedByMe).toBe(true);
    expect((await reader.api.delete(`${url}/follow`)).statusCode).toBe(204);
    expect((await reader.api.delete(`${url}/follow`)).statusCode).toBe(204);
    expect((await reader.api.get(url)).json().followedByMe).toBe(false);
  });

  it('does not let outsiders follow threads of closed (403) or secret (404) communities', async () => {
    const author = await person();
    const outsider = await person();
    for (const [visibility, status] of [
      ['closed', 403],
      ['secret', 404],
    ] as const) {
      const community = await buildCommunity(ctx.db.pool, { visibility, members: [author] });
      const thread = await buildThread(ctx.db.pool, { author, community });
      const before = await rowCounts(ctx.db.pool);
      expect((await outsider.api.put(`/api/v1/threads/${thread.id}/follow`)).statusCode).toBe(status);
      expect(await rowCounts(ctx.db.pool)).toEqual(before);
    }
  });
});

describe('hashtags', () => {
  it('follows a tag before anyone used it, case-insensitively, and unfollows it', async () => {
    const follower = await person();
    const tag = unique('Fresh').replaceAll('-', '');
    expect((await follower.api.get(`/api/v1/hashtags/${tag}`)).json()).toEqual({
      tag: tag.toLowerCase(),
      followedByMe: false,
    });
    expect((await follower.api.put(`/api/v1/hashtags/${tag}/follow`)).statusCode).toBe(204);
    expect((await follower.api.put(`/api/v1/hashtags/${tag.toLowerCase()}/follow`)).statusCode).toBe(204);
    const { rows } = await ctx.db.pool.query('select tag from hashtags where tag = $1', [tag.toLowerCase()]);
    expect(rows).toEqual([{ tag: tag.toLowerCase() }]);
    expect((await follower.api.get(`/api/v1/hashtags/${tag}`)).json().followedByMe).toBe(true);
    expect((await follower.api.delete(`/api/v1/hashtags/${tag}/follow`)).statusCode).toBe(204);
    expect((await follower.api.get(`/api/v1/hashtags/${tag}`)).json().followedByMe).toBe(false);
  });

  it('follows tags in any script', async () => {
    const follower = await person();
    const response = await follower.api.put(`/api/v1/hashtags/${encodeURIComponent('Overleg-één')}/follow`);
    expect(response.statusCode).toBe(204);
    expect(
      (await follower.api.get(`/api/v1/hashtags/${encodeURIComponent('overleg-één')}`)).json().followedByMe,
    ).toBe(true);
  });

  it('rejects what cannot be a tag, naming it, and stores nothing', async () => {
    const follower = await person();
    for (const bad of ['42', 'two words', 'x'.repeat(51), 'semi;colon']) {
      const before = await rowCounts(ctx.db.pool);
      const response = await follower.api.put(`/api/v1/hashtags/${encodeURIComponent(bad)}/follow`);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toBe('tag');
      expect(await rowCounts(ctx.db.pool)).toEqual(before);
    }
  });
});
