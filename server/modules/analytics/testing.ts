import type { Queryable } from '../../platform/db/database.js';
import { renderMarkdown } from '../../platform/markdown/render.js';
import {
  buildCommunity,
  buildPerson,
  type TestCommunity,
  type TestPerson,
  unique,
} from '../../test/factories.js';
import { recordParticipation } from '../activity/repository.js';
import { writeSetting } from '../settings/repository.js';

/**
 * A small organisation whose every figure is worked out by hand in scorecard.test.ts. All of it happens in one
 * past year (`year`), so the shared test database's other data (written "now") never falls in its periods.
 */
/** A reply long enough to be an answer (rollup-answers.ts): every reply here is one. */
export const ANSWER = 'Ask the service desk first';

export type SmallWorld = Awaited<ReturnType<typeof buildSmallWorld>>;

export async function buildSmallWorld(db: Queryable, year: number) {
  const at = (monthDay: string, time = '10:00') => new Date(`${year}-${monthDay}T${time}:00Z`);
  const d1 = unique('Sales');
  const d2 = unique('Ops');
  const l1 = unique('Amsterdam');
  const l2 = unique('Tokyo');
  const ams = 'Europe/Amsterdam';
  const tokyo = 'Asia/Tokyo';
  const person = async (
    department: string,
    location: string,
    timeZone: string,
    managerId: string | null,
    extra: Parameters<typeof buildPerson>[1] = {},
  ) => buildPerson(db, { department, location, timeZone, managerId, ...extra });
  const boss = await person(d1, l1, ams, null, { leader: true });
  const ann = await person(d1, l1, ams, boss.id);
  const bob = await person(d2, l2, tokyo, ann.id);
  const cas = await person(d2, l1, ams, boss.id);
  const dan = await person(d1, l1, ams, null);
  const activate = async (p: TestPerson, when: Date | null) =>
    db.query(`update people set activated_at = $2, created_at = $3 where id = $1`, [
      p.id,
      when,
      new Date(`${year - 1}-12-01T00:00:00Z`),
    ]);
  await activate(boss, at('01-01', '00:00'));
  await activate(ann, at('01-02', '00:00'));
  await activate(bob, at('01-06', '10:00'));
  await activate(cas, at('03-07', '04:00'));
  await activate(dan, null);
  await db.query(`update people set title = 'CEO', bio = 'Runs things' where id = $1`, [boss.id]);

  const community = await buildCommunity(db, { owners: [boss], members: [ann, bob, cas], sponsor: boss });
  await db.query('update communities set viability_threshold = 6, created_at = $2 where id = $1', [
    community.id,
    new Date(`${year - 1}-12-01T00:00:00Z`),
  ]);

  const theme = async (title: string, created: Date, state: 'open' | 'closed', outcome: Date | null) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into themes (title, question, owner_id, state, created_at) values ($1, 'Why?', $2, $3, $4) returning id`,
      [title, boss.id, state, created],
    );
    if (outcome) {
      await db.query(
        `insert into theme_outcomes (theme_id, author_id, body_md, body_html, created_at) values ($1, $2, 'Done', 'Done', $3)`,
        [rows[0]!.id, boss.id, outcome],
      );
    }
    return rows[0]!.id;
  };
  await theme('Closed with outcome', at('01-01'), 'closed', at('01-11'));
  const openedInPeriod = await theme('Opened in March', at('03-05'), 'open', null);
  const silentTitle = unique('Silent theme');
  await theme(
    silentTitle,
    new Date(`${year - 1}-12-01T10:00:00Z`),
    'open',
    new Date(`${year - 1}-12-21T10:00:00Z`),
  );

  const { rows: goalRows } = await db.query<{ id: string }>(
    `insert into goals (name, owner_id, kpi, target, created_at) values ($1, $2, 'answer_rate', 50, $3) returning id`,
    [unique('Answer half'), boss.id, at('01-01')],
  );
  const goalId = goalRows[0]!.id;

  const thread = async (
    author: TestPerson,
    kind: string,
    when: Date,
    links: { themeId?: string; goalId?: string; deleted?: boolean } = {},
  ) => {
    const leader = author.id === boss.id;
    const { rows } = await db.query<{ id: string }>(
      `insert into threads (community_id, author_id, kind, title, body_md, body_html, origin, theme_id, goal_id, status,
                            created_at, last_activity_at, deleted_at)
       values ($1, $2, $3, 'T', 'b', $4, $5, $6, $7, $8, $9, $9, $10) returning id`,
      [
        community.id,
        author.id,
        kind,
        renderMarkdown('b').html,
        leader ? 'top_down' : 'bottom_up',
        links.themeId ?? null,
        links.goalId ?? null,
        kind === 'question' ? 'open' : null,
        when,
        links.deleted ? when : null,
      ],
    );
    if (!links.deleted) await recordParticipation(db, author.id, community.id, when, 'create');
    return rows[0]!.id;
  };
  const reply = async (
    threadId: string,
    author: TestPerson,
    when: Date,
    parentId: string | null = null,
    deleted = false,
  ) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into replies (thread_id, parent_id, author_id, body_md, body_html, created_at, deleted_at)
       values ($1, $2, $3, $6, $6, $4, $5) returning id`,
      [threadId, parentId, author.id, when, deleted ? when : null, ANSWER],
    );
    if (!deleted) await recordParticipation(db, author.id, community.id, when, 'reply');
    return rows[0]!.id;
  };
  const react = async (target: { threadId?: string; replyId?: string }, by: TestPerson, when: Date) => {
    if (target.threadId) {
      await db.query(
        `insert into thread_reactions (thread_id, person_id, kind, created_at) values ($1, $2, 'like', $3)`,
        [target.threadId, by.id, when],
      );
    } else {
      await db.query(
        `insert into reply_reactions (reply_id, person_id, kind, created_at) values ($1, $2, 'like', $3)`,
        [target.replyId, by.id, when],
      );
    }
    await recordParticipation(db, by.id, community.id, when, 'react');
  };

  // The period: March; the previous period: the 28 days before it.
  const th1 = await thread(boss, 'discussion', at('03-05'), { themeId: openedInPeriod });
  const th2 = await thread(bob, 'question', at('03-06'), { goalId });
  const th3 = await thread(cas, 'question', at('03-07'));
  const praise = await thread(ann, 'praise', at('03-08'));
  await db.query('insert into praise_recipients (thread_id, person_id) values ($1, $2)', [praise, bob.id]);
  await thread(ann, 'discussion', at('03-20'), { deleted: true });
  const r1 = await reply(th1, ann, at('03-05', '11:00'));
  await reply(th1, boss, at('03-05', '12:00'), r1);
  const r3 = await reply(th2, ann, at('03-06', '10:30'));
  await reply(th2, bob, at('03-06', '11:00'));
  await reply(th3, cas, at('03-07', '10:05'));
  await reply(th3, bob, at('03-07', '12:00'));
  await reply(th3, boss, at('03-07', '10:30'), null, true);
  await db.query(
    `update threads set accepted_reply_id = $2, accepted_at = $3, status = 'answered' where id = $1`,
    [th2, r3, at('03-06', '14:00')],
  );
  await react({ threadId: th1 }, cas, at('03-09'));
  await react({ replyId: r3 }, boss, at('03-09'));
  await react({ threadId: th1 }, bob, at('03-09'));
  // Previous period.
  const th6 = await thread(boss, 'discussion', at('02-10'));
  await thread(ann, 'discussion', at('02-11'));
  await reply(th6, ann, at('02-10', '11:00'));
  // Ann is engaged: ten days active in March.
  for (const day of ['10', '11', '12', '13', '14', '15', '16']) {
    await recordParticipation(db, ann.id, null, at(`03-${day}`), 'react');
  }
  return {
    people: { boss, ann, bob, cas, dan },
    community: community as TestCommunity,
    departments: { d1, d2 },
    locations: { l1, l2 },
    silentTitle,
    period: { from: `${year}-03-04`, to: `${year}-03-31` },
    refreshAt: new Date(`${year}-03-31T23:00:00Z`),
  };
}

/**
 * The organisation's minimum group size for analytics (null: back to the default). Written as stored, below the
 * admins' floor of 3, for tests whose purpose is a figure of a small constructed world (docs/PRIVACY.md).
 */
export async function setMinimumGroup(db: Queryable, minimum: number | null): Promise<void> {
  if (minimum === null) await db.query(`delete from settings where key = 'analyticsMinimumGroup'`);
  else await writeSetting(db, { key: 'analyticsMinimumGroup', value: minimum, updatedBy: null }, new Date());
}
