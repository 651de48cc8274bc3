import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import { buildCommunity, buildPerson, sessionFor, type TestPerson, tokenFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { addressesOf, type SmtpSink, startSmtpSink } from '../../test/smtp-sink.js';
import { type MailRuntime, startMail } from './queue.js';
import { readBounceToken, readReplyToken } from './tokens.js';

const SECRET = 'mail-test-secret-0123456789abcdef-0123';
let sink: SmtpSink;
let ctx: Awaited<ReturnType<typeof testApp>>;
let mail: MailRuntime;

beforeAll(async () => {
  sink = await startSmtpSink();
  ctx = await testApp({
    config: {
      mail: {
        smtpUrl: sink.url,
        from: 'Plein <plein@mail.example.test>',
        domain: 'mail.example.test',
        publicUrl: 'https://plein.example.test',
        secret: SECRET,
        leaseSeconds: 30,
      },
    },
  });
  mail = await startMail(ctx.deps, { pumpEveryMs: 200, digests: false });
});

afterAll(async () => {
  await mail.stop();
  await sink.close();
});

const api = async (person: TestPerson) => client(ctx.app, await tokenFor(ctx.db.pool, person));

async function mention(
  author: TestPerson,
  community: { slug: string },
  handles: string[],
  title = 'Launch plan',
) {
  const response = await (await api(author)).post('/api/v1/threads', {
    communitySlug: community.slug,
    kind: 'discussion',
    title,
    body: `Hello ${handles.map((h) => `@${h}`).join(' ')}, see ![tracker](https://evil.example/pixel.png) <script>alert(1)</script>`,
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string };
}

/** A header as sent (unfolded), read from the raw message rather than the parser's interpretation of it. */
function rawHeader(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

const mailRows = async (personId: string) =>
  (
    await ctx.db.pool.query<{ id: string; status: string; kind: string }>(
      'select id, status, kind from outbound_mail where person_id = $1 order by id',
      [personId],
    )
  ).rows;

describe('a mention by mail, through a real SMTP server', () => {
  it('sends exactly one mail, in the reader’s language, with threading, reply, unsubscribe and bounce headers', async () => {
    const author = await buildPerson(ctx.db.pool, { name: 'Anna Auteur' });
    const reader = await buildPerson(ctx.db.pool);
    await ctx.db.pool.query(`update people set locale = 'en' where id = $1`, [reader.id]);
    const community = await buildCommunity(ctx.db.pool, { members: [author, reader], name: 'Sales NL' });
    const thread = await mention(author, community, [reader.handle]);

    await expect.poll(() => sink.to(reader.email).length, { timeout: 15_000 }).toBe(1);
    const [{ mail: parsed, envelopeFrom }] = sink.to(reader.email) as [(typeof sink.received)[0]];
    expect(parsed.subject).toBe('Anna Auteur mentioned you in “Launch plan”');
    expect(addressesOf(parsed.from)).toEqual(['plein@mail.example.test']);
    expect(parsed.messageId).toMatch(new RegExp(`^<plein\\.t${thread.id}\\.n\\d+@mail\\.example\\.test>$`));
    expect(parsed.inReplyTo).toBe(`<plein.t${thread.id}@mail.example.test>`);
    expect(parsed.references).toBe(`<plein.t${thread.id}@mail.example.test>`);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    const raw = sink.to(reader.email)[0]!.raw;
    expect(rawHeader(raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(raw, 'List-Unsubscribe')).toMatch(
      /^<https:\/\/plein\.example\.test\/unsubscribe\/v1\.[0-9a-z_.]+>$/,
    );

    // Reply-To: a signed token bound to this person and this post, for inbound mail to verify.
    const replyTo = addressesOf(parsed.replyTo)[0]!;
    const token = /^reply\+(.+)@mail\.example\.test$/.exec(replyTo)![1]!;
    expect(readReplyToken(SECRET, token)).toEqual({
      personId: reader.id,
      threadId: thread.id,
      replyId: null,
    });
    expect(readReplyToken('another-secret-0123456789abcdef-0123', token)).toBeNull();
    expect(
      readReplyToken(
        SECRET,
        token.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
      ),
    ).toBeNull();
    // VERP: the envelope sender names the mail, and so its recipient.
    const bounce = /^bounce\+(.+)@mail\.example\.test$/.exec(envelopeFrom)![1]!;
    // The sink has the mail a moment before the worker marks it sent: wait for the mark, not for a duration.
    await expect.poll(async () => (await mailRows(reader.id)).map((row) => row.status)).toEqual(['sent']);
    const rows = await mailRows(reader.id);
    expect(readBounceToken(SECRET, bounce)).toEqual({ mailId: rows[0]!.id });
    expect(rows).toEqual([expect.objectContaining({ status: 'sent', kind: 'mention' })]);

    // Safe content: no remote image, no script, a link to the exact post.
    expect(parsed.html).not.toMatch(/<img|<script|evil\.example\/pixel/i);
    expect(parsed.html).toContain(`https://plein.example.test/t/${thread.id}-launch-plan`);
    expect(parsed.text).toContain(`https://plein.example.test/t/${thread.id}-launch-plan`);
    expect(parsed.text).toContain('in Sales NL');
  });

  it('writes Dutch to a Dutch reader and nothing to the author', async () => {
    const author = await buildPerson(ctx.db.pool, { name: 'Bas' });
    const reader = await buildPerson(ctx.db.pool);
    await ctx.db.pool.query(`update people set locale = 'nl' where id = $1`, [reader.id]);
    const community = await buildCommunity(ctx.db.pool, { members: [author, reader] });
    await mention(author, community, [reader.handle, author.handle], 'Plan');
    await expect.poll(() => sink.to(reader.email).length, { timeout: 15_000 }).toBe(1);
    expect(sink.to(reader.email)[0]!.mail.subject).toBe('Bas noemde je in “Plan”');
    expect(await mailRows(author.id)).toEqual([]);
  });

  it('sends nothing to a non-member mentioned in a secret community', async () => {
    const author = await buildPerson(ctx.db.pool);
    const outsider = await buildPerson(ctx.db.pool);
    const member = await buildPerson(ctx.db.pool);
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [author, member] });
    await mention(author, secret, [outsider.handle, member.handle]);
    await expect.poll(() => sink.to(member.email).length, { timeout: 15_000 }).toBe(1);
    await mail.pump();
    expect(sink.to(outsider.email)).toEqual([]);
    expect(await mailRows(outsider.id)).toEqual([]);
  });
});

describe('one-click unsubscribe', () => {
  it('a GET only describes it; the POST (form, no sign-in, no CSRF token) stops that kind of mail', async () => {
    const author = await buildPerson(ctx.db.pool);
    const reader = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { members: [author, reader] });
    await mention(author, community, [reader.handle]);
    await expect.poll(() => sink.to(reader.email).length, { timeout: 15_000 }).toBe(1);
    const header = rawHeader(sink.to(reader.email)[0]!.raw, 'List-Unsubscribe')!;
    const path = new URL(header.slice(1, -1)).pathname;
    const token = path.split('/').at(-1)!;

    const preview = await ctx.app.inject({ method: 'GET', url: `/api/v1/mail/unsubscribe/${token}` });
    expect(preview.json()).toEqual({ scope: 'mention', alreadyOff: false });
    const me = client(ctx.app, await sessionFor(ctx.db.pool, reader));
    expect((await me.get('/api/v1/me/mail')).json().kinds.mention).toBe('email');

    // Signed in by cookie but without the CSRF header, as a mail client's POST would be: the token suffices.
    const cookie = (await sessionFor(ctx.db.pool, reader)) as { cookie: string };
    const oneClick = await ctx.app.inject({
      method: 'POST',
      url: path,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `plein_session=${cookie.cookie}`,
      },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.json()).toEqual({ scope: 'mention', unsubscribed: true });
    expect((await me.get('/api/v1/me/mail')).json().kinds.mention).toBe('app');

    await mention(author, community, [reader.handle], 'Second');
    await mail.pump();
    expect(sink.to(reader.email)).toHaveLength(1);
    // Still told in the app.
    const { rows } = await ctx.db.pool.query(
      `select count(*)::int as n from notifications where recipient_id = $1`,
      [reader.id],
    );
    expect(rows[0].n).toBe(2);
  });

  it('refuses a token it did not sign, and a form body anywhere else', async () => {
    const refused = await ctx.app.inject({
      method: 'POST',
      url: '/unsubscribe/v1.1.mention.00000000000000000000',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(refused.statusCode).toBe(404);
    const person = await buildPerson(ctx.db.pool);
    const form = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/mail',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${((await tokenFor(ctx.db.pool, person)) as { bearer: string }).bearer}`,
      },
      payload: 'digest=never',
    });
    expect(form.statusCode).toBe(415);
  });
});

describe('two nodes on one database', () => {
  it('send each mail once', async () => {
    const other = await testApp({ config: { mail: ctx.deps.config.mail } });
    const second = await startMail(other.deps, { pumpEveryMs: 150, digests: false });
    try {
      const author = await buildPerson(ctx.db.pool);
      const readers = await Promise.all(Array.from({ length: 12 }, () => buildPerson(ctx.db.pool)));
      const community = await buildCommunity(ctx.db.pool, { members: [author, ...readers] });
      await mention(
        author,
        community,
        readers.map((r) => r.handle),
      );
      await Promise.all([mail.pump(), second.pump(), mail.pump(), second.pump()]);
      await expect
        .poll(() => readers.filter((r) => sink.to(r.email).length > 0).length, { timeout: 20_000 })
        .toBe(12);
      await Promise.all([mail.pump(), second.pump()]);
      for (const reader of readers) expect(sink.to(reader.email)).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});
