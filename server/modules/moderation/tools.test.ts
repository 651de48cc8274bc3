import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { client } from '../../test/client.js';
import {
  buildCommunity,
  buildPerson,
  buildThread,
  sessionFor,
  type TestPerson,
} from '../../test/factories.js';
import { testApp } from '../../test/harness.js';

const NOW = new Date('2026-12-06T10:00:00Z');
let ctx: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  ctx = await testApp({ clock: manualClock(NOW) });
});

const as = async (person: TestPerson) => client(ctx.app, await sessionFor(ctx.db.pool, person));

describe('lock, pin and move', () => {
  it('locks a thread against new replies (409 problem+json) and unlocks it; only moderators may', async () => {
    const owner = await buildPerson(ctx.db.pool);
    const member = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { owners: [owner], members: [member] });
    const thread = await buildThread(ctx.db.pool, { author: member, community });
    const memberApi = await as(member);
    expect((await memberApi.put(`/api/v1/threads/${thread.id}/lock`, {})).statusCode).toBe(403);
    const locked = await (await as(owner)).put(`/api/v1/threads/${thread.id}/lock`, {
      reason: 'off_topic',
      note: 'Genoeg gezegd',
    });
    expect(locked.statusCode, locked.body).toBe(204);
    expect((await memberApi.get(`/api/v1/threads/${thread.id}`)).json().locked).toBe(true);
    const reply = await memberApi.post(`/api/v1/threads/${thread.id}/replies`, { body: 'Nog één ding' });
    expect(reply.statusCode).toBe(409);
    expect(reply.headers['content-type']).toMatch(/problem\+json/);
    expect(reply.json().detail).toMatch(/locked/);
    const notice = (await memberApi.get('/api/v1/notifications')).json().items[0];
    expect(notice.moderation).toMatchObject({ action: 'lock', reason: 'off_topic', note: 'Genoeg gezegd' });
    expect((await (await as(owner)).delete(`/api/v1/threads/${thread.id}/lock`)).statusCode).toBe(204);
    expect((await memberApi.post(`/api/v1/threads/${thread.id}/replies`, { body: 'Toch' })).statusCode).toBe(
      201,
    );
  });

  it('pins in a community for its owners and on home for admins, shown only to those who may read it', async () => {
    const owner = await buildPerson(ctx.db.pool);
    const member = await buildPerson(ctx.db.pool);
    const outsider = await buildPerson(ctx.db.pool);
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    const closed = await buildCommunity(ctx.db.pool, {
      visibility: 'closed',
      owners: [owner],
      members: [member],
    });
    const open = await buildCommunity(ctx.db.pool, { owners: [owner] });
    const inside = await buildThread(ctx.db.pool, { author: member, community: closed });
    const news = await buildThread(ctx.db.pool, { author: admin, community: open, kind: 'announcement' });
    const ownerApi = await as(owner);
    expect((await ownerApi.put(`/api/v1/threads/${inside.id}/pins/community`)).statusCode).toBe(204);
    expect((await ownerApi.put(`/api/v1/threads/${inside.id}/pins/home`)).statusCode).toBe(403);
    const pinned = (await (await as(member)).get(`/api/v1/groups/${closed.slug}/pinned`)).json();
    expect(pinned.items.map((item: { id: string }) => item.id)).toEqual([inside.id]);
    expect((await (await as(outsider)).get(`/api/v1/groups/${closed.slug}/pinned`)).statusCode).toBe(403);
    // An admin outside the closed community cannot pin its thread anywhere: they cannot read it.
    expect((await (await as(admin)).put(`/api/v1/threads/${inside.id}/pins/home`)).statusCode).toBe(403);

    expect((await (await as(admin)).put(`/api/v1/threads/${news.id}/pins/home`)).statusCode).toBe(204);
    const home = (await (await as(outsider)).get('/api/v1/feed/pinned')).json();
    expect(home.items.map((item: { id: string }) => item.id)).toContain(news.id);
    expect(home.items.map((item: { id: string }) => item.id)).not.toContain(inside.id);
    expect((await (await as(admin)).delete(`/api/v1/threads/${news.id}/pins/home`)).statusCode).toBe(204);
    const after = (await (await as(outsider)).get('/api/v1/feed/pinned')).json();
    expect(after.items.map((item: { id: string }) => item.id)).not.toContain(news.id);
  });

  it('moves a thread; out of a closed community only its owners may, so a move never widens who reads it', async () => {
    const owner = await buildPerson(ctx.db.pool);
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    const member = await buildPerson(ctx.db.pool);
    // The admin is a member (not an owner) of the closed community: they read it, but do not choose its readers.
    const closed = await buildCommunity(ctx.db.pool, {
      visibility: 'closed',
      owners: [owner],
      members: [member, admin],
    });
    const open = await buildCommunity(ctx.db.pool, { owners: [owner] });
    const other = await buildCommunity(ctx.db.pool, {});
    const thread = await buildThread(ctx.db.pool, { author: member, community: closed });
    const adminMove = await (await as(admin)).post(`/api/v1/threads/${thread.id}/move`, {
      communitySlug: open.slug,
    });
    expect(adminMove.statusCode).toBe(403);
    expect(adminMove.json().detail).toMatch(/Only the owners/);
    const { rows } = await ctx.db.pool.query('select community_id from threads where id = $1', [thread.id]);
    expect(rows[0].community_id).toBe(closed.id);

    const ownerMove = await (await as(owner)).post(`/api/v1/threads/${thread.id}/move`, {
      communitySlug: open.slug,
      reason: 'off_topic',
    });
    expect(ownerMove.statusCode, ownerMove.body).toBe(204);
    expect((await (await as(member)).get(`/api/v1/threads/${thread.id}`)).json().community.slug).toBe(
      open.slug,
    );
    // From an open community a moderator who can read both moves it freely.
    expect(
      (await (await as(admin)).post(`/api/v1/threads/${thread.id}/move`, { communitySlug: other.slug }))
        .statusCode,
    ).toBe(204);
    const audit = await ctx.db.pool.query(
      "select before, after from audit_entries where action = 'moderation.move' and target_id = $1 order by id",
      [thread.id],
    );
    expect(audit.rows.map((row) => [row.before.community, row.after.community])).toEqual([
      [closed.slug, open.slug],
      [open.slug, other.slug],
    ]);
  });
});

describe('suspensions', () => {
  it('lets a suspended person sign in and read, refuses every write with until when, and lifts it', async () => {
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    const troll = await buildPerson(ctx.db.pool);
    const reporter = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { members: [troll, reporter] });
    const thread = await buildThread(ctx.db.pool, { author: reporter, community });
    const trollApi = await as(troll);
    const report = await (await as(reporter)).post('/api/v1/reports', {
      targetType: 'person',
      targetId: troll.handle,
      reason: 'harassment',
    });
    expect(report.statusCode).toBe(201);
    const adminApi = await as(admin);
    const tooLong = await adminApi.post(`/api/v1/reports/${report.json().id}/actions`, {
      action: 'suspend',
      reason: 'harassment',
      until: '2028-12-06T10:00:00Z',
    });
    expect(tooLong.statusCode).toBe(400);
    const suspended = await adminApi.post(`/api/v1/reports/${report.json().id}/actions`, {
      action: 'suspend',
      reason: 'harassment',
      note: 'Een week rust',
      until: '2026-12-13T10:00:00Z',
    });
    expect(suspended.statusCode, suspended.body).toBe(201);

    expect((await trollApi.get(`/api/v1/threads/${thread.id}`)).statusCode).toBe(200);
    const write = await trollApi.post(`/api/v1/threads/${thread.id}/replies`, { body: 'Hallo' });
    expect(write.statusCode).toBe(403);
    expect(write.headers['content-type']).toMatch(/problem\+json/);
    expect(write.json().detail).toContain('2026-12-13T10:00:00.000Z');
    const count = await ctx.db.pool.query('select count(*)::int as n from replies where thread_id = $1', [
      thread.id,
    ]);
    expect(count.rows[0].n).toBe(0);
    const notice = (await trollApi.get('/api/v1/notifications')).json().items[0];
    expect(notice.moderation).toMatchObject({ action: 'suspend', until: '2026-12-13T10:00:00.000Z' });
    // Reading what they were told is not writing.
    expect((await trollApi.post(`/api/v1/notifications/${notice.id}/read`)).statusCode).toBe(204);

    expect((await (await as(reporter)).delete(`/api/v1/people/${troll.handle}/suspension`)).statusCode).toBe(
      403,
    );
    expect((await adminApi.delete(`/api/v1/people/${troll.handle}/suspension`)).statusCode).toBe(204);
    expect((await trollApi.post(`/api/v1/threads/${thread.id}/replies`, { body: 'Sorry' })).statusCode).toBe(
      201,
    );
  });
});

describe('warning and suspending directly (from a thread or a profile)', () => {
  it('is for admins and community managers, tells the person why, and is audited with before and after', async () => {
    const manager = await buildPerson(ctx.db.pool, { role: 'community_manager' });
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    const owner = await buildPerson(ctx.db.pool);
    const person = await buildPerson(ctx.db.pool);
    await buildCommunity(ctx.db.pool, { owners: [owner], members: [person] });
    const managerApi = await as(manager);
    const warn = { reason: 'harassment', note: 'Houd het vriendelijk' };
    // A community's owners moderate posts, not people.
    expect((await (await as(owner)).post(`/api/v1/people/${person.handle}/warnings`, warn)).statusCode).toBe(
      403,
    );
    expect((await managerApi.post(`/api/v1/people/${manager.handle}/warnings`, warn)).statusCode).toBe(403);
    expect((await managerApi.post('/api/v1/people/no-such-person/warnings', warn)).statusCode).toBe(404);
    expect(
      (await managerApi.post(`/api/v1/people/${person.handle}/warnings`, { reason: 'rude' })).statusCode,
    ).toBe(400);
    const warned = await managerApi.post(`/api/v1/people/${person.handle}/warnings`, warn);
    expect(warned.statusCode, warned.body).toBe(201);

    const suspend = (until: string) => ({ reason: 'spam', note: 'Drie dagen', until });
    const url = `/api/v1/people/${person.handle}/suspension`;
    expect((await managerApi.put(url, suspend('2026-12-01T10:00:00Z'))).statusCode).toBe(400);
    expect((await managerApi.put(url, suspend('2028-12-06T10:00:00Z'))).statusCode).toBe(400);
    expect((await managerApi.put(url, { reason: 'spam' })).statusCode).toBe(400);
    // Only an admin suspends an admin, and nobody themselves.
    expect(
      (await managerApi.put(`/api/v1/people/${admin.handle}/suspension`, suspend('2026-12-09T10:00:00Z')))
        .statusCode,
    ).toBe(403);
    const suspended = await managerApi.put(url, suspend('2026-12-09T10:00:00Z'));
    expect(suspended.statusCode, suspended.body).toBe(200);
    const personApi = await as(person);
    const write = await personApi.post('/api/v1/threads', { kind: 'discussion', title: 'Hoi', body: 'x' });
    expect(write.statusCode).toBe(403);
    expect(write.json().detail).toContain('2026-12-09T10:00:00.000Z');

    const notices = (await personApi.get('/api/v1/notifications')).json().items;
    expect(
      notices.map((n: { moderation: { action: string; reason: string; note: string } }) => n.moderation),
    ).toEqual([
      expect.objectContaining({
        action: 'suspend',
        reason: 'spam',
        note: 'Drie dagen',
        until: '2026-12-09T10:00:00.000Z',
      }),
      expect.objectContaining({ action: 'warn', reason: 'harassment', note: 'Houd het vriendelijk' }),
    ]);
    const audit = await ctx.db.pool.query(
      `select action, before, after from audit_entries where target_type = 'person' and target_id = $1 order by id`,
      [person.id],
    );
    expect(audit.rows).toEqual([
      {
        action: 'moderation.warn',
        before: { suspendedUntil: null },
        after: expect.objectContaining({ reason: 'harassment', suspendedUntil: null }),
      },
      {
        action: 'moderation.suspend',
        before: { suspendedUntil: null },
        after: expect.objectContaining({ reason: 'spam', suspendedUntil: '2026-12-09T10:00:00.000Z' }),
      },
    ]);
  });
});

describe('word and link filters', () => {
  it('blocks a post outright (nothing written), holds another for review until a moderator approves it', async () => {
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    const owner = await buildPerson(ctx.db.pool);
    const author = await buildPerson(ctx.db.pool);
    const reader = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { owners: [owner], members: [author, reader] });
    const adminApi = await as(admin);
    const set = await adminApi.put('/api/v1/admin/moderation/filters', {
      words: [
        { term: 'oplichter', action: 'block' },
        { term: 'gratis geld', action: 'hold' },
      ],
      domains: [{ domain: 'casino.example', action: 'hold' }],
    });
    expect(set.statusCode, set.body).toBe(200);
    const authorApi = await as(author);
    const before = await ctx.db.pool.query('select count(*)::int as n from threads where author_id = $1', [
      author.id,
    ]);
    const blocked = await authorApi.post('/api/v1/threads', {
      communitySlug: community.slug,
      kind: 'discussion',
      title: 'Hij is een OPLICHTER',
      body: 'Echt waar',
    });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().errors[0]).toMatchObject({ field: 'body' });
    const after = await ctx.db.pool.query('select count(*)::int as n from threads where author_id = $1', [
      author.id,
    ]);
    expect(after.rows[0].n).toBe(before.rows[0].n);

    const held = await authorApi.post('/api/v1/threads', {
      communitySlug: community.slug,
      kind: 'discussion',
      title: 'Kans',
      body: 'Zie [hier](https://win.casino.example/nu)',
    });
    expect(held.statusCode, held.body).toBe(201);
    expect(held.json()).toMatchObject({ moderation: 'held', removed: false });
    const id = held.json().id;
    const readerApi = await as(reader);
    expect((await readerApi.get(`/api/v1/threads/${id}`)).json()).toMatchObject({ removed: true, title: '' });
    const list = (await readerApi.get(`/api/v1/groups/${community.slug}/threads`)).json();
    expect(list.items.map((item: { id: string }) => item.id)).not.toContain(id);

    const queue = (
      await (await as(owner)).get(`/api/v1/moderation/queue?community=${community.slug}`)
    ).json();
    const item = queue.items.find((entry: { kind: string }) => entry.kind === 'held');
    expect(item).toMatchObject({
      reason: 'filter',
      note: 'casino.example',
      reporter: null,
      actions: ['approve', 'remove'],
    });
    expect(
      (
        await (
          await as(owner)
        ).post(`/api/v1/reports/${item.id}/actions`, { action: 'approve', reason: 'other' })
      ).statusCode,
    ).toBe(201);
    const shown = (await readerApi.get(`/api/v1/groups/${community.slug}/threads`)).json();
    expect(shown.items.map((entry: { id: string }) => entry.id)).toContain(id);
    const audit = await ctx.db.pool.query(
      "select before, after from audit_entries where action = 'moderation.filters.update' order by id desc limit 1",
    );
    expect(audit.rows[0].after.words).toHaveLength(2);
    await adminApi.put('/api/v1/admin/moderation/filters', { words: [], domains: [] });
  });

  it('holds a reply with a held word: the thread does not count it and nobody is told until approval', async () => {
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    const author = await buildPerson(ctx.db.pool);
    const asker = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { members: [author, asker] });
    const thread = await buildThread(ctx.db.pool, { author: asker, community });
    await (await as(admin)).put('/api/v1/admin/moderation/filters', {
      words: [{ term: 'gratis geld', action: 'hold' }],
      domains: [],
    });
    const reply = await (await as(author)).post(`/api/v1/threads/${thread.id}/replies`, {
      body: 'GRATIS   geld!',
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({ moderation: 'held' });
    expect((await (await as(asker)).get(`/api/v1/threads/${thread.id}`)).json().replyCount).toBe(0);
    const told = await ctx.db.pool.query(
      'select count(*)::int as n from notifications where recipient_id = $1',
      [asker.id],
    );
    expect(told.rows[0].n).toBe(0);
    await (await as(admin)).put('/api/v1/admin/moderation/filters', { words: [], domains: [] });
  });
});

describe('community rules', () => {
  it('are set by owners, rendered once, and shown to anyone who may know the community (joining included)', async () => {
    const owner = await buildPerson(ctx.db.pool);
    const member = await buildPerson(ctx.db.pool);
    const outsider = await buildPerson(ctx.db.pool);
    const closed = await buildCommunity(ctx.db.pool, {
      visibility: 'closed',
      owners: [owner],
      members: [member],
    });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', owners: [owner] });
    expect(
      (await (await as(member)).put(`/api/v1/groups/${closed.slug}/rules`, { markdown: '# Nee' })).statusCode,
    ).toBe(403);
    const set = await (await as(owner)).put(`/api/v1/groups/${closed.slug}/rules`, {
      markdown: '**Wees aardig** <script>alert(1)</script>',
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().html).toContain('<strong>Wees aardig</strong>');
    expect(set.json().html).not.toContain('<script');
    const seen = await (await as(outsider)).get(`/api/v1/groups/${closed.slug}/rules`);
    expect(seen.json().markdown).toContain('Wees aardig');
    expect((await (await as(outsider)).get(`/api/v1/groups/${secret.slug}/rules`)).statusCode).toBe(404);
  });
});
