import { beforeAll, describe, expect, it } from 'vitest';
import type { Scorecard } from '../../../contract/analytics.js';
import type { Queryable } from '../../platform/db/database.js';
import { buildCommunity, buildPerson, type TestPerson, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { recordParticipation } from '../activity/repository.js';
import { type Actor, actor } from '../threads/testing.js';
import { rebuildAnalytics } from './refresh.js';

// "Less email" on a world of its own year, so no other test's mail or activity falls in its periods.
const YEAR = 2015;
const at = (monthDay: string) => new Date(`${YEAR}-${monthDay}T10:00:00Z`);
const period = { from: `${YEAR}-03-04`, to: `${YEAR}-03-31` };
let ctx: Awaited<ReturnType<typeof testApp>>;
let manager: Actor;
const mailroom = unique('Mailroom');
const elsewhere = unique('Elsewhere');
let slug: string;

async function delivered(db: Queryable, to: TestPerson | null, when: Date | null, count = 1) {
  for (let i = 0; i < count; i++) {
    await db.query(
      `insert into outbound_mail (idempotency_key, person_id, to_address, kind, locale, subject, text_body, html_body,
                                  status, not_before, created_at, sent_at)
       values ($1, $2, 'someone@example.org', 'mention', 'en', 's', 't', 'h', $3, $4, $4, $5)`,
      [unique('test'), to?.id ?? null, when ? 'outbox' : 'dead', when ?? at('03-10'), when],
    );
  }
}

beforeAll(async () => {
  ctx = await testApp();
  const db = ctx.db.pool;
  manager = await actor(ctx.app, db, { role: 'community_manager' });
  const ann = await buildPerson(db, { department: mailroom });
  const ben = await buildPerson(db, { department: mailroom });
  const cas = await buildPerson(db, { department: elsewhere });
  slug = (await buildCommunity(db, { members: [ann, ben, cas] })).slug;
  // The funnel counts people whose account existed by the period's end.
  await db.query(`update people set created_at = $2, activated_at = $2 where id = any($1::bigint[])`, [
    [ann.id, ben.id, cas.id],
    new Date(`${YEAR - 1}-12-01T00:00:00Z`),
  ]);
  // Active in March: Ann and Cas; Ben only in February (the previous period).
  await recordParticipation(db, ann.id, null, at('03-05'));
  await recordParticipation(db, cas.id, null, at('03-20'));
  await recordParticipation(db, ben.id, null, at('02-10'));
  // March: 6 to Ann, 2 to Ben (inactive, but the mails count), 4 to Cas.
  await delivered(db, ann, at('03-04'), 5);
  await delivered(db, ann, new Date(`${YEAR}-03-31T23:59:00Z`));
  await delivered(db, ben, at('03-15'), 2);
  await delivered(db, cas, at('03-30'), 4);
  // Not counted: a mail that never went out, one after the period, one to an address that is nobody's yet.
  await delivered(db, ann, null);
  await delivered(db, ann, new Date(`${YEAR}-04-01T00:00:00Z`));
  await delivered(db, null, at('03-10'));
  // February (the 28 days before): 3 to Ben.
  await delivered(db, ben, at('02-05'), 3);
  await rebuildAnalytics(db, new Date(`${YEAR}-03-31T23:30:00Z`));
});

async function emailPerActive(filter: Record<string, string>) {
  const search = new URLSearchParams({ ...period, ...filter });
  const response = await manager.api.get(`/api/v1/analytics/scorecard?${search}`);
  expect(response.statusCode, response.body).toBe(200);
  const figure = (response.json() as Scorecard).benefits.figures.find((f) => f.id === 'emailPerActive')!;
  return [figure.value, figure.previous];
}

describe('the scorecard’s "less email": mails per monthly active person per week', () => {
  it('divides the mails delivered to a department by its active people and the weeks of the period', async () => {
    // 8 mails in 4 weeks to a department with 1 active person; before: 3 mails, 1 active (Ben) → 0.75.
    expect(await emailPerActive({ department: mailroom })).toEqual([2, 0.8]);
    // 4 mails, 1 active; before: nobody active, so no figure.
    expect(await emailPerActive({ department: elsewhere })).toEqual([1, null]);
  });

  it('says nothing for one community: mail is counted per person, not per community', async () => {
    expect(await emailPerActive({ community: slug })).toEqual([null, null]);
  });
});
