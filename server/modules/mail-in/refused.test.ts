import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, buildPerson, buildThread, type TestPerson } from '../../test/factories.js';
import { TEST_MAIL_SECRET, testApp } from '../../test/harness.js';
import { replyToken } from '../mail/tokens.js';
import { receiveMail } from './receive.js';

// Mail-in acts as a person without a session: it must refuse whatever the app refuses that person (issue 19).
let ctx: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  ctx = await testApp({ config: {} });
});
afterAll(() => ctx.app.close());

const DOMAIN = 'plein.localhost';
const replyAddress = (person: TestPerson, threadId: string) =>
  `reply+${replyToken(TEST_MAIL_SECRET, person.id, { threadId, replyId: null })}@${DOMAIN}`;
const mail = (from: string, to: string, subject = 'Re: vraag') =>
  receiveMail(
    ctx.deps,
    Buffer.from(
      [
        `From: ${from}`,
        `To: ${to}`,
        `Subject: ${subject}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Ja.',
        '',
      ].join('\r\n'),
    ),
  );
const count = async (sql: string, id: string) =>
  (await ctx.db.pool.query<{ n: number }>(`select count(*)::int as n from ${sql} = $1`, [id])).rows[0]!.n;

async function conversation(visibility: 'open' | 'closed' = 'open') {
  const author = await buildPerson(ctx.db.pool);
  const jan = await buildPerson(ctx.db.pool);
  const community = await buildCommunity(ctx.db.pool, { visibility, members: [author, jan] });
  await ctx.db.pool.query('update communities set mail_in_enabled = true where id = $1', [community.id]);
  const thread = await buildThread(ctx.db.pool, { author, community });
  return { jan, community, thread };
}

describe('mail-in refuses what the app refuses', () => {
  it('a suspended person can neither reply nor start a thread by mail', async () => {
    const { jan, community, thread } = await conversation();
    const until = new Date(ctx.deps.clock.now().getTime() + 86_400_000);
    await ctx.db.pool.query('update people set suspended_until = $2 where id = $1', [jan.id, until]);
    expect(await mail(jan.email, replyAddress(jan, thread.id))).toEqual({
      kind: 'dropped',
      reason: 'suspended',
    });
    expect(await mail(jan.email, `${community.slug}@${DOMAIN}`, 'Nieuw')).toEqual({
      kind: 'dropped',
      reason: 'suspended',
    });
    expect(await count('replies where thread_id', thread.id)).toBe(0);
    expect(await count('threads where community_id', community.id)).toBe(1);
    // Once the suspension has run out, the same mail is a reply again.
    await ctx.db.pool.query('update people set suspended_until = $2 where id = $1', [jan.id, new Date(0)]);
    expect((await mail(jan.email, replyAddress(jan, thread.id))).kind).toBe('reply');
  });

  it('a deactivated person cannot reply by mail, even with a token issued to them', async () => {
    const { jan, community, thread } = await conversation();
    await ctx.db.pool.query(`update people set status = 'deactivated' where id = $1`, [jan.id]);
    expect((await mail(jan.email, replyAddress(jan, thread.id))).kind).toBe('dropped');
    expect((await mail(jan.email, `${community.slug}@${DOMAIN}`, 'Nieuw')).kind).not.toBe('thread');
    expect(await count('replies where thread_id', thread.id)).toBe(0);
    expect(await count('threads where community_id', community.id)).toBe(1);
  });

  it('a person who left a closed community cannot reply by mail into it, nor start a thread there', async () => {
    const { jan, community, thread } = await conversation('closed');
    // While a member the token works; after leaving, the token they still hold does not.
    expect((await mail(jan.email, replyAddress(jan, thread.id))).kind).toBe('reply');
    await ctx.db.pool.query('delete from community_members where community_id = $1 and person_id = $2', [
      community.id,
      jan.id,
    ]);
    expect(await mail(jan.email, replyAddress(jan, thread.id))).toEqual({
      kind: 'dropped',
      reason: expect.stringMatching(/^refused-40[34]$/),
    });
    expect(await mail(jan.email, `${community.slug}@${DOMAIN}`, 'Nieuw')).toEqual({
      kind: 'dropped',
      reason: 'no-community',
    });
    expect(await count('replies where thread_id', thread.id)).toBe(1);
    expect(await count('threads where community_id', community.id)).toBe(1);
  });
});
