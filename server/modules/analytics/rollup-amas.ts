import type { Queryable } from '../../platform/db/database.js';

const startOf = (param: string) => `(${param}::date::timestamp at time zone 'UTC')`;

/** AMAs opened, asked in or answered in from the refresh's first day on. */
const TOUCHED = `select thread_id from ama_questions where created_at >= ${startOf('$1')}
  union select thread_id from ama_questions where answered_at >= ${startOf('$1')}
  union select id from threads where kind = 'ama' and created_at >= ${startOf('$1')}`;

/**
 * The AMA roll-up (`analytics_ama_questions`, docs/ANALYTICS.md): every question of an AMA whose thread is live.
 * A refresh rewrites the AMAs touched from `fromDay` on and forgets removed threads' questions whatever their age,
 * so a tick and a full rebuild hold the same rows.
 */
export async function refreshAmaQuestions(db: Queryable, fromDay: string): Promise<void> {
  await db.query(
    'delete from analytics_ama_questions k using threads t where t.id = k.thread_id and t.deleted_at is not null',
  );
  await db.query(`delete from analytics_ama_questions where thread_id in (${TOUCHED})`, [fromDay]);
  await db.query(
    `insert into analytics_ama_questions
       (question_id, thread_id, community_id, asker_id, asked_at, ama_ends_at, answered_by, answered_at)
     select q.id, q.thread_id, t.community_id, q.author_id, q.created_at, a.ends_at, q.answered_by, q.answered_at
       from amas a
       join threads t on t.id = a.thread_id and t.deleted_at is null
       join ama_questions q on q.thread_id = a.thread_id
      where a.thread_id in (${TOUCHED})
      order by q.created_at`,
    [fromDay],
  );
}
