import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchResults } from '../../../contract/search.js';
import { buildCommunity, buildReply, buildThread, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor } from '../threads/testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
let member: Actor;
let outsider: Actor;
let admin: Actor;
const word = unique('zwaardvis').replaceAll('-', '');

beforeAll(async () => {
  ctx = await testApp();
  member = await actor(ctx.app, ctx.db.pool);
  outsider = await actor(ctx.app, ctx.db.pool);
  admin = await actor(ctx.app, ctx.db.pool, { role: 'admin' });
  for (const visibility of ['open', 'closed', 'secret'] as const) {
    const community = await buildCommunity(ctx.db.pool, {
      visibility,
      members: [member],
      name: `${visibility} ${word} gilde`,
    });
    const thread = await buildThread(ctx.db.pool, {
      author: member,
      community,
      title: `${word} in ${visibility}`,
    });
    await buildReply(ctx.db.pool, { thread, author: member, body: `Antwoord over ${word}` });
  }
  const removed = await buildThread(ctx.db.pool, { author: member, title: `${word} verwijderd` });
  await ctx.db.pool.query('update threads set deleted_at = now() where id = $1', [removed.id]);
  const open = await buildThread(ctx.db.pool, { author: member, title: `Nog een ${word}` });
  const gone = await buildReply(ctx.db.pool, { thread: open, author: member, body: `Weg ${word}` });
  await ctx.db.pool.query('update replies set deleted_at = now() where id = $1', [gone.id]);
});

const search = async (who: Actor, q: string, type = 'all') =>
  (await who.api.get(`/api/v1/search?q=${encodeURIComponent(q)}&type=${type}`)).json() as SearchResults;

describe('search shows only what the reader may see, counts included', () => {
  it('gives members closed and secret content; never deleted threads or replies', async () => {
    const results = await search(member, word);
    expect(results.counts.threads).toEqual({ count: 4, more: false });
    expect(results.counts.replies).toEqual({ count: 3, more: false });
    expect(results.counts.communities).toEqual({ count: 3, more: false });
  });

  it.each([
    ['outsider', () => outsider],
    ['admin', () => admin],
  ])('gives an %s only open content, and no trace of the secret community', async (_name, who) => {
    const results = await search(who(), word);
    expect(results.counts.threads).toEqual({ count: 2, more: false });
    expect(results.counts.replies).toEqual({ count: 1, more: false });
    // A closed community's existence is public, a secret one's is not.
    expect(results.counts.communities).toEqual({ count: 2, more: false });
    expect(JSON.stringify(results)).not.toMatch(/secret/i);
    for (const type of ['threads', 'replies', 'communities'])
      expect(JSON.stringify(await search(who(), `${word} secret`, type))).not.toMatch(
        /in secret|secret zwaardvis/i,
      );
  });
});

describe('people and communities by name, with typos', () => {
  it('finds "Jansen" for "jansenn" and a community for a misspelt name', async () => {
    const jansen = await actor(ctx.app, ctx.db.pool, { name: 'Piet Jansen' });
    const found = await search(outsider, 'jansenn', 'people');
    expect(found.items.map((hit) => hit.type === 'person' && hit.person.id)).toContain(jansen.id);
    const guild = await buildCommunity(ctx.db.pool, { name: `Kubernetes ${unique('Gilde')}` });
    const byTypo = await search(outsider, 'kubernets', 'communities');
    expect(byTypo.items.map((hit) => hit.type === 'community' && hit.slug)).toContain(guild.slug);
  });

  it('on "all", looks for names a typo away only when nothing matched as written', async () => {
    const surname = unique('Vermeulen').replaceAll('-', '');
    const els = await actor(ctx.app, ctx.db.pool, { name: `Els ${surname}` });
    const typo = `${surname}x`.toLowerCase();
    const people = (found: SearchResults) =>
      found.items.flatMap((hit) => (hit.type === 'person' ? [hit.person.id] : []));
    expect(people(await search(outsider, typo))).toContain(els.id);
    await buildThread(ctx.db.pool, { author: member, title: `Over ${typo}` });
    const beside = await search(outsider, typo);
    expect(beside.counts.threads.count).toBe(1);
    expect(people(beside)).not.toContain(els.id);
    expect(people(await search(outsider, typo, 'people'))).toContain(els.id);
  });

  it('finds secret communities by name only for their members', async () => {
    const name = unique('Verborgen').replaceAll('-', '');
    await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [member], name });
    expect((await search(member, name, 'communities')).counts.communities.count).toBe(1);
    const outside = await search(outsider, name, 'communities');
    expect(outside.counts.communities.count).toBe(0);
    expect(outside.items).toEqual([]);
  });
});
