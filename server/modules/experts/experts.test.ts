import { beforeAll, describe, expect, it } from 'vitest';
import type { Expertise, Experts } from '../../../contract/experts.js';
import { buildCommunity, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor, expectRejected } from '../threads/testing.js';
import { rebuildExpertise } from './rebuild.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
const tag = unique('kube').replace(/[^a-z]/g, '');
let asker: Actor;
let answerer: Actor;
let helper: Actor;
let insider: Actor;
let outsider: Actor;
let secretSlug: string;

async function post(who: Actor, slug: string, title: string) {
  const response = await who.api.post('/api/v1/threads', {
    communitySlug: slug,
    kind: 'question',
    title,
    body: `Wie weet dit? #${tag}`,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}
async function reply(who: Actor, threadId: string) {
  const response = await who.api.post(`/api/v1/threads/${threadId}/replies`, { body: 'Zo doe je dat.' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

beforeAll(async () => {
  ctx = await testApp();
  asker = await actor(ctx.app, ctx.db.pool);
  answerer = await actor(ctx.app, ctx.db.pool);
  helper = await actor(ctx.app, ctx.db.pool, { skills: [tag.toUpperCase()] });
  insider = await actor(ctx.app, ctx.db.pool);
  outsider = await actor(ctx.app, ctx.db.pool);
  const open = await buildCommunity(ctx.db.pool, { members: [asker, answerer, helper] });
  const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [insider, outsider] });
  secretSlug = secret.slug;
  // The answerer's three answers are accepted; the helper's reply got a reaction from someone else.
  for (let i = 0; i < 3; i++) {
    const question = await post(asker, open.slug, `Vraag ${i}`);
    const answer = await reply(answerer, question);
    expect((await asker.api.post(`/api/v1/threads/${question}/accept`, { replyId: answer })).statusCode).toBe(
      200,
    );
    if (i === 0) {
      const helped = await reply(helper, question);
      expect((await asker.api.put(`/api/v1/replies/${helped}/reactions/thanks`)).statusCode).toBe(204);
    }
  }
  // Two threads in a secret community: evidence only its members may count.
  await post(insider, secret.slug, 'Geheim 1');
  await post(insider, secret.slug, 'Geheim 2');
  await ctx.db.pool.query('delete from community_members where community_id = $1 and person_id = $2', [
    secret.id,
    outsider.id,
  ]);
  await rebuildExpertise(ctx.db.pool);
});

const experts = async (who: Actor, q: string) =>
  (await who.api.get(`/api/v1/experts?q=${encodeURIComponent(q)}`)).json() as Experts;

describe('GET /api/v1/experts', () => {
  it('ranks by weighted evidence and shows the reasons', async () => {
    // answerer 5·ln(1+3) = 6.93; helper 2·ln(1+1) + 3 (skill) = 4.39; asker (hashtag used 3×) 1·ln(4) = 1.39
    const found = await experts(outsider, `#${tag}`);
    expect(found.items.map((e) => e.person.id)).toEqual([answerer.id, helper.id, asker.id]);
    expect(found.items[0]!.score).toBeCloseTo(5 * Math.log(4), 5);
    expect(found.items[0]!.evidence).toEqual([
      { source: 'accepted_answer', count: 3, topic: tag, topicKind: 'hashtag', community: null },
    ]);
    expect(found.items[1]!.score).toBeCloseTo(2 * Math.log(2) + 3, 5);
    expect(found.items[1]!.evidence.map((e) => [e.source, e.count])).toEqual([
      ['skill', 1],
      ['reacted_reply', 1],
    ]);
  });

  it('counts evidence from a secret community only for its members', async () => {
    expect((await experts(outsider, tag)).items.map((e) => e.person.id)).not.toContain(insider.id);
    const inside = await experts(insider, tag);
    expect(inside.items.map((e) => e.person.id)).toEqual([answerer.id, helper.id, asker.id, insider.id]);
    expect(inside.items[3]!.evidence).toEqual([
      { source: 'hashtag_use', count: 2, topic: tag, topicKind: 'hashtag', community: null },
    ]);
    expect(JSON.stringify(await experts(outsider, secretSlug))).not.toContain(secretSlug);
  });

  it('pages by cursor and refuses a topic too short, storing nothing', async () => {
    const first = (await outsider.api.get(`/api/v1/experts?q=${tag}&limit=2`)).json() as Experts;
    const second = (
      await outsider.api.get(`/api/v1/experts?q=${tag}&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect([...first.items, ...second.items].map((e) => e.person.id)).toEqual([
      answerer.id,
      helper.id,
      asker.id,
    ]);
    await expectRejected(ctx.db.pool, () => outsider.api.get('/api/v1/experts?q=%23'), 400, 'q');
  });
});

describe('GET /api/v1/people/:handle/expertise', () => {
  it('lists what a person knows about with evidence, hiding what the viewer may not read', async () => {
    const helperTopics = (
      await outsider.api.get(`/api/v1/people/${helper.handle}/expertise`)
    ).json() as Expertise;
    expect(helperTopics.items[0]).toMatchObject({ topic: tag, topicKind: 'hashtag' });
    expect(helperTopics.items[0]!.evidence.map((e) => e.source)).toEqual(['skill', 'reacted_reply']);
    const hidden = (await outsider.api.get(`/api/v1/people/${insider.handle}/expertise`)).json();
    expect(hidden.items).toEqual([]);
    const shown = (await insider.api.get(`/api/v1/people/${insider.handle}/expertise`)).json();
    expect(shown.items.map((t: { topic: string }) => t.topic)).toEqual([tag]);
    expect((await outsider.api.get('/api/v1/people/nobody-here/expertise')).statusCode).toBe(404);
  });
});
