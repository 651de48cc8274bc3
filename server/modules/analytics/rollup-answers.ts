import type { Queryable } from '../../platform/db/database.js';
import { businessMinutesBetween, OFFICE_HOURS } from '../../platform/time/business-hours.js';

/**
 * Fewer words than this is a "+1", a "thanks" or a "me too", not an answer — unless the asker accepted it
 * (docs/ANALYTICS.md, "What counts as an answer").
 */
export const ANSWER_MIN_WORDS = 4;

const words = (column: string) =>
  `coalesce(array_length(regexp_split_to_array(btrim(${column}), '\\s+'), 1), 0)`;

/**
 * Rewrites the answers to the questions in `analytics_touched` (made by refreshQuestions in this transaction): live
 * replies by someone other than the asker with at least ANSWER_MIN_WORDS words, or the accepted one.
 */
export async function refreshAnswers(db: Queryable): Promise<void> {
  await db.query('delete from analytics_answers a using analytics_touched x where a.thread_id = x.id');
  await db.query(
    `insert into analytics_answers (reply_id, thread_id, community_id, asker_id, author_id, created_at, across)
     select r.id, t.id, t.community_id, t.author_id, r.author_id, r.created_at,
            coalesce(rp.department <> qp.department, false)
       from threads t
       join people qp on qp.id = t.author_id
       join replies r on r.thread_id = t.id and r.deleted_at is null and r.author_id <> t.author_id
       join people rp on rp.id = r.author_id
      where t.id in (select id from analytics_touched) and t.kind = 'question' and t.deleted_at is null
        and (r.id = t.accepted_reply_id or ${words('r.body_md')} >= ${ANSWER_MIN_WORDS})
      order by r.created_at`,
  );
}

/**
 * The business minutes to the first answer of the questions just rewritten: office hours (Monday to Friday, 9 to 6)
 * in the asker's time zone, the same measure goal KPIs take. Computed here, once, so a period reads a column.
 */
export async function fillBusinessMinutes(db: Queryable): Promise<void> {
  const { rows } = await db.query<{ id: string; created_at: Date; first_answer_at: Date; time_zone: string }>(
    `select q.thread_id as id, q.created_at, q.first_answer_at, p.time_zone
       from analytics_questions q join people p on p.id = q.author_id
      where q.thread_id in (select id from analytics_touched) and q.first_answer_at is not null`,
  );
  if (rows.length === 0) return;
  const minutes = rows.map((r) =>
    businessMinutesBetween(r.created_at, r.first_answer_at, OFFICE_HOURS, r.time_zone),
  );
  await db.query(
    `update analytics_questions q set first_answer_business_minutes = v.minutes
       from unnest($1::bigint[], $2::float8[]) v(id, minutes) where q.thread_id = v.id`,
    [rows.map((r) => r.id), minutes],
  );
}
