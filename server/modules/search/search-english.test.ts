import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit, SearchResults } from '../../../contract/search.js';
import { buildThread, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor } from '../threads/testing.js';
import { reindexPending, setSearchLanguage } from './language.js';

const idOf = (hit: SearchHit) => (hit.type === 'thread' || hit.type === 'reply' ? hit.id : '');

let ctx: Awaited<ReturnType<typeof testApp>>;
let reader: Actor;
const tag = unique('corpus').replaceAll('-', '');
const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await testApp({ config: { language: 'en' } });
  reader = await actor(ctx.app, ctx.db.pool);
  const author = await actor(ctx.app, ctx.db.pool);
  // Written while the index is Dutch: switching the language must re-index them.
  ids.run = (
    await buildThread(ctx.db.pool, { author, title: `How I run a marathon ${tag}`, body: 'Slow and steady.' })
  ).id;
  ids.runs = (
    await buildThread(ctx.db.pool, { author, title: `The nightly job runs late ${tag}`, body: 'Cron.' })
  ).id;
  ids.cats = (
    await buildThread(ctx.db.pool, { author, title: `Cats in the office ${tag}`, body: 'The cat sleeps.' })
  ).id;
  expect(await setSearchLanguage(ctx.db.pool, 'en')).toBe(true);
  expect(await reindexPending(ctx.db.pool)).toBe(true);
});

afterAll(async () => {
  await setSearchLanguage(ctx.db.pool, 'nl');
  await reindexPending(ctx.db.pool);
});

const find = async (q: string) =>
  (
    (await reader.api.get(`/api/v1/search?q=${encodeURIComponent(q)}&type=threads`)).json() as SearchResults
  ).items.map(idOf);

describe('search quality on an English corpus', () => {
  it('stems English after a language switch: "running" finds run and runs', async () => {
    expect(new Set(await find(`running ${tag}`))).toEqual(new Set([ids.run, ids.runs]));
    expect(await find(`cat ${tag}`)).toEqual([ids.cats]);
  });

  it('indexes new posts in the new language at once, and drops English stop words', async () => {
    const author = await actor(ctx.app, ctx.db.pool);
    const fresh = await buildThread(ctx.db.pool, {
      author,
      title: `Running shoes ${tag}`,
      body: 'For the marathon.',
    });
    expect(await find(`the marathon ${tag}`)).toEqual(expect.arrayContaining([ids.run, fresh.id]));
    expect(await find(`"run a marathon" ${tag}`)).toEqual([ids.run]);
  });
});
