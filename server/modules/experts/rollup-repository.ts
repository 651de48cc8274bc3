import type { Queryable } from '../../platform/db/database.js';
import { SKILL_WEIGHT, scoreSql, termSql } from './weights.js';

/**
 * Whose evidence a statement computes: everyone (a full rebuild), or the evidence from their replies (accepted,
 * reacted) of `repliers` and from their threads (hashtags used, specialist threads) of `starters`.
 */
export type Scope = 'everyone' | { repliers: string[]; starters: string[] };
/** Whose scores a statement computes. */
export type People = 'everyone' | { people: string[] };

const REPLIERS = '$1::bigint[]';
const STARTERS = '$2::bigint[]';
const only = (scope: Scope | People, column: string, param = '$1::bigint[]') =>
  scope === 'everyone' ? '' : `and ${column} = any(${param})`;

/**
 * Behaviour → (person, topic, kind of topic, source, community, count, last) in one pass over the posts: each
 * accepted answer, reacted reply and live thread once, then joined to its thread's hashtags and community.
 */
export const evidenceSql = (scope: Scope) => `
  with facts as materialized (
    select r.author_id as person_id, t.id as thread_id, t.community_id, 'accepted_answer' as source,
           coalesce(t.accepted_at, r.created_at) as at
      from threads t join replies r on r.id = t.accepted_reply_id
     where t.deleted_at is null and r.deleted_at is null and r.author_id <> t.author_id
       ${only(scope, 'r.author_id', REPLIERS)}
    union all
    -- A reply "got reactions" when someone other than its author reacted to it.
    select r.author_id, t.id, t.community_id, 'reacted_reply', r.created_at
      from replies r join threads t on t.id = r.thread_id
     where r.deleted_at is null and t.deleted_at is null ${only(scope, 'r.author_id', REPLIERS)}
       and exists (select 1 from reply_reactions rr where rr.reply_id = r.id and rr.person_id <> r.author_id)
    union all
    select t.author_id, t.id, t.community_id, 'thread', t.created_at
      from threads t where t.deleted_at is null ${only(scope, 't.author_id', STARTERS)})
  select f.person_id, h.tag, 'hashtag', case f.source when 'thread' then 'hashtag_use' else f.source end,
         f.community_id, count(*), max(f.at)
    from facts f join thread_hashtags th on th.thread_id = f.thread_id join hashtags h on h.id = th.hashtag_id
   group by 1, 2, 4, 5
  union all
  select f.person_id, lower(c.name), 'community', case f.source when 'thread' then 'specialist_thread' else f.source end,
         f.community_id, count(*), max(f.at)
    from facts f join communities c on c.id = f.community_id
   where f.source <> 'thread' or c.kind = 'specialist'
   group by 1, 2, 4, 5`;

const EVIDENCE_COLUMNS = 'person_id, topic, topic_kind, source, community_id, evidence_count, last_at';
const SCORE_COLUMNS =
  'topic, person_id, accepted_answers, reacted_replies, specialist_threads, hashtag_uses, skill, score';

export async function insertEvidence(db: Queryable, scope: Scope, into = 'expertise_evidence') {
  await db.query(
    `insert into ${into} (${EVIDENCE_COLUMNS}) ${evidenceSql(scope)}`,
    scope === 'everyone' ? [] : [scope.repliers, scope.starters],
  );
}

/**
 * expertise_evidence → expertise_scores: per topic and person, the evidence anyone may read (outside communities
 * or in open ones), one term per source and kind of topic (and community, for a community topic), plus the skill.
 */
export async function insertScores(db: Queryable, scope: People, into = 'expertise_scores') {
  const count = (source: string) => `coalesce(sum(count) filter (where source = '${source}'), 0)`;
  await db.query(
    `insert into ${into} (${SCORE_COLUMNS})
     with terms as (
       select e.topic, e.person_id, e.source, sum(e.evidence_count) as count
         from expertise_evidence e left join communities c on c.id = e.community_id
        where (e.community_id is null or c.visibility = 'open') ${only(scope, 'e.person_id')}
        group by e.topic, e.person_id, e.source, e.topic_kind, case when e.topic_kind = 'community' then e.community_id end),
     per_topic as (
       select topic, person_id, ${count('accepted_answer')} as accepted, ${count('reacted_reply')} as reacted,
              ${count('specialist_thread')} as specialist, ${count('hashtag_use')} as used,
              sum(${termSql('source', 'count')}) as evidence
         from terms group by topic, person_id),
     skills as (
       select distinct lower(s.skill) as topic, p.id as person_id from people p, unnest(p.skills) as s(skill)
        where true ${only(scope, 'p.id')})
     select coalesce(t.topic, s.topic), coalesce(t.person_id, s.person_id), coalesce(t.accepted, 0),
            coalesce(t.reacted, 0), coalesce(t.specialist, 0), coalesce(t.used, 0), s.person_id is not null,
            ${scoreSql(`coalesce(t.evidence, 0) + case when s.person_id is null then 0 else ${SKILL_WEIGHT} end`)}
       from per_topic t full join skills s on s.topic = t.topic and s.person_id = t.person_id`,
    scope === 'everyone' ? [] : [scope.people],
  );
}

/**
 * A full rebuild computes into temporary tables and then writes only the difference: from one day to the next
 * most rows are unchanged, and rewriting millions of index entries is what made a rebuild slow.
 */
export async function rebuildEvidenceAndScores(db: Queryable) {
  await db.query('create temporary table fresh_evidence (like expertise_evidence) on commit drop');
  await insertEvidence(db, 'everyone', 'fresh_evidence');
  await writeDifference(db, 'expertise_evidence', 'fresh_evidence', EVIDENCE_COLUMNS, 'topic, person_id');
  await db.query('create temporary table fresh_scores (like expertise_scores) on commit drop');
  await insertScores(db, 'everyone', 'fresh_scores');
  await writeDifference(db, 'expertise_scores', 'fresh_scores', SCORE_COLUMNS, 'topic, person_id');
}

async function writeDifference(db: Queryable, table: string, fresh: string, columns: string, order: string) {
  // Equal rows on every column; coalesce keeps the join hashable where a column may be null.
  const same = columns
    .split(', ')
    .map((c) => (c === 'community_id' ? `coalesce(f.${c}, 0) = coalesce(t.${c}, 0)` : `f.${c} = t.${c}`))
    .join(' and ');
  await db.query(`analyze ${fresh}`);
  await db.query(`delete from ${table} t where not exists (select 1 from ${fresh} f where ${same})`);
  await db.query(
    `insert into ${table} (${columns}) select ${columns} from ${fresh} f
      where not exists (select 1 from ${table} t where ${same}) order by ${order}`,
  );
}

/**
 * Redoes expertise_topics for `topics` (every topic when 'all'): a public row when expertise_scores has the topic,
 * otherwise one row per closed or secret community its evidence lives in.
 */
export async function refreshTopics(db: Queryable, topics: string[] | 'all') {
  if (topics === 'all') {
    await db.query('delete from expertise_topics');
    await db.query(`insert into expertise_topics (topic, community_id)
                    select distinct topic, null::bigint from expertise_scores`);
    await db.query(
      `insert into expertise_topics (topic, community_id)
       select distinct e.topic, e.community_id from expertise_evidence e
        where e.community_id is not null
          and not exists (select 1 from expertise_scores s where s.topic = e.topic)`,
    );
    return;
  }
  await db.query('delete from expertise_topics where topic = any($1::text[])', [topics]);
  // Probes, not scans: a popular topic has tens of thousands of rows in either table.
  await db.query(
    `insert into expertise_topics (topic, community_id)
     select t, null::bigint from unnest($1::text[]) as t
      where exists (select 1 from expertise_scores s where s.topic = t)`,
    [topics],
  );
  await db.query(
    `insert into expertise_topics (topic, community_id)
     select distinct e.topic, e.community_id from expertise_evidence e
      where e.community_id is not null
        and e.topic = any(array(select t from unnest($1::text[]) as t
                                 where not exists (select 1 from expertise_scores s where s.topic = t)))`,
    [topics],
  );
}
