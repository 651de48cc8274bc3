import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, buildThread, type TestCommunity, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor, type Page, expectRejected as rejected } from './testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
const clock = manualClock(new Date('2030-03-02T09:00:00Z'));
const person = (overrides: Parameters<typeof actor>[2] = {}) => actor(ctx.app, ctx.db.pool, overrides);
const expectRejected = (send: () => Promise<LightMyRequestResponse>, status: number, field?: string) =>
  rejected(ctx.db.pool, send, status, field);

beforeAll(async () => {
  ctx = await testApp({ clock });
});

type Summary = { id: string; voteCount: number; votedByMe: boolean; status: string };

async function idea(author: Actor, community: TestCommunity, title = unique('Idea')) {
  clock.advance(60_000);
  const response = await author.api.post('/api/v1/threads', {
    communitySlug: community.slug,
    kind: 'idea',
    title,
    body: 'What if?',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Summary;
}

const ideaNotices = async (personId: string, threadId: string) =>
  (
    await ctx.db.pool.query<{ actor_id: string; data: { from: string; to: string; note: string } }>(
      `select actor_id, data from notifications where recipient_id = $1 and thread_id = $2 and kind = 'idea_status'
        order by id`,
      [personId, threadId],
    )
  ).rows.map((row) => [row.data.from, row.data.to, row.data.note]);

describe('votes on ideas', () => {
  it('one vote per person, idempotent both ways, counted on the thread and shown per viewer', async () => {
    const author = await person();
    const voter = await person();
    const other = await person();
    const community = await buildCommunity(ctx.db.pool);
    const { id } = await idea(author, community);
    for (let i = 0; i < 2; i++)
      expect((await voter.api.put(`/api/v1/threads/${id}/vote`)).statusCode).toBe(204);
    expect((await author.api.put(`/api/v1/threads/${id}/vote`)).statusCode).toBe(204);
    expect((await voter.api.get(`/api/v1/threads/${id}`)).json()).toMatchObject({
      voteCount: 2,
      votedByMe: true,
    });
    expect((await other.api.get(`/api/v1/threads/${id}`)).json()).toMatchObject({
      voteCount: 2,
      votedByMe: false,
    });
    const list = (await voter.api.get(`/api/v1/groups/${community.slug}/threads`)).json();
    expect(list.items.find((t: Summary) => t.id === id)).toMatchObject({ voteCount: 2, votedByMe: true });

    for (let i = 0; i < 2; i++)
      expect((await voter.api.delete(`/api/v1/threads/${id}/vote`)).statusCode).toBe(204);
    expect((await voter.api.get(`/api/v1/threads/${id}`)).json()).toMatchObject({
      voteCount: 1,
      votedByMe: false,
    });
    const { rows } = await ctx.db.pool.query('select person_id from idea_votes where thread_id = $1', [id]);
    expect(rows).toEqual([{ person_id: author.id }]);
  });

  it('refuses votes on other kinds, on removed ideas and where the voter may not read, changing nothing', async () => {
    const author = await person();
    const outsider = await person();
    const open = await buildCommunity(ctx.db.pool, { members: [author] });
    const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed', members: [author] });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [author] });
    const question = await buildThread(ctx.db.pool, { author, community: open, kind: 'question' });
    await expectRejected(() => outsider.api.put(`/api/v1/threads/${question.id}/vote`), 400, 'id');
    const inClosed = await idea(author, closed);
    const inSecret = await idea(author, secret);
    await expectRejected(() => outsider.api.put(`/api/v1/threads/${inClosed.id}/vote`), 403);
    await expectRejected(() => outsider.api.put(`/api/v1/threads/${inSecret.id}/vote`), 404);
    const removed = await idea(author, open);
    await author.api.delete(`/api/v1/threads/${removed.id}`);
    await expectRejected(() => outsider.api.put(`/api/v1/threads/${removed.id}/vote`), 409);
  });
});

describe('the idea status workflow', () => {
  it('moves an idea with notes; the author and voters hear of each change, the one who made it does not', async () => {
    const author = await person();
    const owner = await person();
    const voter = await person();
    const community = await buildCommunity(ctx.db.pool, { owners: [owner], members: [author] });
    const { id } = await idea(author, community);
    await voter.api.put(`/api/v1/threads/${id}/vote`);
    await owner.api.put(`/api/v1/threads/${id}/vote`);

    const steps = [
      ['under_review', 'We are looking at it.'],
      ['declined', 'Too expensive this year.'],
      ['under_review', 'Budget freed up: looking again.'],
      ['planned', 'Planned for Q3.'],
      ['done', 'Shipped!'],
    ] as const;
    let from = 'new';
    for (const [status, note] of steps) {
      clock.advance(60_000);
      const response = await owner.api.post(`/api/v1/threads/${id}/status`, { status, note: `  ${note}  ` });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ status, canChangeStatus: true });
      from = status;
    }
    expect(from).toBe('done');
    const expected = [
      ['new', 'under_review', 'We are looking at it.'],
      ['under_review', 'declined', 'Too expensive this year.'],
      ['declined', 'under_review', 'Budget freed up: looking again.'],
      ['under_review', 'planned', 'Planned for Q3.'],
      ['planned', 'done', 'Shipped!'],
    ];
    expect(await ideaNotices(author.id, id)).toEqual(expected);
    expect(await ideaNotices(voter.id, id)).toEqual(expected);
    expect(await ideaNotices(owner.id, id)).toEqual([]);
    const inbox = (await voter.api.get('/api/v1/notifications')).json();
    expect(inbox.items.find((n: { kind: string }) => n.kind === 'idea_status')).toMatchObject({
      thread: { id },
      ideaStatus: { to: 'done', note: 'Shipped!' },
    });

    const history = (await voter.api.get(`/api/v1/threads/${id}/status-changes?limit=2`)).json();
    expect(history.items).toMatchObject([
      { from: 'new', to: 'under_review', note: 'We are looking at it.', changedBy: { handle: owner.handle } },
      { from: 'under_review', to: 'declined', note: 'Too expensive this year.' },
    ]);
    const rest = (
      await voter.api.get(`/api/v1/threads/${id}/status-changes?cursor=${history.nextCursor}`)
    ).json();
    expect(rest.items.map((c: { to: string }) => c.to)).toEqual(['under_review', 'planned', 'done']);
    expect(rest.nextCursor).toBeNull();

    // Done is final.
    const final = await expectRejected(
      () => owner.api.post(`/api/v1/threads/${id}/status`, { status: 'declined', note: 'Changed my mind' }),
      409,
      'status',
    );
    expect(final.json().detail).toMatch(/done.*final/);
  });

  it('refuses skipped steps, standing still, missing and overlong notes and other kinds, changing nothing', async () => {
    const author = await person();
    const owner = await person();
    const community = await buildCommunity(ctx.db.pool, { owners: [owner], members: [author] });
    const { id } = await idea(author, community);
    const change = (body: unknown) => () => owner.api.post(`/api/v1/threads/${id}/status`, body);
    const skipped = await expectRejected(change({ status: 'planned', note: 'Skip' }), 409, 'status');
    expect(skipped.json().detail).toBe(
      'This idea is new: it can go to under review or declined, not planned.',
    );
    await expectRejected(change({ status: 'new', note: 'Same' }), 409, 'status');
    await expectRejected(change({ status: 'under_review' }), 400, 'note');
    await expectRejected(change({ status: 'under_review', note: '   ' }), 400, 'note');
    await expectRejected(change({ status: 'under_review', note: 'x'.repeat(2001) }), 400, 'note');
    await expectRejected(change({ status: 'answered', note: 'Not an idea status' }), 400, 'status');
    const ok = await owner.api.post(`/api/v1/threads/${id}/status`, {
      status: 'under_review',
      note: 'x'.repeat(2000),
    });
    expect(ok.statusCode).toBe(200);
    const question = await buildThread(ctx.db.pool, { author, community, kind: 'question' });
    await expectRejected(
      () => owner.api.post(`/api/v1/threads/${question.id}/status`, { status: 'under_review', note: 'n' }),
      400,
      'id',
    );
  });

  it('lets owners, the sponsor and leaders decide, not members, admins or outsiders of a closed community', async () => {
    const author = await person();
    const owner = await person();
    const sponsor = await person({ leader: true });
    const leader = await person({ leader: true });
    const member = await person();
    const admin = await person({ role: 'admin' });
    const manager = await person({ role: 'community_manager' });
    const open = await buildCommunity(ctx.db.pool, { owners: [owner], members: [author, member], sponsor });
    const closed = await buildCommunity(ctx.db.pool, {
      visibility: 'closed',
      owners: [owner],
      members: [author, member],
      sponsor,
    });
    const move = (who: Actor, threadId: string) => () =>
      who.api.post(`/api/v1/threads/${threadId}/status`, { status: 'under_review', note: 'Looking' });
    for (const who of [owner, sponsor, leader]) {
      const { id } = await idea(author, open);
      expect((await move(who, id)()).statusCode).toBe(200);
    }
    const { id } = await idea(author, open);
    for (const who of [author, member, admin, manager]) await expectRejected(move(who, id), 403);
    expect((await member.api.get(`/api/v1/threads/${id}`)).json().canChangeStatus).toBe(false);
    expect((await sponsor.api.get(`/api/v1/threads/${id}`)).json().canChangeStatus).toBe(true);
    // A leader outside a closed community cannot read the idea, so cannot decide on it; its sponsor can.
    const inClosed = await idea(author, closed);
    await expectRejected(move(leader, inClosed.id), 403);
    expect((await move(owner, inClosed.id)()).statusCode).toBe(200);
  });

  it('notifies only voters who can still read the idea', async () => {
    const author = await person();
    const owner = await person();
    const leaver = await person();
    const community = await buildCommunity(ctx.db.pool, {
      visibility: 'closed',
      owners: [owner],
      members: [author, leaver],
    });
    const { id } = await idea(author, community);
    await leaver.api.put(`/api/v1/threads/${id}/vote`);
    await ctx.db.pool.query('delete from community_members where community_id = $1 and person_id = $2', [
      community.id,
      leaver.id,
    ]);
    await owner.api.post(`/api/v1/threads/${id}/status`, { status: 'under_review', note: 'Looking' });
    expect(await ideaNotices(author.id, id)).toHaveLength(1);
    expect(await ideaNotices(leaver.id, id)).toEqual([]);
  });
});

describe('GET /api/v1/groups/:slug/ideas', () => {
  it('sorts by votes (ties: newest first) or by newest, filters by status, and pages without repeats', async () => {
    const author = await person();
    const owner = await person();
    const voters = [await person(), await person(), await person()];
    const community = await buildCommunity(ctx.db.pool, { owners: [owner], members: [author] });
    const a = await idea(author, community, 'A');
    const b = await idea(author, community, 'B');
    const c = await idea(author, community, 'C');
    const d = await idea(author, community, 'D');
    await buildThread(ctx.db.pool, { author, community, kind: 'question' });
    // Votes: A 1, B 3, C 1, D 0.
    await voters[0]!.api.put(`/api/v1/threads/${a.id}/vote`);
    for (const voter of voters) await voter.api.put(`/api/v1/threads/${b.id}/vote`);
    await voters[1]!.api.put(`/api/v1/threads/${c.id}/vote`);
    await owner.api.post(`/api/v1/threads/${c.id}/status`, { status: 'under_review', note: 'Looking' });

    const walk = async (query: string, limit: number) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/groups/${community.slug}/ideas?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await author.api.get(url);
        expect(response.statusCode, response.body).toBe(200);
        const page = response.json() as Page<Summary>;
        ids.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    for (const limit of [1, 3, 10]) {
      expect(await walk('sort=votes', limit)).toEqual([b.id, c.id, a.id, d.id]);
      expect(await walk('sort=newest', limit)).toEqual([d.id, c.id, b.id, a.id]);
      expect(await walk('sort=votes&status=new', limit)).toEqual([b.id, a.id, d.id]);
      expect(await walk('sort=newest&status=under_review', limit)).toEqual([c.id]);
    }
    const page = (await author.api.get(`/api/v1/groups/${community.slug}/ideas`)).json();
    expect(page.items.map((item: Summary) => item.voteCount)).toEqual([3, 1, 1, 0]);
    const newestCursor = (
      await author.api.get(`/api/v1/groups/${community.slug}/ideas?sort=newest&limit=1`)
    ).json().nextCursor;
    expect(
      (await author.api.get(`/api/v1/groups/${community.slug}/ideas?sort=votes&cursor=${newestCursor}`))
        .statusCode,
    ).toBe(400);
  });

  it('is for readers of the community only', async () => {
    const outsider = await person();
    const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed' });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret' });
    expect((await outsider.api.get(`/api/v1/groups/${closed.slug}/ideas`)).statusCode).toBe(403);
    expect((await outsider.api.get(`/api/v1/groups/${secret.slug}/ideas`)).statusCode).toBe(404);
  });
});
