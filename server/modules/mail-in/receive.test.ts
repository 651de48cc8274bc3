import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../platform/db/database.js';
import {
  buildCommunity,
  buildPerson,
  buildReply,
  buildThread,
  type TestPerson,
  unique,
} from '../../test/factories.js';
import { TEST_MAIL_SECRET, testApp } from '../../test/harness.js';
import { enqueueMail } from '../mail/enqueue.js';
import { bounceToken, replyToken } from '../mail/tokens.js';
import { CLIENTS, NEW_TEXT } from './fixtures.js';
import { MAX_MIME_PARTS } from './parse.js';
import { type Envelope, receiveMail, SENDER_LIMIT } from './receive.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  ctx = await testApp({ config: {} });
});
afterAll(() => ctx.app.close());

const DOMAIN = 'plein.localhost';
const replyAddress = (person: TestPerson, threadId: string, replyId: string | null = null) =>
  `reply+${replyToken(TEST_MAIL_SECRET, person.id, { threadId, replyId })}@${DOMAIN}`;

const simple = (from: string, to: string, body: string, headers: string[] = [], subject = 'Re: vraag') =>
  Buffer.from(
    [
      `From: ${from}`,
      `To: ${to}`,
      `Subject: ${subject}`,
      ...headers,
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '',
    ].join('\r\n'),
  );

const receive = (raw: Buffer | string, envelope: Envelope | null = null) =>
  receiveMail(ctx.deps, Buffer.isBuffer(raw) ? raw : Buffer.from(raw), envelope);

async function repliesOf(threadId: string) {
  const { rows } = await ctx.db.pool.query<{
    author_id: string;
    body_md: string;
    body_html: string;
    via: string;
    parent_id: string | null;
  }>('select author_id, body_md, body_html, via, parent_id from replies where thread_id = $1 order by id', [
    threadId,
  ]);
  return rows;
}

async function conversation() {
  const author = await buildPerson(ctx.db.pool);
  const jan = await buildPerson(ctx.db.pool);
  const community = await buildCommunity(ctx.db.pool, { members: [author, jan] });
  const thread = await buildThread(ctx.db.pool, { author, community });
  return { author, jan, community, thread };
}

describe('reply by email', () => {
  it.each(Object.keys(CLIENTS))(
    '%s: the new words become a reply by that person, marked as by mail',
    async (client) => {
      const { jan, thread } = await conversation();
      const outcome = await receive(CLIENTS[client]!({ from: jan.email, to: replyAddress(jan, thread.id) }));
      expect(outcome.kind).toBe('reply');
      expect(await repliesOf(thread.id)).toEqual([
        expect.objectContaining({ author_id: jan.id, body_md: NEW_TEXT, via: 'mail', parent_id: null }),
      ]);
    },
  );

  it('answers a reply under that reply', async () => {
    const { author, jan, thread } = await conversation();
    const parent = await buildReply(ctx.db.pool, { thread, author });
    const outcome = await receive(simple(jan.email, replyAddress(jan, thread.id, parent.id), 'Eens.'));
    expect(outcome.kind).toBe('reply');
    expect((await repliesOf(thread.id)).at(-1)).toMatchObject({ parent_id: parent.id, body_md: 'Eens.' });
  });

  it('drops a forged From: another person using the token changes nothing', async () => {
    const { jan, thread } = await conversation();
    const mallory = await buildPerson(ctx.db.pool);
    expect(await receive(simple(mallory.email, replyAddress(jan, thread.id), 'Ik ben Jan.'))).toEqual({
      kind: 'dropped',
      reason: 'not-the-recipient',
    });
    expect(await repliesOf(thread.id)).toEqual([]);
  });

  it('drops mail whose envelope sender is not the From', async () => {
    const { jan, thread } = await conversation();
    const raw = simple(jan.email, replyAddress(jan, thread.id), 'Hallo');
    const outcome = await receive(raw, {
      mailFrom: 'someone@evil.test',
      rcptTo: [replyAddress(jan, thread.id)],
    });
    expect(outcome).toEqual({ kind: 'dropped', reason: 'sender-mismatch' });
    expect(await repliesOf(thread.id)).toEqual([]);
  });

  it('drops a token edited to point at another post, or signed for another person', async () => {
    const { jan, thread } = await conversation();
    const other = await conversation();
    const token = replyToken(TEST_MAIL_SECRET, jan.id, { threadId: thread.id, replyId: null });
    const edited = token.replace(
      `.t${BigInt(thread.id).toString(36)}.`,
      `.t${BigInt(other.thread.id).toString(36)}.`,
    );
    expect(await receive(simple(jan.email, `reply+${edited}@${DOMAIN}`, 'x'))).toEqual({
      kind: 'dropped',
      reason: 'bad-token',
    });
    expect(await receive(simple(jan.email, replyAddress(other.jan, other.thread.id), 'x'))).toMatchObject({
      reason: 'not-the-recipient',
    });
    expect(await repliesOf(other.thread.id)).toEqual([]);
  });

  it('follows the normal rules: someone no longer able to read the thread cannot answer it', async () => {
    const author = await buildPerson(ctx.db.pool);
    const jan = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [author] });
    const thread = await buildThread(ctx.db.pool, { author, community });
    expect(await receive(simple(jan.email, replyAddress(jan, thread.id), 'Toch nog'))).toEqual({
      kind: 'dropped',
      reason: 'refused-404',
    });
    expect(await repliesOf(thread.id)).toEqual([]);
  });

  it('drops a reply with nothing new in it', async () => {
    const { jan, thread } = await conversation();
    const outcome = await receive(
      simple(jan.email, replyAddress(jan, thread.id), 'Sent from my iPhone\n\n> quoted'),
    );
    expect(outcome).toEqual({ kind: 'dropped', reason: 'empty-or-too-long' });
  });
});

describe('never loop, never amplify', () => {
  it.each([
    ['Auto-Submitted: auto-replied', 'Re: vraag'],
    ['X-Autoreply: yes', 'Re: vraag'],
    ['X-Autorespond: yes', 'Re: vraag'],
    ['Precedence: bulk', 'Re: vraag'],
    ['Precedence: list', 'Re: vraag'],
    ['X-Other: 1', 'Out of Office: Re: vraag'],
    ['X-Other: 1', 'Automatic reply: vraag'],
    ['X-Other: 1', 'Automatisch antwoord: Re: vraag'],
    ['X-Other: 1', 'Afwezig: Re: vraag'],
  ])('drops "%s" / "%s" and posts nothing', async (header, subject) => {
    const { jan, thread } = await conversation();
    const outcome = await receive(
      simple(jan.email, replyAddress(jan, thread.id), 'Ik ben afwezig', [header], subject),
    );
    expect(outcome.kind).toBe('dropped');
    expect(await repliesOf(thread.id)).toEqual([]);
  });

  it('still posts when Auto-Submitted says no', async () => {
    const { jan, thread } = await conversation();
    const outcome = await receive(
      simple(jan.email, replyAddress(jan, thread.id), 'Echt ik', ['Auto-Submitted: no']),
    );
    expect(outcome.kind).toBe('reply');
  });

  it('a bounce to bounce+<token> raises the bounce score of the person the mail went to', async () => {
    const jan = await buildPerson(ctx.db.pool);
    const now = new Date();
    const mailId = await inTransaction(ctx.db.pool, (tx) =>
      enqueueMail(
        tx,
        {
          to: jan.email,
          personId: jan.id,
          kind: 'mention',
          locale: 'nl',
          subject: 's',
          text: 't',
          html: '<p>t</p>',
          idempotencyKey: unique('k'),
        },
        now,
      ),
    );
    const bounce = simple(
      'MAILER-DAEMON@mx.example.org',
      `bounce+${bounceToken(TEST_MAIL_SECRET, mailId!)}@${DOMAIN}`,
      'User unknown',
      ['Auto-Submitted: auto-replied'],
    );
    expect(await receive(bounce)).toEqual({ kind: 'bounce' });
    expect(await receive(bounce)).toEqual({ kind: 'bounce' });
    const { rows } = await ctx.db.pool.query(
      'select bounce_score from mail_recipients where person_id = $1',
      [jan.id],
    );
    expect(rows[0]).toEqual({ bounce_score: 2 });
    const forged = simple(
      'x@y.test',
      `bounce+${bounceToken('another-secret-entirely-0123456789abcdef', mailId!)}@${DOMAIN}`,
      'x',
    );
    expect(await receive(forged)).toEqual({ kind: 'dropped', reason: 'bad-token' });
  });

  it('answers an unknown sender once a day, politely, and never twice', async () => {
    const stranger = `${unique('stranger')}@elsewhere.test`;
    expect(await receive(simple(stranger, `sales@${DOMAIN}`, 'Hallo?'))).toEqual({ kind: 'answered' });
    expect(await receive(simple(stranger, `sales@${DOMAIN}`, 'Hallo??'))).toEqual({
      kind: 'dropped',
      reason: 'unknown-sender',
    });
    const { rows } = await ctx.db.pool.query<{ subject: string }>(
      'select subject from outbound_mail where to_address = $1',
      [stranger],
    );
    expect(rows).toEqual([{ subject: 'Uw bericht aan Plein is niet geplaatst' }]);
  });

  it('rate-limits a flood from one sender', async () => {
    const jan = await buildPerson(ctx.db.pool);
    const outcomes = [];
    for (let i = 0; i <= SENDER_LIMIT.max; i++)
      outcomes.push(await receive(simple(jan.email, `nowhere@${DOMAIN}`, 'spam')));
    expect(outcomes.slice(0, SENDER_LIMIT.max).every((o) => o.kind === 'dropped')).toBe(true);
    expect(outcomes.at(-1)).toEqual({ kind: 'refused', reason: 'rate-limited' });
  });
});

describe('email-in', () => {
  async function openToMail(visibility: 'open' | 'closed' | 'secret', members: TestPerson[]) {
    const community = await buildCommunity(ctx.db.pool, { visibility, members });
    await ctx.db.pool.query('update communities set mail_in_enabled = true where id = $1', [community.id]);
    return community;
  }
  const threadsIn = async (communityId: string) =>
    (
      await ctx.db.pool.query('select title, body_md, author_id from threads where community_id = $1', [
        communityId,
      ])
    ).rows;

  it("a member's mail starts a thread, the subject its title", async () => {
    const jan = await buildPerson(ctx.db.pool);
    const community = await openToMail('closed', [jan]);
    const outcome = await receive(
      simple(
        jan.email,
        `${community.slug}@${DOMAIN}`,
        'Wie weet dit?\n\n-- \nJan',
        [],
        'Fwd: Nieuwe offerte',
      ),
    );
    expect(outcome.kind).toBe('thread');
    expect(await threadsIn(community.id)).toEqual([
      { title: 'Nieuwe offerte', body_md: 'Wie weet dit?', author_id: jan.id },
    ]);
  });

  it('refuses non-members of a secret community silently, and a community not open to mail', async () => {
    const jan = await buildPerson(ctx.db.pool);
    const secret = await openToMail('secret', []);
    expect(await receive(simple(jan.email, `${secret.slug}@${DOMAIN}`, 'x', [], 'Hoi'))).toEqual({
      kind: 'dropped',
      reason: 'no-community',
    });
    const closedToMail = await buildCommunity(ctx.db.pool, { members: [jan] });
    expect(await receive(simple(jan.email, `${closedToMail.slug}@${DOMAIN}`, 'x', [], 'Hoi'))).toEqual({
      kind: 'dropped',
      reason: 'no-community',
    });
    expect(await threadsIn(secret.id)).toEqual([]);
    expect(await threadsIn(closedToMail.id)).toEqual([]);
  });
});

describe('hostile mail: a clean refusal or a safe post', () => {
  it('refuses a message over the size limit without parsing it', async () => {
    const { jan, thread } = await conversation();
    const huge = simple(jan.email, replyAddress(jan, thread.id), 'x'.repeat(ctx.deps.config.mailIn.maxBytes));
    expect(await receive(huge)).toEqual({ kind: 'refused', reason: 'too-large' });
  });

  it('drops deeply nested MIME', async () => {
    const { jan, thread } = await conversation();
    const depth = MAX_MIME_PARTS + 5;
    const open = Array.from(
      { length: depth },
      (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}`,
    ).join('\r\n');
    const raw = `From: ${jan.email}\r\nTo: ${replyAddress(jan, thread.id)}\r\nSubject: x\r\n${open}\r\nContent-Type: text/plain\r\n\r\nhi\r\n`;
    expect(await receive(raw)).toEqual({ kind: 'dropped', reason: 'too-many-parts' });
    expect(await repliesOf(thread.id)).toEqual([]);
  });

  it('posts text with a wrong or missing charset without crashing', async () => {
    const { jan, thread } = await conversation();
    const latin1 = Buffer.concat([
      Buffer.from(
        `From: ${jan.email}\r\nTo: ${replyAddress(jan, thread.id)}\r\nSubject: x\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\nCaf`,
      ),
      Buffer.from([0xe9, 0x0d, 0x0a]),
    ]);
    expect((await receive(latin1)).kind).toBe('reply');
    const none = Buffer.concat([
      Buffer.from(
        `From: ${jan.email}\r\nTo: ${replyAddress(jan, thread.id)}\r\nSubject: x\r\n\r\nNa\u00efef `,
      ),
      Buffer.from([0xff, 0xfe]),
    ]);
    expect((await receive(none)).kind).toBe('reply');
    expect(await repliesOf(thread.id)).toHaveLength(2);
  });

  it('turns HTML with scripts and trackers into safe text', async () => {
    const { jan, thread } = await conversation();
    const html = `From: ${jan.email}\r\nTo: ${replyAddress(jan, thread.id)}\r\nSubject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Goed <b>idee</b></p><script>alert(1)</script><img src="https://track.example/p.gif" width=1><a href="javascript:alert(2)">klik</a>\r\n`;
    expect((await receive(html)).kind).toBe('reply');
    const [reply] = await repliesOf(thread.id);
    expect(reply!.body_md).toContain('Goed');
    expect(reply!.body_html).not.toMatch(/<script|alert\(1\)|track\.example|javascript:/i);
  });

  it('drops mail without a sender, and garbage', async () => {
    expect(await receive('garbage without headers')).toMatchObject({ kind: 'dropped' });
    expect(await receive(Buffer.alloc(0))).toMatchObject({ kind: 'dropped' });
  });
});
