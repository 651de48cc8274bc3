import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { client } from '../../test/client.js';
import { buildCommunity, buildPerson, buildThread, type TestPerson, tokenFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { runDigests } from './digest.js';
import { afterQuietHours } from './preferences.js';
import { type MailRuntime, startMail } from './queue.js';

// No SMTP_URL: the embedded default, where every mail lands in the outbox an admin reads.
const clock = manualClock(new Date('2026-12-07T10:00:00Z'));
let ctx: Awaited<ReturnType<typeof testApp>>;
let mail: MailRuntime;

beforeAll(async () => {
  ctx = await testApp({ clock });
  mail = await startMail(ctx.deps, { pumpEveryMs: 60_000, digests: false });
});
afterAll(() => mail.stop());

const api = async (person: TestPerson) => client(ctx.app, await tokenFor(ctx.db.pool, person));
const rowsFor = async (personId: string) =>
  (
    await ctx.db.pool.query<{
      kind: string;
      status: string;
      subject: string;
      text_body: string;
      not_before: Date;
    }>(
      'select kind, status, subject, text_body, not_before from outbound_mail where person_id = $1 order by id',
      [personId],
    )
  ).rows;

async function mentionIn(author: TestPerson, slug: string, reader: TestPerson) {
  const response = await (await api(author)).post('/api/v1/threads', {
    communitySlug: slug,
    kind: 'discussion',
    title: 'Quarterly numbers',
    body: `@${reader.handle} please have a look`,
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string };
}

describe('the outbox, without SMTP_URL', () => {
  it('keeps what would have been sent, readable by admins only', async () => {
    const author = await buildPerson(ctx.db.pool);
    const reader = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { members: [author, reader] });
    await mentionIn(author, community.slug, reader);
    await mail.pump();
    await expect
      .poll(async () => (await rowsFor(reader.id)).map((r) => r.status), { timeout: 15_000 })
      .toEqual(['outbox']);
    const admin = await api(await buildPerson(ctx.db.pool, { role: 'admin' }));
    const page = (await admin.get('/api/v1/admin/outbox?limit=100')).json();
    const item = page.items.find((m: { to: string }) => m.to === reader.email);
    expect(item).toMatchObject({ kind: 'mention', status: 'outbox', locale: 'nl' });
    expect(item.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect((await admin.get('/api/v1/admin/outbox/status')).json()).toEqual({ smtp: false });
    expect((await (await api(reader)).get('/api/v1/admin/outbox')).statusCode).toBe(403);
  });
});

describe('preferences', () => {
  it('off stores nothing, in-app only mails nothing, and a muted thread or community mails nothing', async () => {
    const author = await buildPerson(ctx.db.pool);
    const [off, inApp, mutedThread, mutedCommunity] = await Promise.all(
      Array.from({ length: 4 }, () => buildPerson(ctx.db.pool)),
    );
    const community = await buildCommunity(ctx.db.pool, {
      members: [author, off!, inApp!, mutedThread!, mutedCommunity!],
    });
    expect((await (await api(off!)).patch('/api/v1/me/mail', { kinds: { mention: 'off' } })).statusCode).toBe(
      200,
    );
    const inAppPrefs = await (await api(inApp!)).patch('/api/v1/me/mail', { kinds: { reply: 'app' } });
    expect(inAppPrefs.json().kinds).toMatchObject({ reply: 'app', mention: 'email' });
    expect(inAppPrefs.json().ownChoices).toEqual(['reply']);
    const thread = await buildThread(ctx.db.pool, { author: inApp!, community });
    expect((await (await api(mutedThread!)).put(`/api/v1/threads/${thread.id}/mail-mute`)).statusCode).toBe(
      204,
    );
    expect(
      (await (await api(mutedCommunity!)).put(`/api/v1/groups/${community.slug}/mail-mute`)).statusCode,
    ).toBe(204);
    expect((await (await api(mutedCommunity!)).get('/api/v1/me/mail')).json().mutes).toEqual([
      { thread: null, community: { slug: community.slug, name: community.name } },
    ]);

    const authorApi = await api(author);
    await authorApi.post(`/api/v1/threads/${thread.id}/replies`, {
      body: `@${off!.handle} @${mutedThread!.handle} @${mutedCommunity!.handle} what do you think?`,
    });
    await mail.pump();
    const notifications = await ctx.db.pool.query<{ recipient_id: string }>(
      'select recipient_id from notifications where thread_id = $1',
      [thread.id],
    );
    const told = notifications.rows.map((r) => r.recipient_id);
    expect(told).not.toContain(off!.id);
    expect(told).toEqual(expect.arrayContaining([inApp!.id, mutedThread!.id, mutedCommunity!.id]));
    for (const person of [off!, inApp!, mutedThread!, mutedCommunity!])
      expect(await rowsFor(person.id)).toEqual([]);
  });

  it('holds mail due in quiet hours until they end, in the person’s time zone', async () => {
    // 10:00 UTC is 11:00 in Amsterdam: inside 08:00–12:00, so the mail waits until 12:00 Amsterdam (11:00 UTC).
    expect(afterQuietHours(clock.now(), 'Europe/Amsterdam', 8 * 60, 12 * 60).toISOString()).toBe(
      '2026-12-07T11:00:00.000Z',
    );
    expect(afterQuietHours(clock.now(), 'Europe/Amsterdam', 22 * 60, 7 * 60)).toEqual(clock.now());
    const author = await buildPerson(ctx.db.pool);
    const reader = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { members: [author, reader] });
    await (await api(reader)).patch('/api/v1/me/mail', { quietHours: { start: 8 * 60, end: 12 * 60 } });
    await mentionIn(author, community.slug, reader);
    await mail.pump();
    const [row] = await rowsFor(reader.id);
    expect(row).toMatchObject({ status: 'queued', not_before: new Date('2026-12-07T11:00:00Z') });
  });

  it('lets admins set the organisation’s defaults, which a person’s own choice overrides', async () => {
    const admin = await api(await buildPerson(ctx.db.pool, { role: 'admin' }));
    const person = await buildPerson(ctx.db.pool);
    try {
      const changed = await admin.patch('/api/v1/settings/mail', {
        kinds: { praised: 'digest' },
        digest: 'daily',
      });
      expect(changed.statusCode).toBe(200);
      const mine = (await (await api(person)).get('/api/v1/me/mail')).json();
      expect(mine).toMatchObject({ digest: 'daily', kinds: { praised: 'digest', mention: 'email' } });
      expect((await (await api(person)).patch('/api/v1/settings/mail', { digest: 'never' })).statusCode).toBe(
        403,
      );
    } finally {
      await ctx.db.pool.query(`delete from settings where key = 'mailDefaults'`);
    }
  });
});

describe('the digest', () => {
  it('sends the best of what an absent person missed, at most once per period, never to the long gone or bouncing', async () => {
    const absent = await buildPerson(ctx.db.pool);
    const longGone = await buildPerson(ctx.db.pool);
    const bouncing = await buildPerson(ctx.db.pool);
    const author = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { members: [absent, longGone, bouncing, author] });
    await ctx.db.pool.query(`update people set created_at = $2 where id = $1`, [
      absent.id,
      new Date('2026-06-01Z'),
    ]);
    await ctx.db.pool.query(`update people set created_at = $2 where id = $1`, [
      longGone.id,
      new Date('2025-06-01Z'),
    ]);
    await ctx.db.pool.query('insert into mail_recipients (person_id, bounce_score) values ($1, 5)', [
      bouncing.id,
    ]);
    for (const person of [absent, longGone, bouncing]) {
      await ctx.db.pool.query(
        `insert into mail_preferences (person_id, digest, updated_at) values ($1, 'daily', now())`,
        [person.id],
      );
    }
    // Twelve threads active yesterday; the busiest eight make the digest.
    for (let i = 0; i < 12; i++) {
      const thread = await buildThread(ctx.db.pool, { author, community, title: `Topic ${i}` });
      await ctx.db.pool.query('update threads set last_activity_at = $2, reply_count = $3 where id = $1', [
        thread.id,
        new Date('2026-12-06T15:00:00Z'),
        i,
      ]);
    }

    await runDigests(ctx.deps);
    await runDigests(ctx.deps);
    const digests = await rowsFor(absent.id);
    expect(digests.map((d) => d.kind)).toEqual(['digest']);
    expect(digests[0]!.subject).toBe('Wat je hebt gemist in Plein');
    const listed = [...digests[0]!.text_body.matchAll(/Topic (\d+)/g)].map((m) => Number(m[1]));
    expect(listed).toEqual([11, 10, 9, 8, 7, 6, 5, 4]);
    expect(await rowsFor(longGone.id)).toEqual([]);
    expect(await rowsFor(bouncing.id)).toEqual([]);

    // A day later, with nothing new: nothing to send.
    clock.advance(86_400_000);
    await runDigests(ctx.deps);
    expect(await rowsFor(absent.id)).toHaveLength(1);
  });
});
