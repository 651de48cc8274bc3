import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';
import { type SummaryRow, summaryColumns } from '../people/repository.js';
import { SKILL_WEIGHT, termSql } from './weights.js';

export type EvidenceRow = {
  person_id: string;
  source: string;
  topic: string;
  topic_kind: 'hashtag' | 'community' | 'skill';
  community_slug: string | null;
  community_name: string | null;
  count: number;
};

/**
 * Evidence the viewer may read (outside communities, open ones, or theirs), summed per person, topic and source.
 * Hashtag evidence is summed over communities; community evidence names its community.
 */
const readableEvidence = (where: string, viewer: string) => `
  select e.person_id, e.source, e.topic, e.topic_kind,
         case when e.topic_kind = 'community' then c.slug end as community_slug,
         case when e.topic_kind = 'community' then c.name end as community_name,
         sum(e.evidence_count)::int as count
    from expertise_evidence e left join communities c on c.id = e.community_id
   where ${where} and ${readableCommunitySql('e.community_id', viewer)}
   group by 1, 2, 3, 4, 5, 6`;

export type ExpertRow = SummaryRow & { score: number };

/**
 * People whose public score (expertise_scores) may not be theirs for this viewer, and their exact scores:
 * everyone with evidence on the topics in the viewer's closed and secret communities or in a community whose
 * visibility, name or kind changed since the last refresh, and people whose skills changed. Rescored from
 * expertise_evidence the viewer may read, plus their skills today. $1 topics, $2 viewer.
 */
const rescoredSql = `
  private as materialized (
    select m.community_id as id from community_members m join communities c on c.id = m.community_id
     where m.person_id = $2 and c.visibility <> 'open'
    union select x.id from expertise_changes x where x.subject = 'community'),
  special as materialized (
    select e.person_id from expertise_evidence e
     where e.community_id in (select id from private) and e.topic = any($1::text[])
    union select x.id from expertise_changes x where x.subject = 'person'),
  terms as (
    select e.person_id, e.topic, ${termSql('e.source', 'sum(e.evidence_count)')} as score
      from expertise_evidence e
     where e.person_id in (select person_id from special) and e.topic = any($1::text[])
       and ${readableCommunitySql('e.community_id', '$2')}
     group by e.person_id, e.topic, e.source, e.topic_kind, case when e.topic_kind = 'community' then e.community_id end
    union all
    select p.id, t.topic, ${SKILL_WEIGHT} from people p cross join unnest($1::text[]) as t(topic)
     where p.id in (select person_id from special) and plein_lower_array(p.skills) @> array[t.topic]),
  rescored as (
    select person_id, sum(score)::float8 as score
      from (select person_id, round(sum(score), 9) as score from terms group by person_id, topic) per_topic
     group by person_id)`;

/** After the cursor ($3 score, $4 id) in the order (score desc, id desc). */
const after = (score: string, id: string) =>
  `($3::float8 is null or (${score}, ${id}) < ($3::float8, $4::bigint))`;

/**
 * Everyone else scores their public score: for one topic the first page is one range of expertise_scores_rank_idx;
 * for several (a fuzzy query) their scores per topic are summed.
 */
const publicSql = (topics: number) =>
  topics === 1
    ? `select s.person_id as id, s.score from expertise_scores s join people p on p.id = s.person_id
        where s.topic = ($1::text[])[1] and p.status = 'active'
          and s.person_id not in (select person_id from special)
          and ${after('s.score', 's.person_id')}
        order by s.score desc, s.person_id desc limit $5`
    : `select id, score from (
         select s.person_id as id, sum(s.score::numeric)::float8 as score from expertise_scores s
          where s.topic = any($1::text[]) and s.person_id not in (select person_id from special)
          group by s.person_id) summed
        where ${after('score', 'id')} order by score desc, id desc limit $5`;

/** People ranked for the topics, as this viewer may see them; keyset on (score, id). */
export async function rankExperts(
  db: Queryable,
  topics: string[],
  viewerId: string,
  from: { score: number; id: string } | null,
  limit: number,
): Promise<{ experts: ExpertRow[]; evidence: EvidenceRow[] }> {
  const { rows: experts } = await db.query<ExpertRow>(
    `with ${rescoredSql},
          public as (${publicSql(topics.length)}),
          ranked as (select person_id as id, score from rescored union all select id, score from public)
     select ${summaryColumns('p')}, r.score
       from ranked r join people p on p.id = r.id
      where p.status = 'active' and ${after('r.score', 'r.id')}
      order by r.score desc, r.id desc limit $5`,
    [topics, viewerId, from?.score ?? null, from?.id ?? null, limit],
  );
  if (experts.length === 0) return { experts, evidence: [] };
  const { rows: evidence } = await db.query<EvidenceRow>(
    `${readableEvidence('e.person_id = any($3::bigint[]) and e.topic = any($1::text[])', '$2')}
     union all
     select p.id, 'skill', s.skill, 'skill', null, null, 1
       from people p, unnest(p.skills) as s(skill)
      where p.id = any($3::bigint[]) and lower(s.skill) = any($1::text[])`,
    [topics, viewerId, experts.map((e) => e.id)],
  );
  return { experts, evidence };
}

/** Everything a person is known for that the viewer may read, plus their profile skills. */
export async function evidenceOf(db: Queryable, personId: string, viewerId: string): Promise<EvidenceRow[]> {
  const { rows } = await db.query<EvidenceRow>(
    `${readableEvidence('e.person_id = $1', '$2')}
     union all
     select p.id, 'skill', s.skill, 'skill', null, null, 1
       from people p, unnest(p.skills) as s(skill) where p.id = $1`,
    [personId, viewerId],
  );
  return rows;
}
