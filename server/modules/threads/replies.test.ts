import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Reactor, Reply } from '../../../contract/threads.js';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, buildReply, buildThread } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { actor, notificationsOf, type Page, expectRejected as rejected } from './testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
const clock = manualClock(new Date('2031-03-02T08:00:00Z'));
const person = (overrides: Parameters<typeof actor>[2] = {}) => actor(ctx.app, ctx.db.pool, overrides);
const query = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  (await ctx.db.pool.query(sql, params)).rows as T[];

beforeAll(async () => {
  ctx = await testApp({ clock });
});

const expectRejected = (send: () => Promise<LightMyRequestResponse>, status: number, field?: string) =>
  rejected(ctx.db.pool, send, status, field);

/** An open community with an asker's question tagged #support, and two more members. */
async function conversation(visibility: 'open' | 'closed' | 'secret' = 'open') {
  const asker = await person();
  const helper = await person();
  const other = await person();
  const owner = await person();
  const community = await buildCommunity(ctx.db.pool, {
    visibility,
    owners: [owner],
    members: [asker, helper, other],
  });
  const thread = (
    await asker.api.post('/api/v1/threads', {
      communitySlug: community.slug,
      kind: 'question',
      title: 'How do I deploy?',
      body: 'Asking for #support',
    })
  ).json();
  return { asker, helper, other, owner, community, thread };
}

describe('POST /api/v1/threads/:id/replies', () => {
  it('adds a reply: counts it, bumps activity (and the hashtag copy), follows and notifies the author', async () => {
    const { asker, helper, thread, community } = await conversation();
    clock.advance(60_000);
    const response = await helper.api.post(`/api/v1/threads/${thread.id}/replies`, {
      body: 'Use the *button*',
    });
    expect(response.statusCode).toBe(201);
    const reply = response.json();
    expect(reply).toMatchObject({
      threadId: thread.id,
      parentId: null,
      bodyHtml: '<p>Use the <em>button</em></p>\n',
      author: { handle: helper.handle },
      accepted: false,
      removed: false,
      canEdit: true,
    });
    const [row] = await query<{ reply_count: number; last_activity_at: Date; first_reply_at: Date }>(
      'select reply_count, last_activity_at, first_reply_at from threads where id = $1',
      [thread.id],
    );
    expect(row!.reply_count).toBe(1);
    expect(row!.last_activity_at.toISOString()).toBe(clock.now().toISOString());
    expect(row!.first_reply_at.toISOString()).toBe(clock.now().toISOString());
    const [tag] = await query<{ last_activity_at: Date }>(
      'select last_activity_at from thread_hashtags where thread_id = $1',
      [thread.id],
    );
    expect(tag!.last_activity_at.toISOString()).toBe(clock.now().toISOString());
    expect(
      await query('select 1 from thread_follows where thread_id = $1 and person_id = $2', [
        thread.id,
        helper.id,
      ]),
    ).toHaveLength(1);
    expect(await notificationsOf(ctx.db.pool, asker.id)).toEqual([
      { kind: 'reply_to_thread', thread_id: thread.id, reply_id: reply.id, actor_id: helper.id },
    ]);
    expect(
      await query('select type, community_id from events where thread_id = $1 and type = $2', [
        thread.id,
        'reply',
      ]),
    ).toEqual([{ type: 'reply', community_id: community.id }]);
    expect((await asker.api.get(`/api/v1/threads/${thread.id}`)).json().replyCount).toBe(1);
  });

  it("does not count the asker's own reply as the first answer, nor notify them", async () => {
    const { asker, thread } = await conversation();
    await asker.api.post(`/api/v1/threads/${thread.id}/replies`, { body: 'More detail' });
    const [row] = await query('select reply_count, first_reply_at from threads where id = $1', [thread.id]);
    expect(row).toEqual({ reply_count: 1, first_reply_at: null });
    expect(await notificationsOf(ctx.db.pool, asker.id)).toEqual([]);
  });

  it('nests one level: a reply to a nested reply attaches to its parent, whose author hears of it', async () => {
    const { asker, helper, other, thread } = await conversation();
    const top = (await helper.api.post(`/api/v1/threads/${thread.id}/replies`, { body: 'Top' })).json();
    const nested = (
      await other.api.post(`/api/v1/threads/${thread.id}/replies`, { body: 'Nested', parentId: top.id })
    ).json();
    expect(nested.parentId).toBe(top.id);
    const deeper = (
      await asker.api.post(`/api/v1/threads/${thread.id}/replies`, { body: 'Deeper', parentId: nested.id })
    ).json();
    expect(deeper.parentId).toBe(top.id);
    // The top reply's author hears of every reply under it; the nested reply's author of the one answering them.
    expect((await notificationsOf(ctx.db.pool, helper.id)).map((n) => n.kind)).toEqual([
      'reply_to_reply',
      'reply_to_reply',
    ]);
    expect((await notificationsOf(ctx.db.pool, other.id)).map((n) => n.kind)).toEqual(['reply_to_reply']);
    expect((await notificationsOf(ctx.db.pool, asker.id)).map((n) => n.kind)).toEqual([
      'reply_to_thread',
      'reply_to_thread',
    ]);
  });

  it('rejects a parentId from another thread, an unknown one and bad bodies, naming the field and storing nothing', async () => {
    const { helper, thread } = await conversation();
    const elsewhere = await conversation();
    const foreign = (
      await elsewhere.helper.api.post(`/api/v1/threads/${elsewhere.thread.id}/replies`, { body: 'x' })
    ).json();
    const url = `/api/v1/threads/${thread.id}/replies`;
    await expectRejected(() => helper.api.post(url, { body: 'x', parentId: foreign.id }), 400, 'parentId');
    await expectRejected(
      () => helper.api.post(url, { body: 'x', parentId: '999999999999' }),
      400,
      'parentId',
    );
    await expectRejected(() => helper.api.post(url, { body: 'x', parentId: 'first' }), 400, 'parentId');
    await expectRejected(() => helper.api.post(url, { body: 'x'.repeat(50_001) }), 400, 'body');
    await expectRejected(() => helper.api.post(url, { body: '' }), 400, 'body');
    await expectRejected(() => helper.api.post(url, { body: 'x'.repeat(1024 * 1024 + 10) }), 413);
  });

  it.each(['closed', 'secret'] as const)(
    'notifies mentioned readers of a %s thread, not mentioned outsiders',
    async (visibility) => {
      const { helper, other, thread } = await conversation(visibility);
      const outsider = await person();
      await helper.api.post(`/api/v1/threads/${thread.id}/replies`, {
        body: `cc @${other.handle} @${outsider.handle}`,
      });
      expect((await notificationsOf(ctx.db.pool, other.id)).map((n) => n.kind)).toEqual(['mention']);
      expect(await notificationsOf(ctx.db.pool, outsider.id)).toEqual([]);
      expect(
        (await outsider.api.post(`/api/v1/threads/${thread.id}/replies`, { body: 'me too' })).statusCode,
      ).toBe(visibility === 'closed' ? 403 : 404);
    },
  );

  it('does not notify a thread author who has since left a closed community', async () => {
    const { asker, helper, thread, community } = await conversation('closed');
    await ctx.db.pool.query('delete from community_members where community_id = $1 and person_id = $2', [
      community.id,
      asker.id,
    ]);
    await helper.api.post(`/api/v1/threads/${thread.id}/replies`, { body: 'Answer' });
    expect(await notificationsOf(ctx.db.pool, asker.id)).toEqual([]);
  });
});

describe('GET /api/v1/threads/:id/replies', () => {
  it('pages by id in writing order, without duplicates, and keeps removed replies in place without a body', async () => {
    const { asker, helper, thread } = await conversation();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(
        (await helper.api.post(`/api/v1/threads/${thread.id}/replies`, { body: `Reply ${i}` })).json().id,
      );
    }
    expect((await helper.api.delete(`/api/v1/replies/${ids[2]}`)).statusCode).toBe(204);
    const seen: Reply[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Reply> = (
        await asker.api.get(
          `/api/v1/threads/${thread.id}/replies?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((r) => r.id)).toEqual(ids);
    expect(seen[2]).toMatchObject({ removed: true, bodyHtml: '', bodyMarkdown: '', canEdit: false });
    expect(seen[3]).toMatchObject({
      removed: false,
      bodyHtml: '<p>Reply 3</p>\n',
      canEdit: false,
      canDelete: false,
    });
    const bad = await asker.api.get(`/api/v1/threads/${thread.id}/replies?cursor=nonsense`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('cursor');
    expect((await asker.api.get(`/api/v1/threads/${thread.id}`)).json().replyCount).toBe(6);
  });
});

describe('PATCH and DELETE /api/v1/replies/:id', () => {
  it('lets the author and the community owner edit; others get 403 and nothing changes', async () => {
    const { helper, other, owner, thread } = await conversation();
    const reply = (
      await helper.api.post(`/api/v1/threads/${thread.id}/replies`, { body: 'First take' })
    ).json();
    const url = `/api/v1/replies/${reply.id}`;
    await expectRejected(() => other.api.patch(url, { body: 'Hacked' }), 403);
    await expectRejected(() => helper.api.patch(url, { body: 'x'.repeat(50_001) }), 400, 'body');
    const edited = await helper.api.patch(url, { body: `Better, @${other.handle}` });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().bodyMarkdown).toBe(`Better, @${other.handle}`);
    expect(edited.json().editedAt).not.toBeNull();
    expect((await notificationsOf(ctx.db.pool, other.id)).map((n) => n.kind)).toEqual(['mention']);
    expect((await owner.api.patch(url, { body: 'Moderated' })).statusCode).toBe(200);
    expect((await owner.api.patch('/api/v1/replies/999999999999', { body: 'x' })).statusCode).toBe(404);
  });

  it('removes a reply: it stops counting, an accepted answer is unset, a moderator removal is audited', async () => {
    const { asker, helper, owner, thread } = await conversation();
    const reply = (await helper.api.post(`/api/v1/threads/${thread.id}/replies`, { body: 'Answer' })).json();
    await asker.api.post(`/api/v1/threads/${thread.id}/accept`, { replyId: reply.id });
    await expectRejected(() => asker.api.delete(`/api/v1/replies/${reply.id}`), 403);
    expect((await owner.api.delete(`/api/v1/replies/${reply.id}`)).statusCode).toBe(204);
    const shown = (await asker.api.get(`/api/v1/threads/${thread.id}`)).json();
    expect(shown).toMatchObject({ replyCount: 0, acceptedReplyId: null, status: 'open' });
    const [row] = await query('select body_md, deleted_by from replies where id = $1', [reply.id]);
    expect(row).toEqual({ body_md: 'Answer', deleted_by: owner.id });
    expect(
      await query("select action from audit_entries where target_type = 'reply' and target_id = $1", [
        reply.id,
      ]),
    ).toEqual([{ action: 'reply.remove' }]);
    expect((await helper.api.patch(`/api/v1/replies/${reply.id}`, { body: 'again' })).statusCode).toBe(409);
    expect(
      (await helper.api.post(`/api/v1/threads/${thread.id}/replies`, { body: 'x', parentId: reply.id }))
        .statusCode,
    ).toBe(400);
  });
});

describe('reactions', () => {
  it('adds and takes back reactions idempotently, and sums them per kind with reactedByMe', async () => {
    const { asker, helper, other, thread } = await conversation();
    const url = `/api/v1/threads/${thread.id}/reactions`;
    expect((await helper.api.put(`${url}/like`)).statusCode).toBe(204);
    expect((await helper.api.put(`${url}/like`)).statusCode).toBe(204);
    expect((await other.api.put(`${url}/like`)).statusCode).toBe(204);
    expect((await other.api.put(`${url}/insightful`)).statusCode).toBe(204);
    expect((await helper.api.get(`/api/v1/threads/${thread.id}`)).json().reactionCounts).toEqual([
      { kind: 'like', count: 2, reactedByMe: true },
      { kind: 'insightful', count: 1, reactedByMe: false },
    ]);
    expect((await helper.api.delete(`${url}/like`)).statusCode).toBe(204);
    expect((await helper.api.delete(`${url}/like`)).statusCode).toBe(204);
    expect((await asker.api.get(`/api/v1/threads/${thread.id}`)).json().reactionCounts).toEqual([
      { kind: 'like', count: 1, reactedByMe: false },
      { kind: 'insightful', count: 1, reactedByMe: false },
    ]);
    const bad = await expectRejected(() => helper.api.put(`${url}/meh`), 400, 'kind');
    expect(bad.json().status).toBe(400);
  });

  it('reacts to replies, and shows the counts on the reply list', async () => {
    const { asker, helper, thread } = await conversation();
    const reply = (await helper.api.post(`/api/v1/threads/${thread.id}/replies`, { body: 'Answer' })).json();
    expect((await asker.api.put(`/api/v1/replies/${reply.id}/reactions/thanks`)).statusCode).toBe(204);
    expect((await asker.api.put(`/api/v1/replies/${reply.id}/reactions/thanks`)).statusCode).toBe(204);
    const listed = (await asker.api.get(`/api/v1/threads/${thread.id}/replies`)).json();
    expect(listed.items[0].reactionCounts).toEqual([{ kind: 'thanks', count: 1, reactedByMe: true }]);
    await expectRejected(() => asker.api.put(`/api/v1/replies/${reply.id}/reactions/boo`), 400, 'kind');
    expect((await asker.api.delete(`/api/v1/replies/${reply.id}/reactions/thanks`)).statusCode).toBe(204);
    expect(await query('select 1 from reply_reactions where reply_id = $1', [reply.id])).toEqual([]);
  });

  it('lists who reacted, by kind, a page at a time', async () => {
    const { asker, thread } = await conversation();
    const fans = [await person(), await person(), await person()];
    for (const fan of fans) await fan.api.put(`/api/v1/threads/${thread.id}/reactions/celebrate`);
    await fans[0]!.api.put(`/api/v1/threads/${thread.id}/reactions/love`);
    const seen: Reactor[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Reactor> = (
        await asker.api.get(
          `/api/v1/threads/${thread.id}/reactions?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).json();
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(new Set(seen.map((r) => `${r.person.handle}:${r.kind}`)).size).toBe(4);
    const loves: Page<Reactor> = (
      await asker.api.get(`/api/v1/threads/${thread.id}/reactions?kind=love`)
    ).json();
    expect(loves.items.map((r) => r.person.handle)).toEqual([fans[0]!.handle]);
    expect((await asker.api.get(`/api/v1/threads/${thread.id}/reactions?kind=meh`)).statusCode).toBe(400);
  });
});

describe('accepting an answer', () => {
  it('lets the asker accept a reply: status answered, the answerer is notified; undo reopens it', async () => {
    const { asker, helper, thread } = await conversation();
    const reply = (await helper.api.post(`/api/v1/threads/${thread.id}/replies`, { body: 'Answer' })).json();
    const accepted = await asker.api.post(`/api/v1/threads/${thread.id}/accept`, { replyId: reply.id });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'answered', acceptedReplyId: reply.id });
    expect(accepted.json().acceptedAt).toBe(clock.now().toISOString());
    expect((await notificationsOf(ctx.db.pool, helper.id)).map((n) => n.kind)).toEqual(['accepted_answer']);
    const replies = (await asker.api.get(`/api/v1/threads/${thread.id}/replies`)).json();
    expect(replies.items[0].accepted).toBe(true);

    // Accepting the same reply again changes nothing and notifies nobody again.
    await asker.api.post(`/api/v1/threads/${thread.id}/accept`, { replyId: reply.id });
    expect(await notificationsOf(ctx.db.pool, helper.id)).toHaveLength(1);

    expect((await asker.api.delete(`/api/v1/threads/${thread.id}/accept`)).statusCode).toBe(204);
    expect((await asker.api.get(`/api/v1/threads/${thread.id}`)).json()).toMatchObject({
      status: 'open',
      acceptedReplyId: null,
      acceptedAt: null,
    });
  });

  it("refuses other members, other threads' replies and non-questions; a community owner may accept", async () => {
    const { helper, other, owner, thread, community } = await conversation();
    const reply = (await helper.api.post(`/api/v1/threads/${thread.id}/replies`, { body: 'Answer' })).json();
    const url = `/api/v1/threads/${thread.id}/accept`;
    await expectRejected(() => other.api.post(url, { replyId: reply.id }), 403);
    const elsewhere = await conversation();
    const foreign = (
      await elsewhere.helper.api.post(`/api/v1/threads/${elsewhere.thread.id}/replies`, { body: 'x' })
    ).json();
    await expectRejected(() => owner.api.post(url, { replyId: foreign.id }), 400, 'replyId');
    await expectRejected(() => owner.api.post(url, {}), 400, 'replyId');
    expect((await owner.api.post(url, { replyId: reply.id })).json().status).toBe('answered');

    const discussion = await buildThread(ctx.db.pool, { author: owner, community, kind: 'discussion' });
    const answer = await buildReply(ctx.db.pool, { thread: discussion, author: helper });
    const notQuestion = await expectRejected(
      () => owner.api.post(`/api/v1/threads/${discussion.id}/accept`, { replyId: answer.id }),
      400,
    );
    expect(notQuestion.json().detail).toMatch(/question/);
  });
});
