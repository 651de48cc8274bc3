import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';

/** One linked question as the KPIs measure it. */
export type QuestionRow = {
  id: string;
  goal_id: string;
  author_id: string;
  created_at: Date;
  /** The asker's time zone: business hours are read in it. */
  time_zone: string;
  /** The first live reply by someone other than the asker; replies are the truth, not threads.first_reply_at. */
  first_response_at: Date | null;
  first_responder_id: string | null;
  accepted_at: Date | null;
  accepted_author_id: string | null;
};

// Moments come as epoch milliseconds (float8, exact after rounding) and become Dates here: parsing a timestamp's text
// cost more of the scorecard's time than its SQL once a goal had thousands of questions in a period.
export const epochMs = (column: string) =>
  `round(date_part('epoch', date_trunc('milliseconds', ${column})) * 1000)`;
export type QuestionData = Omit<QuestionRow, 'created_at' | 'first_response_at' | 'accepted_at'> & {
  created_ms: number;
  first_response_ms: number | null;
  accepted_ms: number | null;
};
// Field by field: a rest-spread copy of 12,000 rows cost as much as the parsing it saved.
export const toQuestionRow = (row: QuestionData): QuestionRow => ({
  id: row.id,
  goal_id: row.goal_id,
  author_id: row.author_id,
  created_at: new Date(row.created_ms),
  time_zone: row.time_zone,
  first_response_at: row.first_response_ms === null ? null : new Date(row.first_response_ms),
  first_responder_id: row.first_responder_id,
  accepted_at: row.accepted_ms === null ? null : new Date(row.accepted_ms),
  accepted_author_id: row.accepted_author_id,
});

// The earliest live reply by anyone but the asker: a probe of replies_thread_first_idx per question. Who answered
// (contributions) costs a probe of the accepted reply on top, so only the statements that need it pay for it.
const questionColumns = (
  responders: boolean,
) => `t.id, t.goal_id, t.author_id, ${epochMs('t.created_at')} as created_ms,
       p.time_zone, ${epochMs('fr.created_at')} as first_response_ms,
       ${responders ? 'fr.author_id' : 'null'} as first_responder_id,
       ${epochMs('t.accepted_at')} as accepted_ms, ${responders ? 'ar.author_id' : 'null'} as accepted_author_id`;
const questionJoins = (responders: boolean) => `join people p on p.id = t.author_id
  left join lateral (select r.created_at, r.author_id from replies r
                      where r.thread_id = t.id and r.deleted_at is null and r.author_id <> t.author_id
                      order by r.created_at, r.id limit 1) fr on true
  ${responders ? 'left join replies ar on ar.id = t.accepted_reply_id and ar.deleted_at is null' : ''}`;

/**
 * The questions linked to these goals that were asked in [from, to), live, and readable by the viewer
 * (a null viewer: every question — only for system work, never for figures shown to a person).
 * One range of threads_goal_created_idx per goal.
 */
export async function questionsInPeriod(
  db: Queryable,
  goalIds: string[],
  from: Date,
  to: Date,
  viewerId: string | null,
  /** Fill in first_responder_id and accepted_author_id (null otherwise). */
  responders = false,
): Promise<QuestionRow[]> {
  if (goalIds.length === 0) return [];
  const { rows } = await db.query<QuestionData>(
    `select ${questionColumns(responders)}
       from threads t ${questionJoins(responders)}
      where t.goal_id = any($1::bigint[]) and t.deleted_at is null and t.kind = 'question'
        and t.created_at >= $2 and t.created_at < $3
        and ($4::bigint is null or ${readableCommunitySql('t.community_id', '$4')})`,
    [goalIds, from, to, viewerId],
  );
  return rows.map(toQuestionRow);
}

/**
 * Ideas linked to these goals whose first move to `done` falls in [from, to), with that moment; live and
 * readable ideas only (viewer null as above). Read from the period's moves to done (thread_status_changes_done_idx),
 * not from every idea of the goal.
 */
export async function ideasDoneInPeriod(
  db: Queryable,
  goalIds: string[],
  from: Date,
  to: Date,
  viewerId: string | null,
): Promise<{ id: string; goal_id: string; author_id: string; done_at: Date }[]> {
  if (goalIds.length === 0) return [];
  const { rows } = await db.query<{ id: string; goal_id: string; author_id: string; done_at: Date }>(
    `select t.id, t.goal_id, t.author_id, sc.created_at as done_at
       from thread_status_changes sc
       -- One primary-key probe per move (LIMIT keeps it a probe): hashing the goal's ideas reads all of them.
       cross join lateral (select t.id, t.goal_id, t.author_id from threads t
                            where t.id = sc.thread_id and t.goal_id = any($1::bigint[]) and t.deleted_at is null
                              and t.kind = 'idea'
                              and ($4::bigint is null or ${readableCommunitySql('t.community_id', '$4')})
                            limit 1) t
      where sc.to_status = 'done' and sc.created_at >= $2 and sc.created_at < $3
        -- The idea's first move to done, probed only for the goals' ideas (on t.id, so after the probe above):
        -- as NOT EXISTS it became a hash of every move to done before the period.
        and sc.id = (select e.id from thread_status_changes e where e.thread_id = t.id and e.to_status = 'done'
                      order by e.created_at, e.id limit 1)`,
    [goalIds, from, to, viewerId],
  );
  return rows;
}

/**
 * Which of the idea-throughput goals had anything to measure: at least one live idea linked to it, made before `to`
 * and readable by the viewer (`null`: everything). One probe of threads_goal_created_idx per goal.
 */
export async function goalsWithIdeas(
  db: Queryable,
  goalIds: string[],
  to: Date,
  viewerId: string | null,
): Promise<Set<string>> {
  if (goalIds.length === 0) return new Set();
  const { rows } = await db.query<{ goal_id: string }>(
    `select g.id as goal_id from unnest($1::bigint[]) g(id)
      where exists (select 1 from threads t
                     where t.goal_id = g.id and t.deleted_at is null and t.created_at < $2 and t.kind = 'idea'
                       and ($3::bigint is null or ${readableCommunitySql('t.community_id', '$3')}))`,
    [goalIds, to, viewerId],
  );
  return new Set(rows.map((row) => row.goal_id));
}

/**
 * A page of the goal's readable questions, newest first, that may have missed: unanswered, or answered later than
 * `minMinutes` clock minutes (business minutes never exceed clock minutes, so this never drops a real miss).
 * `answeredBy` picks the first response or the accepted answer.
 */
export async function missCandidates(
  db: Queryable,
  goalId: string,
  options: {
    /** 'unanswered': only questions without any first response (answer_rate). */
    answeredBy: 'first_response' | 'accepted' | 'unanswered';
    minMinutes: number;
    now: Date;
    viewerId: string;
    after: { createdAt: string; id: string } | null;
    limit: number;
  },
): Promise<QuestionRow[]> {
  const late =
    options.answeredBy === 'unanswered'
      ? 'fr.created_at is null'
      : `coalesce(${options.answeredBy === 'accepted' ? 't.accepted_at' : 'fr.created_at'}, $5::timestamptz) - t.created_at
           >= make_interval(mins => $6::int)`;
  const { rows } = await db.query<QuestionData>(
    `select ${questionColumns(true)}
       from threads t ${questionJoins(true)}
      where t.goal_id = $1 and t.deleted_at is null and t.kind = 'question'
        and ($2::timestamptz is null or (t.created_at, t.id) < ($2::timestamptz, $3::bigint))
        and ${readableCommunitySql('t.community_id', '$4')}
        and ${late} and $5::timestamptz is not null and $6::int >= 0
      order by t.created_at desc, t.id desc
      limit $7`,
    [
      goalId,
      options.after?.createdAt ?? null,
      options.after?.id ?? null,
      options.viewerId,
      options.now,
      Math.floor(options.minMinutes),
      options.limit,
    ],
  );
  return rows.map(toQuestionRow);
}

/** Goals (linked to readable questions asked since `since`) where the person replied: candidates for goalsHelpedBy. */
export async function goalsRepliedIn(
  db: Queryable,
  personId: string,
  since: Date,
  viewerId: string,
): Promise<string[]> {
  const { rows } = await db.query<{ goal_id: string }>(
    `select distinct t.goal_id
       from replies r join threads t on t.id = r.thread_id
       join goals g on g.id = t.goal_id and g.archived_at is null
      where r.author_id = $1 and r.deleted_at is null and r.created_at >= $2
        and t.kind = 'question' and t.deleted_at is null and t.created_at >= $2
        and ${readableCommunitySql('t.community_id', '$3')}`,
    [personId, since, viewerId],
  );
  return rows.map((row) => row.goal_id);
}
