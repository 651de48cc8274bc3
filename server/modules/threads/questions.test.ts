import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor, notificationsOf, type Page, expectRejected as rejected } from './testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
// Long ago, so this file's questions are the oldest in a database other test files share.
const clock = manualClock(new Date('1990-01-01T09:00:00Z'));
const person = (overrides: Parameters<typeof actor>[2] = {}) => actor(ctx.app, ctx.db.pool, overrides);
const expectRejected = (send: () => Promise<LightMyRequestResponse>, status: number, field?: string) =>
  rejected(ctx.db.pool, send, status, field);

beforeAll(async () => {
  ctx = await testApp({ clock });
});

type Summary = { id: string; title: string; answerState: string | null; community: { slug: string } | null };

async function ask(asker: Actor, community: { slug: string } | null, title = unique('Question')) {
  clock.advance(60_000);
  const response = await asker.api.post('/api/v1/threads', {
    communitySlug: community?.slug ?? null,
    kind: 'question',
    title,
    body: 'How?',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Summary & { createdAt: string };
}

async function answer(author: Actor, threadId: string, afterSeconds = 60) {
  clock.advance(afterSeconds * 1000);
  const response = await author.api.post(`/api/v1/threads/${threadId}/replies`, { body: 'Like this.' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string };
}

/** Every page of a list, oldest first. */
async function walk(viewer: Actor, url: string, limit: number): Promise<Summary[]> {
  const items: Summary[] = [];
  let cursor: string | null = null;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const response = await viewer.api.get(
      `${url}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as Page<Summary>;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('accepted answers', () => {
  it('the asker accepts: the answerer hears of it, the asker does not hear of their own action', async () => {
    const asker = await person();
    const answerer = await person();
    const community = await buildCommunity(ctx.db.pool);
    const question = await ask(asker, community);
    const reply = await answer(answerer, question.id);
    const response = await asker.api.post(`/api/v1/threads/${question.id}/accept`, { replyId: reply.id });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      acceptedReplyId: reply.id,
      status: 'answered',
      answerState: 'accepted',
    });
    expect((await notificationsOf(ctx.db.pool, answerer.id)).map((n) => n.kind)).toEqual(['accepted_answer']);
    expect((await notificationsOf(ctx.db.pool, asker.id)).map((n) => n.kind)).toEqual(['reply_to_thread']);
  });

  it('a community owner or a community manager accepts: the asker and the answerer both hear of it', async () => {
    const asker = await person();
    const answerer = await person();
    const owner = await person();
    const manager = await person({ role: 'community_manager' });
    const community = await buildCommunity(ctx.db.pool, { owners: [owner], members: [asker] });
    for (const chooser of [owner, manager]) {
      const question = await ask(asker, community);
      const reply = await answer(answerer, question.id);
      const response = await chooser.api.post(`/api/v1/threads/${question.id}/accept`, { replyId: reply.id });
      expect(response.statusCode, response.body).toBe(200);
      const toAsker = (await notificationsOf(ctx.db.pool, asker.id)).filter(
        (n) => n.thread_id === question.id,
      );
      expect(toAsker.map((n) => [n.kind, n.actor_id])).toEqual([
        ['reply_to_thread', answerer.id],
        ['question_answered', chooser.id],
      ]);
      const toAnswerer = (await notificationsOf(ctx.db.pool, answerer.id)).filter(
        (n) => n.thread_id === question.id,
      );
      expect(toAnswerer.map((n) => n.kind)).toEqual(['accepted_answer']);
    }
  });

  it('refuses other members and a community manager who cannot read a closed community, changing nothing', async () => {
    const asker = await person();
    const other = await person();
    const manager = await person({ role: 'community_manager' });
    const community = await buildCommunity(ctx.db.pool, { visibility: 'closed', members: [asker, other] });
    const question = await ask(asker, community);
    const reply = await answer(other, question.id);
    const accept = (who: Actor) => () =>
      who.api.post(`/api/v1/threads/${question.id}/accept`, { replyId: reply.id });
    await expectRejected(accept(other), 403);
    await expectRejected(accept(manager), 403);
    const detail = (await other.api.get(`/api/v1/threads/${question.id}`)).json();
    expect(detail).toMatchObject({ canAccept: false, acceptedReplyId: null, answerState: 'answered' });
  });

  it('lists the accepted answer first on the first page and never twice across pages', async () => {
    const asker = await person();
    const helpers = [await person(), await person(), await person()];
    const question = await ask(asker, null);
    const replies = [];
    for (const helper of helpers) replies.push(await answer(helper, question.id));
    await asker.api.post(`/api/v1/threads/${question.id}/accept`, { replyId: replies[2]!.id });

    const first = (await asker.api.get(`/api/v1/threads/${question.id}/replies`)).json();
    expect(first.items.map((r: { id: string }) => r.id)).toEqual([
      replies[2]!.id,
      replies[0]!.id,
      replies[1]!.id,
    ]);
    expect(first.items[0].accepted).toBe(true);

    for (const limit of [1, 2]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/threads/${question.id}/replies?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await asker.api.get(url)).json();
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((r: { id: string }) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([replies[2]!.id, replies[0]!.id, replies[1]!.id]);
    }
  });
});

describe('time to first answer and to the accepted answer', () => {
  it('counts only live replies by others, exactly, and recomputes when the first answer is removed', async () => {
    const asker = await person();
    const first = await person();
    const second = await person();
    const question = await ask(asker, null);
    const askedAt = new Date(question.createdAt).getTime();
    const at = (seconds: number) => new Date(askedAt + seconds * 1000).toISOString();

    await answer(asker, question.id, 60); // the asker adding detail at +60s is no answer
    let detail = (await asker.api.get(`/api/v1/threads/${question.id}`)).json();
    expect(detail).toMatchObject({
      answerState: 'unanswered',
      firstAnswerAt: null,
      secondsToFirstAnswer: null,
    });

    const early = await answer(first, question.id, 240); // +300s
    const later = await answer(second, question.id, 300); // +600s
    clock.advance(300_000); // accepted at +900s
    await asker.api.post(`/api/v1/threads/${question.id}/accept`, { replyId: later.id });
    detail = (await asker.api.get(`/api/v1/threads/${question.id}`)).json();
    expect(detail).toMatchObject({
      answerState: 'accepted',
      firstAnswerAt: at(300),
      secondsToFirstAnswer: 300,
      secondsToAcceptedAnswer: 900,
    });

    expect((await first.api.delete(`/api/v1/replies/${early.id}`)).statusCode).toBe(204);
    detail = (await asker.api.get(`/api/v1/threads/${question.id}`)).json();
    expect(detail).toMatchObject({
      firstAnswerAt: at(600),
      secondsToFirstAnswer: 600,
      secondsToAcceptedAnswer: 900,
    });

    expect((await second.api.delete(`/api/v1/replies/${later.id}`)).statusCode).toBe(204);
    detail = (await asker.api.get(`/api/v1/threads/${question.id}`)).json();
    expect(detail).toMatchObject({
      answerState: 'unanswered',
      status: 'open',
      acceptedReplyId: null,
      firstAnswerAt: null,
      secondsToFirstAnswer: null,
      secondsToAcceptedAnswer: null,
    });
    const unanswered = await walk(asker, '/api/v1/questions/unanswered', 100);
    expect(unanswered.map((q) => q.id)).toContain(question.id);
  });

  it('gives no question figures for other kinds', async () => {
    const author = await person();
    const response = await author.api.post('/api/v1/threads', {
      kind: 'discussion',
      title: 'Talk',
      body: 'b',
    });
    expect(response.json()).toMatchObject({
      answerState: null,
      firstAnswerAt: null,
      secondsToFirstAnswer: null,
      secondsToAcceptedAnswer: null,
    });
  });
});

describe('GET /api/v1/questions/unanswered', () => {
  it('lists questions without an answer by someone else, oldest first, per community, in pages', async () => {
    const asker = await person();
    const helper = await person();
    const community = await buildCommunity(ctx.db.pool);
    const a = await ask(asker, community);
    const b = await ask(asker, community);
    const c = await ask(asker, community);
    const d = await ask(asker, community);
    await answer(asker, a.id); // only the asker: still unanswered
    await answer(helper, b.id); // answered
    await asker.api.delete(`/api/v1/threads/${d.id}`); // removed
    await asker.api.post('/api/v1/threads', {
      communitySlug: community.slug,
      kind: 'discussion',
      title: 'Not a question',
      body: 'x',
    });
    for (const limit of [1, 2, 20]) {
      const items = await walk(helper, `/api/v1/questions/unanswered?community=${community.slug}`, limit);
      expect(items.map((q) => q.id)).toEqual([a.id, c.id]);
      expect(items.every((q) => q.answerState === 'unanswered')).toBe(true);
    }
  });

  it('shows closed and secret questions only to members, and refuses those communities to others', async () => {
    const member = await person();
    const outsider = await person();
    const open = await buildCommunity(ctx.db.pool);
    const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed', members: [member] });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [member] });
    const inOpen = await ask(member, open);
    const inClosed = await ask(member, closed);
    const inSecret = await ask(member, secret);
    const personal = await ask(member, null);

    const forMember = (await walk(member, '/api/v1/questions/unanswered', 100)).map((q) => q.id);
    expect(forMember).toEqual(expect.arrayContaining([inOpen.id, inClosed.id, inSecret.id, personal.id]));
    const forOutsider = (await walk(outsider, '/api/v1/questions/unanswered', 100)).map((q) => q.id);
    expect(forOutsider).toEqual(expect.arrayContaining([inOpen.id, personal.id]));
    expect(forOutsider).not.toContain(inClosed.id);
    expect(forOutsider).not.toContain(inSecret.id);

    expect((await outsider.api.get(`/api/v1/questions/unanswered?community=${closed.slug}`)).statusCode).toBe(
      403,
    );
    expect((await outsider.api.get(`/api/v1/questions/unanswered?community=${secret.slug}`)).statusCode).toBe(
      404,
    );
    expect((await outsider.api.get('/api/v1/questions/unanswered?cursor=bogus')).statusCode).toBe(400);
  });
});
