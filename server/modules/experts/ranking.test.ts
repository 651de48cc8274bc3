import { beforeAll, describe, expect, it } from 'vitest';
import type { Experts } from '../../../contract/experts.js';
import { inTransaction } from '../../platform/db/database.js';
import { buildCommunity, type TestCommunity, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor } from '../threads/testing.js';
import { rebuildExpertise, refreshExpertiseSince } from './rebuild.js';

// Hand-computed rankings on constructed data (docs/SEARCH.md, "Experts"): score = Σ weight × ln(1 + count) + 3.
let ctx: Awaited<ReturnType<typeof testApp>>;
const letters = unique('x').replace(/[^a-z]/g, '');
// A word no other test uses: on the shared server database the demo organisation's and other tests' "kubernetes"
// topics were close enough to a misspelt query to join the ranking.
const topic = `${letters}zeppelinbouw`;
let open: TestCommunity;
let secret: TestCommunity;
let asker: Actor; // asks four questions with the hashtag in the open community
let answerer: Actor; // two accepted answers there
let replier: Actor; // three reacted replies there, and one in the secret community
let skilled: Actor; // the topic as a skill, nothing else
let insider: Actor; // one accepted answer in the secret community
let viewer: Actor; // member of the secret community; asked there
let outsider: Actor;
const questions: string[] = [];

async function ask(who: Actor, slug: string, title: string) {
  const response = await who.api.post('/api/v1/threads', {
    communitySlug: slug,
    kind: 'question',
    title,
    body: `Hoe zit dat? #${topic}`,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}
async function reply(who: Actor, threadId: string) {
  const response = await who.api.post(`/api/v1/threads/${threadId}/replies`, { body: 'Zo.' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}
async function accept(who: Actor, threadId: string, replyId: string) {
  expect((await who.api.post(`/api/v1/threads/${threadId}/accept`, { replyId })).statusCode).toBe(200);
}
async function thank(who: Actor, replyId: string) {
  expect((await who.api.put(`/api/v1/replies/${replyId}/reactions/thanks`)).statusCode).toBe(204);
}

const ranking = async (who: Actor, q: string, query = '') =>
  (await who.api.get(`/api/v1/experts?q=${encodeURIComponent(q)}${query}`)).json() as Experts;
const order = async (who: Actor, q = topic) => (await ranking(who, q)).items.map((e) => e.person.id);
const scores = async (who: Actor, q = topic) =>
  Object.fromEntries((await ranking(who, q)).items.map((e) => [e.person.id, e.score]));

beforeAll(async () => {
  ctx = await testApp();
  const person = (skills: string[] = []) => actor(ctx.app, ctx.db.pool, { skills });
  [asker, answerer, replier, skilled, insider, viewer, outsider] = [
    await person(),
    await person(),
    await person(),
    await person([topic.toUpperCase()]),
    await person(),
    await person(),
    await person(),
  ];
  // Names of their own: a fuzzy query must not reach other tests' communities on the shared database.
  open = await buildCommunity(ctx.db.pool, {
    name: `${letters} Platform Guild`,
    members: [asker, answerer, replier],
  });
  secret = await buildCommunity(ctx.db.pool, {
    name: `${letters} Atlas`,
    visibility: 'secret',
    members: [insider, viewer, replier],
  });
  for (let i = 0; i < 4; i++) questions.push(await ask(asker, open.slug, `Vraag ${i}`));
  for (const question of questions.slice(0, 2))
    await accept(asker, question, await reply(answerer, question));
  for (let i = 0; i < 3; i++) await thank(asker, await reply(replier, questions[2]!));
  const inside = await ask(viewer, secret.slug, 'Geheime vraag');
  await accept(viewer, inside, await reply(insider, inside));
  await thank(viewer, await reply(replier, inside));
  await rebuildExpertise(ctx.db.pool);
});

describe('expert ranking from the roll-up', () => {
  it('ranks an outsider by public evidence only', async () => {
    // answerer 5·ln 3 = 5.49; skilled 3; replier 2·ln 4 = 2.77; asker 1·ln 5 = 1.61
    const found = await ranking(outsider, `#${topic}`);
    expect(found.items.map((e) => e.person.id)).toEqual([answerer.id, skilled.id, replier.id, asker.id]);
    expect(found.items.map((e) => e.score)).toEqual([
      expect.closeTo(5 * Math.log(3), 8),
      3,
      expect.closeTo(2 * Math.log(4), 8),
      expect.closeTo(Math.log(5), 8),
    ]);
    expect(found.items[2]!.evidence).toContainEqual({
      source: 'reacted_reply',
      count: 3,
      topic,
      topicKind: 'hashtag',
      community: null,
    });
    const text = JSON.stringify(found);
    expect(text).not.toContain(secret.slug);
    expect(text).not.toContain(secret.name);
  });

  it('adds a member’s secret evidence, combining counts with the public ones', async () => {
    // insider 5·ln 2 = 3.47; replier 2·ln(1 + 3 + 1) = 3.22; viewer asked once there: ln 2 = 0.69
    expect(await order(viewer)).toEqual([
      answerer.id,
      insider.id,
      replier.id,
      skilled.id,
      asker.id,
      viewer.id,
    ]);
    const seen = await scores(viewer);
    expect(seen[insider.id]).toBeCloseTo(5 * Math.log(2), 8);
    expect(seen[replier.id]).toBeCloseTo(2 * Math.log(5), 8);
    const replierSeen = (await ranking(viewer, topic)).items.find((e) => e.person.id === replier.id)!;
    expect(replierSeen.evidence.find((e) => e.source === 'reacted_reply')?.count).toBe(4);
  });

  it('pages exactly by cursor across public and rescored people', async () => {
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 4; page++) {
      const found = await ranking(viewer, topic, `&limit=2${cursor}`);
      seen.push(...found.items.map((e) => e.person.id));
      if (!found.nextCursor) break;
      cursor = `&cursor=${found.nextCursor}`;
    }
    expect(seen).toEqual([answerer.id, insider.id, replier.id, skilled.id, asker.id, viewer.id]);
  });

  it('reads a misspelt topic as the closest known one, and a community name as its topic', async () => {
    expect(await order(outsider, `${letters}zepelinbouw`)).toEqual([
      answerer.id,
      skilled.id,
      replier.id,
      asker.id,
    ]);
    // Replies in the open community: answerer 5·ln 3; replier 2·ln 4 (the asker started no specialist threads).
    expect(await order(outsider, open.name)).toEqual([answerer.id, replier.id]);
    // The secret community's name is no topic to an outsider, not even a near one.
    expect((await ranking(outsider, secret.name)).items).toEqual([]);
    expect(await order(viewer, secret.name)).toEqual([insider.id, replier.id]);
  });

  it('sums a person’s scores over the closest topics when the query names none, paging exactly', async () => {
    const ops = await actor(ctx.app, ctx.db.pool, { skills: [topic] });
    const response = await ops.api.post('/api/v1/threads', {
      kind: 'discussion',
      title: 'Operators',
      body: `Wie kent #${topic}ops?`,
    });
    expect(response.statusCode, response.body).toBe(201);
    await rebuildExpertise(ctx.db.pool);
    // "…zepelinbouw" is near both hashtags: ops scores 3 (skill) on the first plus ln 2 on the second.
    const typo = `${letters}zepelinbouw`;
    const expected = [answerer.id, ops.id, skilled.id, replier.id, asker.id];
    expect(await order(outsider, typo)).toEqual(expected);
    expect((await scores(outsider, typo))[ops.id]).toBeCloseTo(3 + Math.log(2), 8);
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 4; page++) {
      const found = await ranking(outsider, typo, `&limit=2${cursor}`);
      seen.push(...found.items.map((e) => e.person.id));
      if (!found.nextCursor) break;
      cursor = `&cursor=${found.nextCursor}`;
    }
    expect(seen).toEqual(expected);
    // The exact topic means only itself: there ops has the skill alone.
    expect((await scores(outsider))[ops.id]).toBe(3);
    expect((await ops.api.patch('/api/v1/me', { skills: [] })).statusCode).toBe(200);
  });

  it('counts a skill added since the last build at once, and ties by id', async () => {
    const late = await actor(ctx.app, ctx.db.pool);
    const response = await late.api.patch('/api/v1/me', { skills: [topic] });
    expect(response.statusCode, response.body).toBe(200);
    const ranked = await order(outsider);
    // Both score exactly 3: the later (higher) id first, as everywhere in the list.
    expect(ranked.slice(1, 3)).toEqual([late.id, skilled.id]);
    const tied = await ranking(outsider, topic, '&limit=2');
    const next = await ranking(outsider, topic, `&limit=2&cursor=${tied.nextCursor}`);
    expect([...tied.items, ...next.items].map((e) => e.person.id)).toEqual(ranked.slice(0, 4));
    expect((await late.api.patch('/api/v1/me', { skills: [] })).statusCode).toBe(200);
    expect(await order(outsider)).toEqual([answerer.id, skilled.id, replier.id, asker.id]);
  });
});

describe('refreshing the roll-up', () => {
  const snapshot = async () => {
    const { rows } = await ctx.db.pool.query(
      `select 'e' as t, person_id::text, topic, source, community_id::text, evidence_count::text as n
         from expertise_evidence where topic in ($1, lower($2), lower($3))
       union all
       select 's', person_id::text, topic, skill::text, null, score::text from expertise_scores
        where topic in ($1, lower($2), lower($3))
       union all
       select 't', null, topic, null, community_id::text, null from expertise_topics
        where topic in ($1, lower($2), lower($3))
       order by 1, 2, 3, 4, 5, 6`,
      [topic, open.name, secret.name],
    );
    return rows;
  };

  it('takes in new, removed and moved evidence like a full rebuild, and hides a community made secret at once', async () => {
    const since = new Date(Date.now() - 1000);
    // A new question, an answer no longer accepted, a thanks taken back, a deleted question.
    await ask(skilled, open.slug, 'Nog een vraag');
    expect((await asker.api.delete(`/api/v1/threads/${questions[0]}/accept`)).statusCode).toBe(204);
    const thanked = await ctx.db.pool.query<{ id: string }>(
      'select id from replies where thread_id = $1 and author_id = $2 order by id limit 1',
      [questions[2], replier.id],
    );
    expect(
      (await asker.api.delete(`/api/v1/replies/${thanked.rows[0]!.id}/reactions/thanks`)).statusCode,
    ).toBe(204);
    expect((await asker.api.delete(`/api/v1/threads/${questions[3]}`)).statusCode).toBe(204);
    // A first thanks for the insider's answer: nothing else marks the insider as changed.
    const answer = await ctx.db.pool.query<{ id: string }>('select id from replies where author_id = $1', [
      insider.id,
    ]);
    await thank(viewer, answer.rows[0]!.id);
    // The open community becomes secret: its evidence stops counting for outsiders before any refresh.
    await ctx.db.pool.query(`update communities set visibility = 'secret' where id = $1`, [open.id]);
    expect(await order(outsider)).not.toContain(answerer.id);
    const refreshed = await inTransaction(ctx.db.pool, (db) => refreshExpertiseSince(db, since, new Date()));
    expect(refreshed).toBeGreaterThan(0);
    const incremental = await snapshot();
    // The outsider reads nothing in either community now: only the skill is left.
    expect(await scores(outsider)).toEqual({ [skilled.id]: 3 });
    await rebuildExpertise(ctx.db.pool);
    expect(await snapshot()).toEqual(incremental);
    // Open again. insider (now thanked) 5·ln 2 + 2·ln 2; skilled 3 + ln 2 (the new question); answerer (one
    // accepted answer left) 5·ln 2; replier (open 2, secret 1) 2·ln 4; asker 1·ln 4 (three live); viewer ln 2.
    await ctx.db.pool.query(`update communities set visibility = 'open' where id = $1`, [open.id]);
    expect(await order(viewer)).toEqual([
      insider.id,
      skilled.id,
      answerer.id,
      replier.id,
      asker.id,
      viewer.id,
    ]);
    expect((await scores(viewer))[insider.id]).toBeCloseTo(7 * Math.log(2), 8);
  });
});
