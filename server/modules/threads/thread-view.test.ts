import { beforeAll, describe, expect, it } from 'vitest';
import type { Reply, ThreadView } from '../../../contract/threads.js';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { upload } from '../attachments/testing.js';
import { type Actor, actor, type Page, expectRejected as rejected } from './testing.js';

/** GET /api/v1/threads/:id is the whole thread page: the thread, its first replies and its files, one request. */
let ctx: Awaited<ReturnType<typeof testApp>>;
const clock = manualClock(new Date('2031-05-04T08:00:00Z'));
const person = () => actor(ctx.app, ctx.db.pool);

beforeAll(async () => {
  ctx = await testApp({ clock });
});

/** Every reply of a thread, page after page of `limit` through GET …/replies, from `cursor` on. */
async function walk(api: Actor['api'], threadId: string, limit: number, cursor: string | null = null) {
  const seen: Reply[] = [];
  for (let pages = 0; pages < 20; pages++) {
    const query = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = (
      await api.get(`/api/v1/threads/${threadId}/replies?limit=${limit}${query}`)
    ).json() as Page<Reply>;
    seen.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return seen;
}

/**
 * A question with `count` replies by two helpers, the fourth from last accepted, the sixth removed; a file on the
 * thread, one on a live reply and one on the removed reply.
 */
async function question(count: number) {
  const asker = await person();
  const helper = await person();
  const other = await person();
  const community = await buildCommunity(ctx.db.pool, { members: [asker, helper, other] });
  const threadFile = (await upload(asker.api, Buffer.from('agenda'), 'agenda.txt')).json();
  const thread = (
    await asker.api.post('/api/v1/threads', {
      communitySlug: community.slug,
      kind: 'question',
      title: 'Where is the agenda?',
      body: `Here: [agenda](${threadFile.url})`,
    })
  ).json();
  const replies: string[] = [];
  for (let i = 0; i < count; i++) {
    clock.advance(1_000);
    const author = i % 2 === 0 ? helper : other;
    const file =
      i === 3 || i === 5 ? (await upload(author.api, Buffer.from(`n${i}`), `n${i}.txt`)).json() : null;
    const body = file ? `Notes ${i}: [n${i}](${file.url})` : `Answer ${i}`;
    replies.push((await author.api.post(`/api/v1/threads/${thread.id}/replies`, { body })).json().id);
  }
  const accepted = replies[Math.max(0, count - 4)]!;
  expect(
    (await asker.api.post(`/api/v1/threads/${thread.id}/accept`, { replyId: accepted })).statusCode,
  ).toBe(200);
  // Reply 5 (by `other`, with a file) is removed: it keeps its place, its file is not shown.
  if (count > 5) expect((await other.api.delete(`/api/v1/replies/${replies[5]}`)).statusCode).toBe(204);
  return { asker, helper, other, community, thread, replies, accepted };
}

describe('GET /api/v1/threads/:id', () => {
  it('carries the first page of replies as GET …/replies gives it, and the later pages follow from its cursor', async () => {
    const { helper, thread, replies, accepted } = await question(13);
    const view = (await helper.api.get(`/api/v1/threads/${thread.id}?replies=5`)).json() as ThreadView;
    const firstPage = (await helper.api.get(`/api/v1/threads/${thread.id}/replies?limit=5`)).json();
    expect(view.replies).toEqual(firstPage);
    // The accepted answer leads, then the others in the order they were written.
    expect(view.replies.items.map((reply) => reply.id)).toEqual([accepted, ...replies.slice(0, 4)]);
    expect(view.replies.items[0]!.accepted).toBe(true);
    // Walking on from the view's cursor gives every reply once, as walking the replies list does.
    const rest = await walk(helper.api, thread.id, 5, view.replies.nextCursor);
    const all = [...view.replies.items, ...rest].map((reply) => reply.id);
    expect(all).toEqual((await walk(helper.api, thread.id, 5)).map((reply) => reply.id));
    expect([...all].sort()).toEqual([...replies].sort());
    // What the viewer may do with each reply is decided as on the list: their own, not the others'.
    const mine = view.replies.items.filter((reply) => reply.author.handle === helper.handle);
    expect(mine.length).toBeGreaterThan(0);
    for (const reply of view.replies.items) expect(reply.canEdit).toBe(reply.author.handle === helper.handle);
  });

  it('answers the thread as before, its files and link previews as GET …/attachments, the removed reply’s left out', async () => {
    const { other, thread } = await question(7);
    const view = (await other.api.get(`/api/v1/threads/${thread.id}`)).json() as ThreadView;
    const { replies, attachments, ...detail } = view;
    expect(detail.title).toBe('Where is the agenda?');
    expect(detail.acceptedReplyId).not.toBeNull();
    // Without ?replies= the first page holds 20: all seven here.
    expect(replies.items).toHaveLength(7);
    expect(replies.nextCursor).toBeNull();
    const separate = (await other.api.get(`/api/v1/threads/${thread.id}/attachments`)).json();
    expect(attachments).toEqual(separate);
    expect(attachments.files.map((file) => file.name).sort()).toEqual(['agenda.txt', 'n3.txt']);
  });

  it('shows a removed thread as removed, with its replies as the list shows them and no files', async () => {
    const { asker, helper, thread } = await question(2);
    expect((await asker.api.delete(`/api/v1/threads/${thread.id}`)).statusCode).toBe(204);
    const view = (await helper.api.get(`/api/v1/threads/${thread.id}`)).json() as ThreadView;
    expect(view.removed).toBe(true);
    expect(view.attachments).toEqual({ files: [], previews: [] });
    expect(view.replies).toEqual((await helper.api.get(`/api/v1/threads/${thread.id}/replies`)).json());
  });

  it('keeps a secret thread, its replies and files unknown to non-members (404 without any of its text)', async () => {
    const member = await person();
    const outsider = await person();
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [member] });
    const file = (await upload(member.api, Buffer.from('x'), 'hush-file.txt')).json();
    const thread = (
      await member.api.post('/api/v1/threads', {
        communitySlug: secret.slug,
        kind: 'discussion',
        title: 'Hush title',
        body: `[f](${file.url})`,
      })
    ).json();
    await member.api.post(`/api/v1/threads/${thread.id}/replies`, { body: 'Hush reply' });
    const response = await outsider.api.get(`/api/v1/threads/${thread.id}`);
    expect(response.statusCode).toBe(404);
    for (const word of ['Hush', 'hush-file']) expect(response.body).not.toContain(word);
    expect((await member.api.get(`/api/v1/threads/${thread.id}`)).json().replies.items).toHaveLength(1);
  });

  it('refuses a page size outside 1–100 as problem+json naming the field', async () => {
    const { helper, thread } = await question(1);
    for (const value of ['0', '101', 'many', '2.5']) {
      await rejected(
        ctx.db.pool,
        () => helper.api.get(`/api/v1/threads/${thread.id}?replies=${value}`),
        400,
        'replies',
      );
    }
    expect((await helper.api.get(`/api/v1/threads/${thread.id}?replies=100`)).statusCode).toBe(200);
  });
});
