import { beforeAll, describe, expect, it } from 'vitest';
import type { Scorecard } from '../../../contract/analytics.js';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, buildPerson, type TestPerson, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { recordParticipation } from '../activity/repository.js';
import { type Actor, actor } from '../threads/testing.js';
import { rebuildAnalytics } from './refresh.js';
import { setMinimumGroup } from './testing.js';

// "Less email" on a world of its own, in a year no other test uses; every expected number is worked out here.
const Y = 2009;
const at = (monthDay: string) => new Date(`${Y}-${monthDay}T10:00:00Z`);
const march = { from: `${Y}-03-04`, to: `${Y}-03-31` };
let ctx: Awaited<ReturnType<typeof testApp>>;
let manager: Actor;
let dept: string;
let l1: string;
let slug: string;

beforeAll(async () => {
  ctx = await testApp({ clock: manualClock(new Date(`${Y}-04-01T09:00:00Z`)) });
  // Figures of a small world, each worked out by hand: the smallest group size (every file that sets it sets 1).
  await setMinimumGroup(ctx.db.pool, 1);
  const db = ctx.db.pool;
  manager = await actor(ctx.app, db, { role: 'community_manager' });
  dept = unique('Mailroom');
  l1 = unique('Utrecht');
  const person = async (department: string, location: string) => {
    const p = await buildPerson(db, { department, location });
    await db.query('update people set created_at = $2, activated_at = $3 where id = $1', [
      p.id,
      new Date(`${Y - 1}-12-01T00:00:00Z`),
      new Date(`${Y}-01-01T00:00:00Z`),
    ]);
    return p;
  };
  const ann = await person(dept, l1);
  const bob = await person(dept, l1);
  // Cat is activated but takes no part: she receives mail, she is not active.
  const cat = await person(dept, unique('Gent'));
  const dan = await person(unique('Legal'), l1);
  const community = await buildCommunity(db, { members: [ann, bob, cat, dan] });
  slug = community.slug;
  await db.query('update communities set created_at = $2 where id = $1', [
    community.id,
    new Date(`${Y - 1}-12-01T00:00:00Z`),
  ]);
  // Monthly active in March: ann and bob; in the 28 days ending 3 March (the previous period): ann alone.
  await recordParticipation(db, ann.id, community.id, at('02-20'), 'react');
  await recordParticipation(db, ann.id, community.id, at('03-05'), 'react');
  await recordParticipation(db, bob.id, community.id, at('03-06'), 'react');
  await recordParticipation(db, dan.id, community.id, at('03-06'), 'react');

  let n = 0;
  const mail = async (to: TestPerson | null, status: string, sentAt: Date | null) => {
    n += 1;
    await db.query(
      `insert into outbound_mail (idempotency_key, person_id, to_address, kind, locale, subject, text_body, html_body,
                                  status, not_before, created_at, sent_at)
       values ($1, $2, $3, 'mention', 'en', 's', 't', 'h', $4, $5, $5, $6)`,
      [
        unique(`fig-${n}`),
        to?.id ?? null,
        to?.email ?? 'stranger@example.test',
        status,
        sentAt ?? at('03-10'),
        sentAt,
      ],
    );
  };
  // March, delivered: ann 4 (sent), bob 2 (outbox), cat 3 (sent) = 9 in the department, 6 of them in l1.
  for (const day of ['03-04', '03-10', '03-20', '03-31']) await mail(ann, 'sent', at(day));
  for (const day of ['03-05', '03-06']) await mail(bob, 'outbox', at(day));
  for (const day of ['03-07', '03-08', '03-09']) await mail(cat, 'sent', at(day));
  // Not counted: failed, still waiting, after the period, another department, no person at all.
  await mail(ann, 'dead', null);
  await mail(bob, 'queued', null);
  await mail(ann, 'sent', at('04-01'));
  await mail(dan, 'sent', at('03-12'));
  await mail(null, 'sent', at('03-12'));
  // The previous period (4 February – 3 March): 2 mails.
  await mail(ann, 'sent', at('03-03'));
  await mail(bob, 'sent', at('02-10'));

  // Replies in March: bob by mail twice, ann in the app, dan by mail; a deleted mail reply; in February one in the app.
  const { rows } = await db.query<{ id: string }>(
    `insert into threads (community_id, author_id, kind, title, body_md, body_html, origin, created_at,
                          last_activity_at)
     values ($1, $2, 'discussion', 'Mail?', 'b', 'b', 'bottom_up', $3, $3) returning id`,
    [community.id, ann.id, at('02-19')],
  );
  const reply = (author: TestPerson, via: 'app' | 'mail', when: Date, deleted: Date | null = null) =>
    db.query(
      `insert into replies (thread_id, author_id, body_md, body_html, via, created_at, deleted_at)
       values ($1, $2, 'r', 'r', $3, $4, $5)`,
      [rows[0]!.id, author.id, via, when, deleted],
    );
  await reply(bob, 'mail', at('03-06'));
  await reply(ann, 'app', at('03-07'));
  await reply(bob, 'mail', at('03-08'));
  await reply(dan, 'mail', at('03-09'));
  await reply(bob, 'mail', at('03-10'), at('03-11'));
  await reply(ann, 'app', at('02-20'));
  await rebuildAnalytics(db, new Date(`${Y}-04-01T00:00:00Z`));
});

async function benefits(query: Record<string, string>) {
  const response = await manager.api.get(
    `/api/v1/analytics/scorecard?${new URLSearchParams({ ...march, ...query })}`,
  );
  expect(response.statusCode, response.body).toBe(200);
  const card: Scorecard = response.json();
  return Object.fromEntries(card.benefits.figures.map((f) => [f.id, [f.value, f.previous]]));
}

describe('"less email" on the scorecard', () => {
  it('counts mails delivered per monthly active person per week, against the period before', async () => {
    // March: 9 mails × 7 / (2 active × 28 days) = 1.125; February: 2 × 7 / (1 × 28) = 0.5.
    expect((await benefits({ department: dept })).emailPerActive).toEqual([1.1, 0.5]);
    // Ann and bob's location: 6 mails to 2 active people → 6 × 7 / 56 = 0.75, rounded half up; before, 2 to ann.
    expect((await benefits({ department: dept, location: l1 })).emailPerActive).toEqual([0.8, 0.5]);
  });

  it('is empty where nobody is active and under a community filter', async () => {
    const nobody = await benefits({ department: unique('Nobody') });
    expect(nobody.emailPerActive).toEqual([null, null]);
    expect((await benefits({ community: slug })).emailPerActive).toEqual([null, null]);
  });

  it('gives the share of live replies that came in by email, by writer and by community', async () => {
    // The department's writers (ann, bob): 2 of 3 live replies by mail; February: 0 of 1.
    expect((await benefits({ department: dept })).emailReplyShare).toEqual([66.7, 0]);
    // The community: dan's mail reply too, 3 of 4.
    expect((await benefits({ community: slug })).emailReplyShare).toEqual([75, 0]);
    expect((await benefits({ department: unique('Nobody') })).emailReplyShare).toEqual([null, null]);
  });
});
