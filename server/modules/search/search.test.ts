import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit, SearchResults } from '../../../contract/search.js';
import { buildCommunity, buildReply, buildThread, type TestCommunity, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor, expectRejected } from '../threads/testing.js';
import { rankReplies, rankThreads } from './repository.js';

const idOf = (hit: SearchHit) => (hit.type === 'thread' || hit.type === 'reply' ? hit.id : '');

let ctx: Awaited<ReturnType<typeof testApp>>;
let reader: Actor;
let author: Actor;
let pets: TestCommunity;
const ids: Record<string, string> = {};

async function find(who: Actor, q: string, extra = ''): Promise<SearchResults> {
  const response = await who.api.get(
    `/api/v1/search?q=${encodeURIComponent(q)}&community=${pets.slug}${extra}`,
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
const threadIds = (results: SearchResults) => results.items.filter((hit) => hit.type === 'thread').map(idOf);

beforeAll(async () => {
  ctx = await testApp();
  reader = await actor(ctx.app, ctx.db.pool);
  author = await actor(ctx.app, ctx.db.pool);
  pets = await buildCommunity(ctx.db.pool, { name: unique('Dierenvrienden'), members: [author] });
  // A fixed Dutch corpus; each expectation below is written by hand from these texts.
  const corpus: [string, string, string, string][] = [
    ['kat', 'question', 'Mijn kat eet niet meer', 'Sinds gisteren eet de kat geen brokjes.'],
    [
      'samen',
      'discussion',
      'Katten en honden samen in huis',
      'Hoe laat je katten en honden wennen aan elkaar?',
    ],
    ['budget', 'discussion', 'Vergadering over het budget', 'De begroting voor volgend jaar.'],
    ['uitlaat', 'question', 'Hondenuitlaatservice gezocht', 'Wie kent een goede uitlaatservice voor honden?'],
    [
      'code',
      'question',
      'Foutmelding bij opstarten',
      'Foutcode XJ9000 verschijnt bij het opstarten van de kassa.',
    ],
  ];
  for (const [key, kind, title, body] of corpus) {
    ids[key] = (await buildThread(ctx.db.pool, { author, community: pets, kind, title, body })).id;
  }
  ids.reply = (
    await buildReply(ctx.db.pool, {
      thread: { id: ids.budget!, title: '' },
      author,
      body: 'Het budget is goedgekeurd door de directie.',
    })
  ).id;
});

describe('search quality on a Dutch corpus', () => {
  it('stems: "katten" finds the thread about one kat, and the one about katten ranks first', async () => {
    const results = await find(reader, 'katten ');
    expect(threadIds(results)).toEqual([ids.samen, ids.kat]);
    expect(results.counts.threads).toEqual({ count: 2, more: false });
  });

  it('matches a phrase only with its words together', async () => {
    expect(threadIds(await find(reader, '"kat eet"'))).toEqual([ids.kat]);
    expect(threadIds(await find(reader, '"eet kat"'))).toEqual([]);
  });

  it('takes OR and -exclusion, also of another form of the excluded word', async () => {
    expect(new Set(threadIds(await find(reader, 'kat OR begroting')))).toEqual(
      new Set([ids.kat, ids.samen, ids.budget]),
    );
    expect(threadIds(await find(reader, 'katten -honden'))).toEqual([ids.kat]);
    expect(threadIds(await find(reader, 'katten -hond'))).toEqual([ids.kat]);
  });

  it('finds exact codes; a submitted search matches whole words, and the start of one is a close match', async () => {
    expect(threadIds(await find(reader, 'XJ9000'))).toEqual([ids.code]);
    expect((await find(reader, 'uitlaatservice')).closeMatches).toBe(false);
    const started = await find(reader, 'uitlaatserv');
    expect(started.closeMatches).toBe(true);
    expect(threadIds(started)).toEqual([ids.uitlaat]);
  });

  it('forgives a typo when nothing matches as written: "foutmeldng" finds "Foutmelding"', async () => {
    const results = await find(reader, 'foutmeldng');
    expect(results.closeMatches).toBe(true);
    expect(threadIds(results)).toEqual([ids.code]);
    expect((await find(reader, 'foutmelding')).closeMatches).toBe(false);
  });

  it('finds replies with their thread, and highlights hits as plain text pieces', async () => {
    const results = await find(reader, 'goedgekeurd', '&type=replies');
    expect(results.items).toHaveLength(1);
    const hit = results.items[0]!;
    expect(hit).toMatchObject({ type: 'reply', id: ids.reply, thread: { id: ids.budget } });
    expect(hit.type === 'reply' && hit.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual([
      'goedgekeurd',
    ]);
    expect(results.counts.replies).toEqual({ count: 1, more: false });
  });

  it('rejects a search of only exclusions, an empty one and a cursor it did not give, storing nothing', async () => {
    await expectRejected(ctx.db.pool, () => reader.api.get('/api/v1/search?q=-kat'), 400, 'q');
    await expectRejected(ctx.db.pool, () => reader.api.get('/api/v1/search?q=%20'), 400, 'q');
    await expectRejected(ctx.db.pool, () => reader.api.get(`/api/v1/search?q=${'a'.repeat(201)}`), 400, 'q');
    await expectRejected(
      ctx.db.pool,
      () => reader.api.get('/api/v1/search?q=kat&cursor=bogus'),
      400,
      'cursor',
    );
    await expectRejected(
      ctx.db.pool,
      () => reader.api.get('/api/v1/search?q=kat&from=2026-02-01&to=2026-01-01'),
      400,
      'to',
    );
  });
});

describe('ranking and filters', () => {
  it('ranks an answered question and a newer one above an equal older one without an answer', async () => {
    const word = unique('zeldzaamwoord').replaceAll('-', '');
    const community = await buildCommunity(ctx.db.pool, { members: [author] });
    const day = 86_400_000;
    const make = (at: number) =>
      buildThread(ctx.db.pool, {
        author,
        community,
        kind: 'question',
        title: `Vraag over ${word}`,
        body: 'Zelfde tekst.',
        lastActivityAt: new Date(Date.now() - at * day),
      });
    const old = await make(90);
    const recent = await make(1);
    const answered = await make(90);
    const reply = await buildReply(ctx.db.pool, { thread: answered, author: reader });
    await ctx.db.pool.query("update threads set accepted_reply_id = $2, status = 'answered' where id = $1", [
      answered.id,
      reply.id,
    ]);
    // freshness: 1 day → 0.5 + 0.5/(1 + 1/30) ≈ 0.984; 90 days → 0.625. accepted: × 1.5 → 0.9375.
    const response = await reader.api.get(`/api/v1/search?q=${word}&type=threads`);
    expect(response.json().items.map(idOf)).toEqual([recent.id, answered.id, old.id]);
    const answeredOnly = await reader.api.get(`/api/v1/search?q=${word}&type=threads&answered=1`);
    expect(answeredOnly.json().items.map(idOf)).toEqual([answered.id]);
  });

  it('filters by author, kind and date, and pages without repeating a hit', async () => {
    const word = unique('filterwoord').replaceAll('-', '');
    const other = await actor(ctx.app, ctx.db.pool);
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        await buildThread(ctx.db.pool, {
          author: i < 3 ? author : other,
          kind: i === 0 ? 'idea' : 'discussion',
          title: `${word} nummer ${i}`,
          lastActivityAt: new Date(Date.UTC(2026, 0, 10 + i)),
        }),
      );
    }
    const ask = async (extra: string) =>
      (await reader.api.get(`/api/v1/search?q=${word}&type=threads${extra}`)).json() as SearchResults;
    expect((await ask(`&author=${other.handle}`)).counts.threads.count).toBe(2);
    expect((await ask('&kind=idea')).items.map(idOf)).toEqual([made[0]!.id]);
    expect((await ask('&from=2026-01-11&to=2026-01-12')).items.map(idOf).sort()).toEqual(
      [made[1]!.id, made[2]!.id].sort(),
    );
    const first = await ask('&limit=2');
    const second = await ask(`&limit=2&cursor=${first.nextCursor}`);
    const third = await ask(`&limit=2&cursor=${second.nextCursor}`);
    const seen = [...first.items, ...second.items, ...third.items].map(idOf);
    expect(new Set(seen)).toEqual(new Set(made.map((t) => t.id)));
    expect(seen).toHaveLength(5);
    expect(third.nextCursor).toBeNull();
  });

  it('shows markup in a post as text: snippets are pieces of plain text, never HTML', async () => {
    const word = unique('opmaak').replaceAll('-', '');
    await buildThread(ctx.db.pool, {
      author,
      title: `Over ${word}`,
      body: `Schrijf \`<img src=x onerror=alert(1)>\` bij ${word}`,
    });
    const hit = (await reader.api.get(`/api/v1/search?q=${word}&type=threads`)).json().items[0];
    const text = hit.snippet.map((s: { text: string }) => s.text).join('');
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(hit.snippet.some((s: { hit: boolean; text: string }) => s.hit && s.text === word)).toBe(true);
  });
});

describe('similar questions and suggestions', () => {
  it('suggests questions sharing any word of a title being typed, best first, only questions', async () => {
    const response = await reader.api.get(
      `/api/v1/questions/similar?title=${encodeURIComponent('Waarom eet mijn kat')}`,
    );
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { id: string; title: { text: string; hit: boolean }[] }[];
    expect(items[0]!.id).toBe(ids.kat);
    expect(items.map((item) => item.id)).not.toContain(ids.samen);
    expect(items[0]!.title.filter((s) => s.hit).map((s) => s.text)).toEqual(['kat', 'eet']);
    await expectRejected(
      ctx.db.pool,
      () => reader.api.get(`/api/v1/questions/similar?title=${'x'.repeat(201)}`),
      400,
      'title',
    );
  });

  it('gives instant suggestions while typing: threads by prefix, people and communities by name', async () => {
    const response = await reader.api.get(`/api/v1/search/suggestions?q=${encodeURIComponent('hondenuitl')}`);
    expect(response.json().items.map((hit: SearchHit) => hit.type === 'thread' && hit.id)).toContain(
      ids.uitlaat,
    );
  });
});

describe('finding the newest matches', () => {
  it('finds the same matches walking down the newest posts as through the search index, in any tiers', async () => {
    const query = "'katten' | 'kat' | 'budget'";
    const asOf = new Date();
    const walked = await rankThreads(ctx.db.pool, query, {}, reader.id, asOf, null, 10, { walk: true });
    expect(walked.page.map((hit) => hit.id).sort()).toEqual([ids.kat, ids.samen, ids.budget].sort());
    // Tiers of one and two posts: the older matches have to come from the search index.
    for (const walk of [true, false]) {
      for (const tiers of [[1], [1, 2], [1, 2, 100_000]]) {
        expect(await rankThreads(ctx.db.pool, query, {}, reader.id, asOf, null, 10, { walk, tiers })).toEqual(
          walked,
        );
        const replies = await rankReplies(ctx.db.pool, "'goedgekeurd'", {}, reader.id, asOf, null, 10, {
          walk,
          tiers,
        });
        expect(replies.page.map((hit) => hit.id)).toEqual([ids.reply]);
      }
    }
  });
});
