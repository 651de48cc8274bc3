import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor, expectRejected } from '../threads/testing.js';

// Far ahead of real time, so the themes made here are the newest on a database other tests share.
const clock = manualClock(new Date('2100-01-04T09:00:00Z'));
let ctx: Awaited<ReturnType<typeof testApp>>;
const person = (overrides: Parameters<typeof actor>[2] = {}) => actor(ctx.app, ctx.db.pool, overrides);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  ctx = await testApp({ clock });
});

async function openTheme(owner: Actor, fields: Record<string, unknown> = {}) {
  const response = await owner.api.post('/api/v1/themes', {
    title: unique('Theme'),
    question: 'Where should we grow next?',
    ...fields,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('POST /api/v1/themes', () => {
  it('lets a leader open a theme they own and follow, open and without figures yet', async () => {
    const leader = await person({ leader: true });
    const theme = await openTheme(leader, { why: 'Our market is *shrinking*.' });
    expect(theme).toMatchObject({
      question: 'Where should we grow next?',
      why: 'Our market is *shrinking*.',
      state: 'open',
      owner: { handle: leader.handle, isLeader: true },
      endsAt: null,
      closedAt: null,
      createdAt: clock.now().toISOString(),
      outcomes: [],
      followedByMe: true,
      canEdit: true,
      canPostOutcome: true,
      figures: {
        participants: 0,
        threads: 0,
        replies: 0,
        outcomes: 0,
        loopClosed: false,
        daysSinceLastOutcome: null,
        secondsToFirstOutcome: null,
      },
    });
  });

  it('refuses people without a mandate, and changes nothing', async () => {
    for (const role of ['member', 'community_manager'] as const) {
      const someone = await person({ role });
      await expectRejected(
        ctx.db.pool,
        () => someone.api.post('/api/v1/themes', { title: 'Mine', question: 'Why?' }),
        403,
      );
    }
  });

  it('lets an admin open a theme for a leader, who then owns it; only for an active leader', async () => {
    const admin = await person({ role: 'admin' });
    const leader = await person({ leader: true });
    const theme = await openTheme(admin, { ownerHandle: leader.handle });
    expect(theme.owner.handle).toBe(leader.handle);
    const { rows } = await ctx.db.pool.query('select person_id from theme_follows where theme_id = $1', [
      theme.id,
    ]);
    expect(rows).toEqual([{ person_id: leader.id }]);
    const member = await person();
    const gone = await person({ leader: true, status: 'deactivated' });
    for (const handle of [member.handle, gone.handle, 'nobody-here']) {
      await expectRejected(
        ctx.db.pool,
        () => admin.api.post('/api/v1/themes', { title: 'For you', question: 'Q?', ownerHandle: handle }),
        400,
        'ownerHandle',
      );
    }
  });

  it('does not let a leader open a theme in another leader’s name', async () => {
    const leader = await person({ leader: true });
    const other = await person({ leader: true });
    await expectRejected(
      ctx.db.pool,
      () => leader.api.post('/api/v1/themes', { title: 'T', question: 'Q', ownerHandle: other.handle }),
      403,
    );
  });

  it('names the field for every limit and stores nothing', async () => {
    const leader = await person({ leader: true });
    const valid = { title: 'Title', question: 'Question?' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, title: 'x'.repeat(201) }, 'title'],
      [{ ...valid, title: '   ' }, 'title'],
      [{ ...valid, question: 'x'.repeat(2_001) }, 'question'],
      [{ ...valid, question: '' }, 'question'],
      [{ ...valid, why: 'x'.repeat(5_001) }, 'why'],
      [{ ...valid, endsAt: 'next week' }, 'endsAt'],
      [{ ...valid, endsAt: new Date(clock.now().getTime() - 1000).toISOString() }, 'endsAt'],
      [{ ...valid, endsAt: clock.now().toISOString() }, 'endsAt'],
      [{ ...valid, colour: 'red' }, 'request'],
    ];
    for (const [body, field] of cases) {
      const response = await expectRejected(ctx.db.pool, () => leader.api.post('/api/v1/themes', body), 400);
      if (field !== 'request')
        expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    // At the limits exactly, it is accepted.
    const theme = await openTheme(leader, {
      title: 't'.repeat(200),
      question: 'q'.repeat(2_000),
      why: 'w'.repeat(5_000),
      endsAt: new Date(clock.now().getTime() + 1000).toISOString(),
    });
    expect(theme.title).toHaveLength(200);
  });
});

describe('PATCH /api/v1/themes/:id', () => {
  it('lets the owner edit, close and reopen; closing keeps its first closing time', async () => {
    const leader = await person({ leader: true });
    const theme = await openTheme(leader);
    const url = `/api/v1/themes/${theme.id}`;
    const edited = await leader.api.patch(url, { title: 'Sharper title', why: 'Because.' });
    expect(edited.json()).toMatchObject({ title: 'Sharper title', why: 'Because.', state: 'open' });
    const closedAt = clock.now().toISOString();
    expect((await leader.api.patch(url, { state: 'closed' })).json()).toMatchObject({
      state: 'closed',
      closedAt,
    });
    clock.advance(HOUR);
    expect((await leader.api.patch(url, { state: 'closed' })).json().closedAt).toBe(closedAt);
    expect((await leader.api.patch(url, { state: 'open' })).json()).toMatchObject({
      state: 'open',
      closedAt: null,
    });
  });

  it('counts a theme whose end date passed as closed, and reopens it only with a later end date or none', async () => {
    const leader = await person({ leader: true });
    const endsAt = new Date(clock.now().getTime() + DAY);
    const theme = await openTheme(leader, { endsAt: endsAt.toISOString() });
    const url = `/api/v1/themes/${theme.id}`;
    clock.advance(DAY);
    expect((await leader.api.get(url)).json()).toMatchObject({
      state: 'closed',
      closedAt: endsAt.toISOString(),
    });
    // Closed everywhere: it is no longer pinned among the open themes.
    const open = (await leader.api.get('/api/v1/themes?state=open&limit=100')).json().items;
    expect(open.map((t: { id: string }) => t.id)).not.toContain(theme.id);
    const closed = (await leader.api.get('/api/v1/themes?state=closed&limit=100')).json().items;
    expect(closed.map((t: { id: string }) => t.id)).toContain(theme.id);
    await expectRejected(ctx.db.pool, () => leader.api.patch(url, { state: 'open' }), 400, 'endsAt');
    await expectRejected(
      ctx.db.pool,
      () => leader.api.patch(url, { endsAt: clock.now().toISOString() }),
      400,
      'endsAt',
    );
    const later = new Date(clock.now().getTime() + DAY).toISOString();
    expect((await leader.api.patch(url, { endsAt: later })).json()).toMatchObject({
      state: 'open',
      endsAt: later,
    });
    expect((await leader.api.patch(url, { endsAt: null })).json()).toMatchObject({
      state: 'open',
      endsAt: null,
    });
  });

  it('refuses other leaders and members; an admin may, and that is audited', async () => {
    const owner = await person({ leader: true });
    const theme = await openTheme(owner);
    const url = `/api/v1/themes/${theme.id}`;
    for (const other of [await person({ leader: true }), await person()]) {
      await expectRejected(ctx.db.pool, () => other.api.patch(url, { state: 'closed' }), 403);
    }
    const admin = await person({ role: 'admin' });
    expect((await admin.api.patch(url, { state: 'closed' })).statusCode).toBe(200);
    const { rows } = await ctx.db.pool.query(
      "select actor_id, action from audit_entries where target_type = 'theme' and target_id = $1",
      [theme.id],
    );
    expect(rows).toEqual([{ actor_id: admin.id, action: 'theme.update' }]);
    await expectRejected(ctx.db.pool, () => owner.api.patch(url, {}), 400);
    await expectRejected(ctx.db.pool, () => owner.api.patch(url, { state: 'paused' }), 400, 'state');
    await expectRejected(
      ctx.db.pool,
      () => owner.api.patch('/api/v1/themes/999999999999', { title: 'x' }),
      404,
    );
  });
});

describe('GET /api/v1/themes', () => {
  it('lists open themes first, newest first, then closed ones, and pages across both by cursor', async () => {
    const leader = await person({ leader: true });
    clock.advance(DAY);
    const made: { id: string; open: boolean }[] = [];
    for (const [index, open] of [true, false, true, false, true].entries()) {
      clock.advance(60_000);
      const theme = await openTheme(leader, { title: unique(`List ${index}`) });
      if (!open) await leader.api.patch(`/api/v1/themes/${theme.id}`, { state: 'closed' });
      made.push({ id: theme.id, open });
    }
    const mine = new Set(made.map((theme) => theme.id));
    const newestFirst = [...made].reverse();
    const expected = [
      ...newestFirst.filter((t) => t.open).map((t) => t.id),
      ...newestFirst.filter((t) => !t.open).map((t) => t.id),
    ];

    const seen: { id: string; state: string }[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const response = await leader.api.get(`/api/v1/themes?limit=2${query}`);
      expect(response.statusCode, response.body).toBe(200);
      seen.push(...response.json().items);
      cursor = response.json().nextCursor;
    } while (cursor);
    expect(new Set(seen.map((t) => t.id)).size).toBe(seen.length);
    const firstClosed = seen.findIndex((t) => t.state === 'closed');
    expect(seen.slice(firstClosed).every((t) => t.state === 'closed')).toBe(true);
    expect(seen.filter((t) => mine.has(t.id)).map((t) => t.id)).toEqual(expected);

    // Other tests' themes may share the database: look at ours among them.
    const ours = async (state: string) => {
      const items = (await leader.api.get(`/api/v1/themes?state=${state}&limit=100`)).json().items;
      return items.map((t: { id: string }) => t.id).filter((id: string) => mine.has(id));
    };
    expect(await ours('open')).toEqual(expected.slice(0, 3));
    expect(await ours('closed')).toEqual(expected.slice(3));
  });

  it('rejects a bad state or a cursor it did not give out, naming it', async () => {
    const viewer = await person();
    await expectRejected(ctx.db.pool, () => viewer.api.get('/api/v1/themes?state=maybe'), 400, 'state');
    await expectRejected(ctx.db.pool, () => viewer.api.get('/api/v1/themes?cursor=abc'), 400, 'cursor');
    const wrongPart = Buffer.from(JSON.stringify(['closed', '2100-01-01T00:00:00.000000Z', '1'])).toString(
      'base64url',
    );
    await expectRejected(
      ctx.db.pool,
      () => viewer.api.get(`/api/v1/themes?state=open&cursor=${wrongPart}`),
      400,
      'cursor',
    );
  });
});

describe('PUT|DELETE /api/v1/themes/:id/follow', () => {
  it('follows and unfollows idempotently; followedByMe says so; an unknown theme is a 404', async () => {
    const leader = await person({ leader: true });
    const reader = await person();
    const theme = await openTheme(leader);
    const url = `/api/v1/themes/${theme.id}`;
    expect((await reader.api.get(url)).json()).toMatchObject({
      followedByMe: false,
      canEdit: false,
      canPostOutcome: false,
    });
    expect((await reader.api.put(`${url}/follow`)).statusCode).toBe(204);
    expect((await reader.api.put(`${url}/follow`)).statusCode).toBe(204);
    expect((await reader.api.get(url)).json().followedByMe).toBe(true);
    expect((await reader.api.delete(`${url}/follow`)).statusCode).toBe(204);
    expect((await reader.api.delete(`${url}/follow`)).statusCode).toBe(204);
    expect((await reader.api.get(url)).json().followedByMe).toBe(false);
    await expectRejected(ctx.db.pool, () => reader.api.put('/api/v1/themes/999999999999/follow'), 404);
  });
});
