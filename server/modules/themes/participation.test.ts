import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, buildReply, buildThread, type TestPerson, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor, expectRejected, type Page } from '../threads/testing.js';

const clock = manualClock(new Date('2100-03-02T08:00:00Z'));
let ctx: Awaited<ReturnType<typeof testApp>>;
const person = (overrides: Parameters<typeof actor>[2] = {}) => actor(ctx.app, ctx.db.pool, overrides);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  ctx = await testApp({ clock });
});

const q = (sql: string, params: unknown[]) => ctx.db.pool.query(sql, params);
const link = (themeId: string, threadId: string) =>
  q('update threads set theme_id = $1 where id = $2', [themeId, threadId]);
const react = (threadId: string, who: TestPerson, kind = 'like') =>
  q('insert into thread_reactions (thread_id, person_id, kind) values ($1, $2, $3)', [
    threadId,
    who.id,
    kind,
  ]);
const reactToReply = (replyId: string, who: TestPerson, kind = 'thanks') =>
  q('insert into reply_reactions (reply_id, person_id, kind) values ($1, $2, $3)', [replyId, who.id, kind]);

/**
 * A theme with a conversation whose right answers are written by hand:
 *   t1 (open community, by A): replies by B, C and A; a removed reply by F; D reacts to t1, E to B's reply.
 *   t2 (open community, by B): A and X (deactivated since) react.
 *   t3 (removed, by F): a reply by G. Not counted.
 *   t4 (secret community, by S): a reply by S2. Counted only for the secret community's members.
 *   t5 (open community, by A, not linked): a reply by H. Not counted.
 * For someone outside the secret community: threads 2, replies 3, participants 6 (A B C D E X),
 * contributions A 3 (t1, reply, reaction), B 2 (reply, t2), C D E X 1 each.
 * For a member of the secret community: threads 3, replies 4, participants 8 (plus S and S2).
 */
async function scene() {
  const owner = await person({ leader: true });
  // One after another: ties in the participant list are broken by id, in the order made here.
  const made: Actor[] = [];
  for (let i = 0; i < 11; i++) made.push(await person());
  const [a, b, c, d, e, f, g, h, x, s, s2] = made;
  const open = await buildCommunity(ctx.db.pool, { visibility: 'open' });
  const secretMarker = unique('secretword').replaceAll('-', '');
  const secret = await buildCommunity(ctx.db.pool, {
    visibility: 'secret',
    members: [s!, s2!],
    name: `Secret ${secretMarker}`,
  });
  const theme = (
    await owner.api.post('/api/v1/themes', { title: unique('Growth'), question: 'Where next?' })
  ).json();

  const t1 = await buildThread(ctx.db.pool, {
    author: a!,
    community: open,
    lastActivityAt: new Date('2099-01-01'),
  });
  const t2 = await buildThread(ctx.db.pool, {
    author: b!,
    community: open,
    lastActivityAt: new Date('2099-02-01'),
  });
  const t3 = await buildThread(ctx.db.pool, { author: f!, community: open });
  const t4 = await buildThread(ctx.db.pool, {
    author: s!,
    community: secret,
    title: `Plan ${secretMarker}`,
    lastActivityAt: new Date('2099-03-01'),
  });
  const t5 = await buildThread(ctx.db.pool, { author: a!, community: open });
  for (const thread of [t1, t2, t3, t4]) await link(theme.id, thread.id);

  const byB = await buildReply(ctx.db.pool, { thread: t1, author: b! });
  await buildReply(ctx.db.pool, { thread: t1, author: c! });
  await buildReply(ctx.db.pool, { thread: t1, author: a! });
  const removed = await buildReply(ctx.db.pool, { thread: t1, author: f! });
  await q('update replies set deleted_at = now() where id = $1', [removed.id]);
  await react(t1.id, d!);
  await reactToReply(byB.id, e!);
  await react(t2.id, a!);
  await react(t2.id, x!);
  await buildReply(ctx.db.pool, { thread: t3, author: g! });
  await q('update threads set deleted_at = now() where id = $1', [t3.id]);
  await buildReply(ctx.db.pool, { thread: t4, author: s2! });
  await buildReply(ctx.db.pool, { thread: t5, author: h! });
  await q("update people set status = 'deactivated' where id = $1", [x!.id]);
  const people = { a: a!, b: b!, c: c!, d: d!, e: e!, f: f!, g: g!, h: h!, x: x!, s: s!, s2: s2! };
  return { owner, theme, people, threads: { t1, t2, t3, t4, t5 }, secretMarker };
}

const figuresFor = async (viewer: Actor, themeId: string) =>
  (await viewer.api.get(`/api/v1/themes/${themeId}`)).json().figures;

describe('theme figures', () => {
  it('counts threads, replies and participants only over linked threads the viewer may read', async () => {
    const { theme, people } = await scene();
    const outsider = await person();
    expect(await figuresFor(outsider, theme.id)).toEqual({
      participants: 6,
      threads: 2,
      replies: 3,
      outcomes: 0,
      loopClosed: false,
      daysSinceLastOutcome: null,
      secondsToFirstOutcome: null,
    });
    expect(await figuresFor(people.s, theme.id)).toMatchObject({ participants: 8, threads: 3, replies: 4 });
    // The list shows the same figures as the page.
    const listed = (await outsider.api.get('/api/v1/themes?state=open&limit=100')).json().items;
    expect(listed.find((t: { id: string }) => t.id === theme.id).figures).toMatchObject({
      participants: 6,
      threads: 2,
      replies: 3,
    });
  });

  it('measures the loop: time to the first outcome update and whole days since the last', async () => {
    const leader = await person({ leader: true });
    const theme = (await leader.api.post('/api/v1/themes', { title: unique('Loop'), question: 'Q?' })).json();
    const url = `/api/v1/themes/${theme.id}`;
    clock.advance(3 * DAY + 5 * HOUR);
    expect((await leader.api.post(`${url}/outcomes`, { body: 'First step taken.' })).statusCode).toBe(201);
    expect(await figuresFor(leader, theme.id)).toMatchObject({
      outcomes: 1,
      loopClosed: true,
      daysSinceLastOutcome: 0,
      secondsToFirstOutcome: 3 * 86_400 + 5 * 3_600,
    });
    clock.advance(2 * DAY + 23 * HOUR);
    expect((await figuresFor(leader, theme.id)).daysSinceLastOutcome).toBe(2);
    clock.advance(HOUR);
    expect((await figuresFor(leader, theme.id)).daysSinceLastOutcome).toBe(3);
    expect((await leader.api.post(`${url}/outcomes`, { body: 'Second step.' })).statusCode).toBe(201);
    expect(await figuresFor(leader, theme.id)).toMatchObject({
      outcomes: 2,
      daysSinceLastOutcome: 0,
      secondsToFirstOutcome: 3 * 86_400 + 5 * 3_600,
    });
    const outcomes = (await leader.api.get(url)).json().outcomes;
    expect(outcomes.map((o: { bodyHtml: string }) => o.bodyHtml)).toEqual([
      '<p>Second step.</p>\n',
      '<p>First step taken.</p>\n',
    ]);
  });
});

describe('GET /api/v1/themes/:id/threads and /participants', () => {
  it('shows a thread started in the theme through the API, and counts it', async () => {
    const leader = await person({ leader: true });
    const author = await person();
    const theme = (
      await leader.api.post('/api/v1/themes', { title: unique('Via API'), question: 'Q?' })
    ).json();
    const community = await buildCommunity(ctx.db.pool, { members: [author] });
    const posted = await author.api.post('/api/v1/threads', {
      communitySlug: community.slug,
      kind: 'question',
      title: 'How do we start?',
      body: 'A first step.',
      themeId: theme.id,
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const items = (await author.api.get(`/api/v1/themes/${theme.id}/threads`)).json().items;
    expect(items).toEqual([
      expect.objectContaining({ id: posted.json().id, theme: { id: theme.id, title: theme.title } }),
    ]);
    expect(await figuresFor(author, theme.id)).toMatchObject({ participants: 1, threads: 1, replies: 0 });
  });

  it('lists readable linked threads by newest activity, by cursor, and never a secret one to outsiders', async () => {
    const { theme, threads, people, secretMarker } = await scene();
    const outsider = await person();
    const url = `/api/v1/themes/${theme.id}/threads`;
    const first = (await outsider.api.get(`${url}?limit=1`)).json();
    const second = (await outsider.api.get(`${url}?limit=1&cursor=${first.nextCursor}`)).json();
    expect([...first.items, ...second.items].map((t: { id: string }) => t.id)).toEqual([
      threads.t2.id,
      threads.t1.id,
    ]);
    expect(second.nextCursor).toBeNull();
    const all = await outsider.api.get(url);
    expect(all.body).not.toContain(secretMarker);
    const insider = (await people.s.api.get(url)).json().items;
    expect(insider.map((t: { id: string }) => t.id)).toEqual([threads.t4.id, threads.t2.id, threads.t1.id]);
  });

  it('lists participants by contributions, by cursor, over what the viewer may read', async () => {
    const { theme, people } = await scene();
    const outsider = await person();
    const url = `/api/v1/themes/${theme.id}/participants`;
    const seen: { person: { handle: string }; contributions: number }[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${cursor}` : '';
      const page: Page<(typeof seen)[number]> = (await outsider.api.get(`${url}?limit=4${after}`)).json();
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const { a, b, c, d, e, x } = people;
    expect(seen.map((p) => [p.person.handle, p.contributions])).toEqual([
      [a.handle, 3],
      [b.handle, 2],
      [c.handle, 1],
      [d.handle, 1],
      [e.handle, 1],
      [x.handle, 1],
    ]);
    const insider = (await people.s.api.get(url)).json().items;
    expect(insider).toHaveLength(8);
    await expectRejected(ctx.db.pool, () => outsider.api.get(`${url}?cursor=bad`), 400, 'cursor');
    await expectRejected(ctx.db.pool, () => outsider.api.get('/api/v1/themes/999999999999/threads'), 404);
  });
});

describe('POST /api/v1/themes/:id/outcomes', () => {
  it('notifies every active participant and follower, not the poster, and links the theme', async () => {
    const { owner, theme, people } = await scene();
    const follower = await person();
    await follower.api.put(`/api/v1/themes/${theme.id}/follow`);
    const poster = await person({ leader: true });
    const response = await poster.api.post(`/api/v1/themes/${theme.id}/outcomes`, {
      body: 'We **chose** Belgium.',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      themeId: theme.id,
      author: { handle: poster.handle },
      bodyHtml: '<p>We <strong>chose</strong> Belgium.</p>\n',
    });
    const { rows } = await q(
      `select recipient_id, actor_id, data from notifications where kind = 'theme_outcome' and data->>'themeId' = $1
        order by recipient_id`,
      [theme.id],
    );
    const { a, b, c, d, e, s, s2 } = people;
    const expected = [a, b, c, d, e, s, s2, owner, follower].map((p) => p.id);
    expect(rows.map((row) => row.recipient_id).sort()).toEqual(expected.sort());
    expect(rows.every((row) => row.actor_id === poster.id)).toBe(true);
    expect(rows[0]!.data).toMatchObject({ themeId: theme.id, themeTitle: theme.title });

    const mine = (await people.c.api.get('/api/v1/notifications')).json().items;
    expect(mine[0]).toMatchObject({
      kind: 'theme_outcome',
      actor: { handle: poster.handle },
      thread: null,
      community: null,
      theme: { id: theme.id, title: theme.title },
    });
    const { rows: events } = await q(
      "select actor from (select payload->>'themeId' as actor from events where type = 'theme_outcome') e where actor = $1",
      [theme.id],
    );
    expect(events).toHaveLength(1);
  });

  it('lets the owner post even when no longer a leader, and on a closed theme', async () => {
    const owner = await person({ leader: true });
    const theme = (await owner.api.post('/api/v1/themes', { title: unique('Owned'), question: 'Q?' })).json();
    await owner.api.patch(`/api/v1/themes/${theme.id}`, { state: 'closed' });
    await q('update people set is_leader = false where id = $1', [owner.id]);
    ctx.deps.viewers.forgetPerson(owner.id); // as an admin's change on this node would
    const response = await owner.api.post(`/api/v1/themes/${theme.id}/outcomes`, { body: 'Done.' });
    expect(response.statusCode, response.body).toBe(201);
  });

  it('refuses members and admins without a mandate, bodies over the limit, and unknown themes', async () => {
    const owner = await person({ leader: true });
    const theme = (
      await owner.api.post('/api/v1/themes', { title: unique('Limits'), question: 'Q?' })
    ).json();
    const url = `/api/v1/themes/${theme.id}/outcomes`;
    for (const someone of [await person(), await person({ role: 'admin' })]) {
      await expectRejected(ctx.db.pool, () => someone.api.post(url, { body: 'Mine' }), 403);
    }
    await expectRejected(ctx.db.pool, () => owner.api.post(url, { body: 'x'.repeat(20_001) }), 400, 'body');
    await expectRejected(ctx.db.pool, () => owner.api.post(url, { body: '  ' }), 400, 'body');
    await expectRejected(ctx.db.pool, () => owner.api.post(url, {}), 400, 'body');
    await expectRejected(
      ctx.db.pool,
      () => owner.api.post('/api/v1/themes/999999999999/outcomes', { body: 'x' }),
      404,
    );
    expect((await owner.api.post(url, { body: 'x'.repeat(20_000) })).statusCode).toBe(201);
  });
});
