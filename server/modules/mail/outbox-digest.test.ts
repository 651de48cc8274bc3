import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { client } from '../../test/client.js';
import {
  buildCommunity,
  buildPerson,
  buildThread,
  type TestCommunity,
  type TestPerson,
  tokenFor,
  unique,
} from '../../test/factories.js';
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

describe('the digest, a page of people at a time', () => {
  const HOUR = 3_600_000;
  const query = (sql: string, params: unknown[]) => ctx.db.pool.query(sql, params);

  /** Someone away since June who wants a daily digest, with what else they chose. */
  async function absentReader(
    choices: { kinds?: Record<string, string>; quiet?: [number, number]; locale?: 'en' } = {},
  ) {
    const person = await buildPerson(ctx.db.pool);
    await query('update people set created_at = $2, locale = $3 where id = $1', [
      person.id,
      new Date('2026-06-01Z'),
      choices.locale ?? null,
    ]);
    await query(
      `insert into mail_preferences (person_id, kinds, digest, quiet_start, quiet_end, updated_at)
       values ($1, $2, 'daily', $3, $4, now())`,
      [
        person.id,
        JSON.stringify(choices.kinds ?? {}),
        choices.quiet?.[0] ?? null,
        choices.quiet?.[1] ?? null,
      ],
    );
    return person;
  }

  /** The digests stored for a person on the clock's day (its idempotency key names person and day). */
  const digestsOf = async (person: TestPerson, day = clock.now()) =>
    (
      await ctx.db.pool.query<{ subject: string; text_body: string; not_before: Date; locale: string }>(
        `select subject, text_body, not_before, locale from outbound_mail where idempotency_key = $1`,
        [`digest:${person.id}:${day.toISOString().slice(0, 10)}`],
      )
    ).rows;

  it('ranks each reader’s own sources, never lists what they may not read, muted or their own', async () => {
    clock.set(new Date('2026-12-10T10:00:00Z'));
    const active = new Date('2026-12-09T15:00:00Z');
    const before = new Date('2026-12-08T15:00:00Z');
    const author = await buildPerson(ctx.db.pool);
    const first = await absentReader({ kinds: { mention: 'digest' } });
    const second = await absentReader();
    const a = await buildCommunity(ctx.db.pool, { members: [author, first] });
    const b = await buildCommunity(ctx.db.pool, { members: [author, second] });
    const muted = await buildCommunity(ctx.db.pool, { members: [author, first] });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [author, second] });
    const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed', members: [author] });
    const elsewhere = await buildCommunity(ctx.db.pool, { members: [author] });
    const { rows: themes } = await query(
      `insert into themes (title, question, owner_id) values ($1, 'Why?', $2) returning id`,
      [unique('Theme'), author.id],
    );
    const themeId = (themes[0] as { id: string }).id;
    for (const reader of [first, second])
      await query('insert into theme_follows (person_id, theme_id) values ($1, $2)', [reader.id, themeId]);

    type Spec = {
      title: string;
      community: TestCommunity | null;
      replies: number;
      reactions?: Record<string, number>;
      theme?: boolean;
      by?: TestPerson;
      at?: Date;
      readers: TestPerson[];
    };
    const specs: Spec[] = [
      { title: 'a1', community: a, replies: 1, reactions: { like: 3, thanks: 1 }, readers: [first] },
      { title: 'a2', community: a, replies: 3, readers: [first] },
      { title: 'a3', community: a, replies: 0, readers: [first] },
      { title: 'a4', community: a, replies: 2, reactions: { like: 1 }, readers: [first] },
      { title: 'old', community: a, replies: 9, at: before, readers: [] },
      // More than eight in one community, their own among the best: the best eight they may see still come.
      { title: 'a5', community: a, replies: 4, readers: [first] },
      { title: 'a6', community: a, replies: 1, readers: [first] },
      { title: 'a7', community: a, replies: 5, reactions: { like: 1 }, readers: [first] },
      { title: 'a8', community: a, replies: 2, readers: [first] },
      { title: 'a9', community: a, replies: 7, readers: [first] },
      { title: 'own', community: a, replies: 9, by: first, readers: [] },
      { title: 'owntoo', community: a, replies: 10, by: first, readers: [] },
      { title: 'mutedthread', community: a, replies: 8, readers: [] },
      { title: 'mutedcommunity', community: muted, replies: 8, readers: [] },
      { title: 'b1', community: b, replies: 2, readers: [second] },
      { title: 'b2', community: b, replies: 5, reactions: { like: 2 }, readers: [second] },
      { title: 'opentheme', community: elsewhere, replies: 1, theme: true, readers: [first, second] },
      { title: 'personaltheme', community: null, replies: 4, theme: true, readers: [first, second] },
      { title: 'secrettheme', community: secret, replies: 7, theme: true, readers: [second] },
      { title: 'closedtheme', community: closed, replies: 6, theme: true, readers: [] },
    ];
    const made: (Spec & { id: string; score: number })[] = [];
    for (const spec of specs) {
      const thread = await buildThread(ctx.db.pool, {
        author: spec.by ?? author,
        community: spec.community,
        title: `Topic ${spec.title}`,
      });
      await query(
        `update threads set last_activity_at = $2, reply_count = $3, reaction_counts = $4, theme_id = $5
          where id = $1`,
        [
          thread.id,
          spec.at ?? active,
          spec.replies,
          JSON.stringify(spec.reactions ?? {}),
          spec.theme ? themeId : null,
        ],
      );
      const reactions = Object.values(spec.reactions ?? {}).reduce((sum, n) => sum + n, 0);
      made.push({ ...spec, id: thread.id, score: spec.replies * 2 + reactions });
    }
    const idOf = (title: string) => made.find((m) => m.title === title)!.id;
    await query('insert into mail_mutes (person_id, thread_id, created_at) values ($1, $2, now())', [
      first.id,
      idOf('mutedthread'),
    ]);
    await query('insert into mail_mutes (person_id, community_id, created_at) values ($1, $2, now())', [
      first.id,
      muted.id,
    ]);

    // Notices: only the unread, readable, unmuted ones of a kind they send to the digest are "for you".
    const noticeAbout = async (name: string, community: TestCommunity, kind = 'mention', read = false) => {
      const thread = await buildThread(ctx.db.pool, { author, community, title: `Note ${name}` });
      await query('update threads set last_activity_at = $2 where id = $1', [thread.id, before]);
      await query(
        `insert into notifications (recipient_id, kind, actor_id, thread_id, community_id, created_at, read_at)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [first.id, kind, author.id, thread.id, community.id, active, read ? active : null],
      );
      return thread;
    };
    await noticeAbout('visible', a);
    await noticeAbout('read', a, 'mention', true);
    await noticeAbout('praise', a, 'praised');
    await noticeAbout('secret', secret);
    const mutedNotice = await noticeAbout('muted', a);
    await query('insert into mail_mutes (person_id, thread_id, created_at) values ($1, $2, now())', [
      first.id,
      mutedNotice.id,
    ]);

    await runDigests(ctx.deps);

    for (const reader of [first, second]) {
      const expected = made
        .filter((m) => m.readers.includes(reader))
        .sort((x, y) => y.score - x.score || Number(BigInt(y.id) - BigInt(x.id)))
        .slice(0, 8)
        .map((m) => m.title);
      const [digest, ...more] = await digestsOf(reader);
      expect(more).toEqual([]);
      expect([...digest!.text_body.matchAll(/Topic (\w+)/g)].map((m) => m[1])).toEqual(expected);
      expect([...digest!.text_body.matchAll(/Note (\w+)/g)].map((m) => m[1])).toEqual(
        reader === first ? ['visible'] : [],
      );
    }
  });

  it('writes in the reader’s language, waits for their quiet hours, and skips who came by themselves', async () => {
    // 06:30 UTC is 07:30 in Amsterdam: inside quiet hours 07:00–09:00, so the digest waits until 08:00 UTC.
    clock.set(new Date('2026-12-12T06:30:00Z'));
    const author = await buildPerson(ctx.db.pool);
    const english = await absentReader({ locale: 'en', quiet: [7 * 60, 9 * 60] });
    const dutch = await absentReader();
    const cameBy = await absentReader();
    await query(
      `insert into sessions (id, person_id, csrf_token, last_seen_at, expires_at) values ($1, $2, 'x', $3, $4)`,
      [unique('s'), cameBy.id, new Date(clock.now().getTime() - 2 * HOUR), new Date('2027-01-01Z')],
    );
    const community = await buildCommunity(ctx.db.pool, { members: [author, english, dutch, cameBy] });
    await buildThread(ctx.db.pool, {
      author,
      community,
      title: 'Topic news',
      lastActivityAt: new Date(clock.now().getTime() - 5 * HOUR),
    });

    expect(await runDigests(ctx.deps)).toBeGreaterThanOrEqual(2);
    const [inEnglish] = await digestsOf(english);
    expect(inEnglish).toMatchObject({
      subject: 'What you missed in Plein',
      locale: 'en',
      not_before: new Date('2026-12-12T08:00:00Z'),
    });
    expect(inEnglish!.text_body).toContain('Topic news');
    const [inDutch] = await digestsOf(dutch);
    expect(inDutch).toMatchObject({ subject: 'Wat je hebt gemist in Plein', not_before: clock.now() });
    expect(await digestsOf(cameBy)).toEqual([]);
    // Their next period starts now all the same: no digest tomorrow about today.
    const { rows } = await query('select last_digest_at from mail_recipients where person_id = $1', [
      cameBy.id,
    ]);
    expect(rows).toEqual([{ last_digest_at: clock.now() }]);
  });

  it('sends one digest per period when two nodes run at once, also across midnight', async () => {
    clock.set(new Date('2026-12-14T23:59:30Z'));
    const otherNode = { ...ctx.deps, clock: manualClock(new Date('2026-12-15T00:00:30Z')) };
    const author = await buildPerson(ctx.db.pool);
    const readers = await Promise.all(Array.from({ length: 3 }, () => absentReader()));
    const community = await buildCommunity(ctx.db.pool, { members: [author, ...readers] });
    await buildThread(ctx.db.pool, {
      author,
      community,
      title: 'Topic late',
      lastActivityAt: new Date('2026-12-14T20:00:00Z'),
    });

    const [one, other] = await Promise.all([runDigests(ctx.deps), runDigests(otherNode)]);
    expect(one + other).toBeGreaterThanOrEqual(readers.length);
    for (const reader of readers) {
      const { rows } = await query(
        `select idempotency_key from outbound_mail where person_id = $1 and kind = 'digest'`,
        [reader.id],
      );
      expect(rows).toHaveLength(1);
    }
  });
});
