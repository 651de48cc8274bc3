import type { GoalCalendar, GoalKpi } from '../../../contract/goals.js';
import type { Queryable } from '../../platform/db/database.js';
import {
  buildPerson,
  buildReply,
  buildThread,
  type TestCommunity,
  type TestPerson,
  type TestThread,
  unique,
} from '../../test/factories.js';

/** A goal made directly (the API is tested on its own), owned by `owner`. */
export async function makeGoal(
  db: Queryable,
  options: {
    owner: TestPerson;
    kpi?: GoalKpi;
    target?: number;
    attainmentTarget?: number;
    calendar?: GoalCalendar | null;
    communities?: TestCommunity[];
    createdAt?: Date;
    archived?: boolean;
  },
): Promise<{ id: string }> {
  const { rows } = await db.query<{ id: string }>(
    `insert into goals (name, owner_id, kpi, target, attainment_target, calendar, created_at, archived_at)
     values ($1, $2, $3, $4, $5, $6, $7, case when $8 then $7::timestamptz end) returning id`,
    [
      unique('Goal'),
      options.owner.id,
      options.kpi ?? 'first_response_time',
      options.target ?? 60,
      options.attainmentTarget ?? 80,
      options.calendar ? JSON.stringify(options.calendar) : null,
      options.createdAt ?? new Date(),
      options.archived ?? false,
    ],
  );
  for (const community of options.communities ?? []) {
    await db.query('insert into goal_communities (goal_id, community_id) values ($1, $2)', [
      rows[0]!.id,
      community.id,
    ]);
  }
  return rows[0]!;
}

/** A thread asked at `at`, linked to `goal` (or not). */
export async function threadAt(
  db: Queryable,
  options: {
    author: TestPerson;
    community: TestCommunity;
    at: Date;
    goal?: { id: string } | null;
    kind?: 'question' | 'idea' | 'discussion';
    title?: string;
  },
): Promise<TestThread> {
  const thread = await buildThread(db, {
    author: options.author,
    community: options.community,
    kind: options.kind ?? 'question',
    title: options.title,
    lastActivityAt: options.at,
  });
  await db.query('update threads set goal_id = $2 where id = $1', [thread.id, options.goal?.id ?? null]);
  return thread;
}

/** A reply written at `at`; `deleted` removes it again. */
export async function replyAt(
  db: Queryable,
  options: { thread: TestThread; author: TestPerson; at: Date; deleted?: boolean },
): Promise<{ id: string }> {
  const reply = await buildReply(db, { thread: options.thread, author: options.author });
  await db.query(
    'update replies set created_at = $2, deleted_at = case when $3 then $2::timestamptz end where id = $1',
    [reply.id, options.at, options.deleted ?? false],
  );
  return reply;
}

export async function acceptAt(
  db: Queryable,
  thread: TestThread,
  reply: { id: string },
  at: Date,
): Promise<void> {
  await db.query(
    "update threads set accepted_reply_id = $2, accepted_at = $3, status = 'answered' where id = $1",
    [thread.id, reply.id, at],
  );
}

export async function statusAt(
  db: Queryable,
  thread: TestThread,
  changedBy: TestPerson,
  toStatus: string,
  at: Date,
): Promise<void> {
  await db.query(
    `insert into thread_status_changes (thread_id, to_status, note, changed_by, created_at)
     values ($1, $2, 'Moved', $3, $4)`,
    [thread.id, toStatus, changedBy.id, at],
  );
  await db.query('update threads set status = $2 where id = $1', [thread.id, toStatus]);
}

/**
 * For the leak sweep: a goal scoped to the world's three communities with a long-unanswered question in each
 * (titled with the place's marker), so its detail, series and missed list would show closed and secret content
 * if they did not filter. Returns the goal's id.
 */
export async function goalForLeakSweep(
  db: Queryable,
  places: { community: TestCommunity; member: TestPerson; marker: string }[],
): Promise<string> {
  const owner = await buildPerson(db, { leader: true });
  const goal = await makeGoal(db, { owner, communities: places.map((place) => place.community) });
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
  for (const place of places) {
    await threadAt(db, {
      author: place.member,
      community: place.community,
      at: twoDaysAgo,
      goal,
      title: `Waiting ${place.marker}`,
    });
  }
  return goal.id;
}
