import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, buildPerson, buildThread, tokenFor } from '../../test/factories.js';
import { TEST_INBOUND_SECRET, TEST_MAIL_SECRET, testApp } from '../../test/harness.js';
import { replyToken } from '../mail/tokens.js';
import { receiveMail } from './receive.js';
import { INBOUND_PATH, INBOUND_SECRET_HEADER } from './routes.js';
import { type SmtpIn, startSmtpIn } from './smtp.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
let smtp: SmtpIn;
beforeAll(async () => {
  ctx = await testApp({ config: {} });
  smtp = await startSmtpIn(ctx.deps, 0, '127.0.0.1');
});
afterAll(async () => {
  await smtp.stop();
  await ctx.app.close();
});

async function conversation() {
  const author = await buildPerson(ctx.db.pool);
  const jan = await buildPerson(ctx.db.pool);
  const community = await buildCommunity(ctx.db.pool, { members: [author, jan] });
  const thread = await buildThread(ctx.db.pool, { author, community });
  const to = `reply+${replyToken(TEST_MAIL_SECRET, jan.id, { threadId: thread.id, replyId: null })}@plein.localhost`;
  return { jan, thread, to };
}

const repliesOf = async (threadId: string) =>
  (await ctx.db.pool.query('select author_id, body_md, via from replies where thread_id = $1', [threadId]))
    .rows;

describe('the SMTP listener', () => {
  it('a reply sent by a real SMTP client arrives in the thread', async () => {
    const { jan, thread, to } = await conversation();
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
    });
    const info = await client.sendMail({
      from: jan.email,
      to,
      subject: 'Re: de vraag',
      text: 'Prima, doen we.\n\nOn Sat, 5 Dec 2026, Plein wrote:\n> de vraag',
    });
    expect(info.accepted).toEqual([to]);
    expect(await repliesOf(thread.id)).toEqual([
      { author_id: jan.id, body_md: 'Prima, doen we.', via: 'mail' },
    ]);
  });

  it('refuses a message over the size limit with 552 and posts nothing', async () => {
    const { jan, thread, to } = await conversation();
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
    });
    const huge = 'x'.repeat(ctx.deps.config.mailIn.maxBytes + 10);
    await expect(client.sendMail({ from: jan.email, to, subject: 'x', text: huge })).rejects.toMatchObject({
      responseCode: 552,
    });
    expect(await repliesOf(thread.id)).toEqual([]);
  });
});

describe('POST /api/v1/mail/inbound', () => {
  const post = (raw: string, secret: string | null, type = 'message/rfc822') =>
    ctx.app.inject({
      method: 'POST',
      url: INBOUND_PATH,
      headers: { 'content-type': type, ...(secret ? { [INBOUND_SECRET_HEADER]: secret } : {}) },
      payload: raw,
    });
  const mail = (from: string, to: string, body: string) =>
    `From: ${from}\r\nTo: ${to}\r\nSubject: Re: x\r\nContent-Type: text/plain\r\n\r\n${body}\r\n`;

  it('takes a raw message with the shared secret and posts the reply', async () => {
    const { jan, thread, to } = await conversation();
    const response = await post(mail(jan.email, to, 'Via de webhook'), TEST_INBOUND_SECRET);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ outcome: 'reply', reason: null });
    expect(await repliesOf(thread.id)).toEqual([
      { author_id: jan.id, body_md: 'Via de webhook', via: 'mail' },
    ]);
  });

  it('answers 401 problem+json to a wrong or missing secret, and changes nothing', async () => {
    const { jan, thread, to } = await conversation();
    for (const secret of [null, 'wrong', `${TEST_INBOUND_SECRET}x`]) {
      const response = await post(mail(jan.email, to, 'Niet doen'), secret);
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(await repliesOf(thread.id)).toEqual([]);
  });

  it('says 200 dropped for an auto-reply, and 413 for a message over the limit', async () => {
    const { jan, to } = await conversation();
    const auto = `Auto-Submitted: auto-replied\r\n${mail(jan.email, to, 'Ik ben er niet')}`;
    expect((await post(auto, TEST_INBOUND_SECRET)).json()).toEqual({
      outcome: 'dropped',
      reason: 'auto-submitted',
    });
    const huge = await post(
      mail(jan.email, to, 'x'.repeat(ctx.deps.config.mailIn.maxBytes)),
      TEST_INBOUND_SECRET,
    );
    expect(huge.statusCode).toBe(413);
  });

  it('is off (404) without PLEIN_MAIL_INBOUND_SECRET', async () => {
    const off = await testApp({ config: { mailIn: { ...ctx.deps.config.mailIn, webhookSecret: null } } });
    const response = await off.app.inject({
      method: 'POST',
      url: INBOUND_PATH,
      headers: { 'content-type': 'message/rfc822', [INBOUND_SECRET_HEADER]: TEST_INBOUND_SECRET },
      payload: 'From: a@b.test\r\n\r\nx',
    });
    await off.app.close();
    expect(response.statusCode).toBe(404);
  });
});

describe('PUT|DELETE /api/v1/groups/:slug/mail-in', () => {
  it('an owner opens a community to mail; a member then starts a thread by mail; closing it stops that', async () => {
    const owner = await buildPerson(ctx.db.pool);
    const jan = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, {
      visibility: 'closed',
      owners: [owner],
      members: [jan],
    });
    const { bearer } = (await tokenFor(ctx.db.pool, owner)) as { bearer: string };
    const url = `/api/v1/groups/${community.slug}/mail-in`;
    const headers = { authorization: `Bearer ${bearer}` };
    const opened = await ctx.app.inject({ method: 'PUT', url, headers });
    expect(opened.json()).toEqual({ address: `${community.slug}@${ctx.deps.config.mail.domain}` });
    const raw = (body: string) =>
      Buffer.from(
        `From: ${jan.email}\r\nTo: ${community.slug}@plein.localhost\r\nSubject: Plan\r\n\r\n${body}\r\n`,
      );
    expect((await receiveMail(ctx.deps, raw('Eerste'))).kind).toBe('thread');
    expect((await ctx.app.inject({ method: 'DELETE', url, headers })).json()).toEqual({ address: null });
    expect(await receiveMail(ctx.deps, raw('Tweede'))).toEqual({ kind: 'dropped', reason: 'no-community' });
  });
});
