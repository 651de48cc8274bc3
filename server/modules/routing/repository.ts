import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';
import { SKILL_WEIGHT, weightSql } from '../experts/weights.js';

export type WaitingQuestion = {
  id: string;
  title: string;
  author_id: string;
  community_id: string | null;
  created_at: Date;
  time_zone: string;
  topics: string[];
};

/**
 * Questions nobody but the asker has answered, older than `notBefore` (wall-clock: business time is never more),
 * not older than `since`, never considered before; oldest first on the unanswered-questions index.
 */
export async function waitingQuestions(
  db: Queryable,
  notBefore: Date,
  since: Date,
  limit: number,
): Promise<WaitingQuestion[]> {
  const { rows } = await db.query<WaitingQuestion>(
    `select t.id, t.title, t.author_id, t.community_id, t.created_at, p.time_zone,
            array(select h.tag from thread_hashtags th join hashtags h on h.id = th.hashtag_id
                   where th.thread_id = t.id
                  union select lower(c.name) from communities c where c.id = t.community_id) as topics
       from threads t join people p on p.id = t.author_id
      where t.kind = 'question' and t.first_reply_at is null and t.deleted_at is null
        and t.created_at <= $1 and t.created_at > $2
        and not exists (select 1 from question_routing_runs r where r.thread_id = t.id)
      order by t.created_at, t.id limit $3`,
    [notBefore, since, limit],
  );
  return rows;
}

export type Candidate = { id: string; score: number };

/**
 * Up to `limit` likely experts for a question: evidence on its topics plus skills named in its title or tags;
 * only active people who can read it, are not the asker, have not opted out, have not replied, and were routed
 * fewer than `dailyLimit` questions in the last 24 hours. Equal scores go to whoever was asked least lately.
 */
export async function likelyExperts(
  db: Queryable,
  question: WaitingQuestion,
  words: string[],
  now: Date,
  dailyLimit: number,
  limit: number,
): Promise<Candidate[]> {
  const { rows } = await db.query<Candidate & { recent: number }>(
    `with evidence as (
       select e.person_id, ${weightSql('e.source')} * ln(1 + e.evidence_count) as score
         from expertise_evidence e where e.topic = any($3::text[])
       union all
       select p.id, ${SKILL_WEIGHT} from people p where plein_lower_array(p.skills) && $4::text[]),
     scored as (select person_id, sum(score)::float8 as score from evidence group by person_id)
     select p.id, s.score,
            (select count(*)::int from question_routings q where q.person_id = p.id and q.routed_at > $5::timestamptz - interval '1 day') as recent
       from scored s join people p on p.id = s.person_id
      where p.status = 'active' and not p.routing_opt_out and p.id <> $2
        and ${readableCommunitySql('$6::bigint', 'p.id')}
        and not exists (select 1 from replies r where r.thread_id = $1 and r.author_id = p.id and r.deleted_at is null)
        and (select count(*) from question_routings q where q.person_id = p.id and q.routed_at > $5::timestamptz - interval '1 day') < $7
      order by s.score desc, recent, p.id limit $8`,
    [question.id, question.author_id, question.topics, words, now, question.community_id, dailyLimit, limit],
  );
  return rows.map(({ id, score }) => ({ id, score }));
}

export async function recordRouting(
  db: Queryable,
  threadId: string,
  experts: Candidate[],
  topics: string[],
  now: Date,
): Promise<void> {
  await db.query(
    `insert into question_routing_runs (thread_id, ran_at, routed) values ($1, $2, $3) on conflict do nothing`,
    [threadId, now, experts.length],
  );
  if (experts.length === 0) return;
  await db.query(
    `insert into question_routings (thread_id, person_id, reason, routed_at)
     select $1, unnest($2::bigint[]), jsonb_build_object('topics', $3::text[]), $4
     on conflict (thread_id, person_id) do nothing`,
    [threadId, experts.map((e) => e.id), topics, now],
  );
}

/** Marks routings whose person has since replied in the thread: the first such reply answers it. */
export async function markAnswered(db: Queryable, since: Date): Promise<number> {
  const { rowCount } = await db.query(
    `update question_routings q set answered_at = a.created_at, reply_id = a.reply_id
       from (select open.id, r.id as reply_id, r.created_at
               from question_routings open
               cross join lateral (select r.id, r.created_at from replies r
                                    where r.thread_id = open.thread_id and r.author_id = open.person_id
                                      and r.deleted_at is null
                                    order by r.id limit 1) r
              where open.answered_at is null and open.routed_at > $1) a
      where q.id = a.id`,
    [since],
  );
  return rowCount ?? 0;
}

export async function routingPreference(db: Queryable, personId: string, since: Date) {
  const { rows } = await db.query<{
    opt_out: boolean;
    recent: { thread_id: string; title: string; routed_at: string; answered_at: string | null }[];
  }>(
    `select p.routing_opt_out as opt_out,
            coalesce((select json_agg(x order by x.routed_at desc) from (
                select q.thread_id::text, t.title, q.routed_at, q.answered_at
                  from question_routings q join threads t on t.id = q.thread_id
                 where q.person_id = p.id and q.routed_at > $2 and t.deleted_at is null
                   and ${readableCommunitySql('t.community_id', 'p.id')}
                 order by q.routed_at desc limit 20) x), '[]') as recent
       from people p where p.id = $1`,
    [personId, since],
  );
  return rows[0]!;
}

export async function setRoutingOptOut(db: Queryable, personId: string, optOut: boolean, now: Date) {
  await db.query('update people set routing_opt_out = $2, updated_at = $3 where id = $1', [
    personId,
    optOut,
    now,
  ]);
}
