import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';
import { type SummaryRow, summaryColumns } from '../people/repository.js';
import { SKILL_WEIGHT, weightSql } from './weights.js';

export type EvidenceRow = {
  person_id: string;
  source: string;
  topic: string;
  topic_kind: 'hashtag' | 'community' | 'skill';
  community_slug: string | null;
  community_name: string | null;
  count: number;
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

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

/** People ranked for a topic; keyset on (score, id). */
export async function rankExperts(
  db: Queryable,
  topic: string,
  viewerId: string,
  after: { score: number; id: string } | null,
  limit: number,
): Promise<{ experts: ExpertRow[]; evidence: EvidenceRow[] }> {
  const matches = `(e.topic = $1 or e.topic like $2 or e.topic % $1)`;
  const { rows: experts } = await db.query<ExpertRow>(
    `with evidence as (${readableEvidence(matches, '$3')}),
          scores as (
            select person_id, sum(score) as score from (
              select person_id, ${weightSql('source')} * ln(1 + count) as score from evidence
              union all
              select id, ${SKILL_WEIGHT} from people where plein_lower_array(skills) @> array[$1]) s
            group by person_id)
     select ${summaryColumns('p')}, s.score::float8 as score
       from scores s join people p on p.id = s.person_id
      where p.status = 'active' and ($4::float8 is null or (s.score::float8, p.id) < ($4::float8, $5::bigint))
      order by s.score::float8 desc, p.id desc limit $6`,
    [topic, `%${escapeLike(topic)}%`, viewerId, after?.score ?? null, after?.id ?? null, limit],
  );
  if (experts.length === 0) return { experts, evidence: [] };
  const { rows: evidence } = await db.query<EvidenceRow>(
    `${readableEvidence(`e.person_id = any($4::bigint[]) and ${matches}`, '$3')}
     union all
     select p.id, 'skill', s.skill, 'skill', null, null, 1
       from people p, unnest(p.skills) as s(skill)
      where p.id = any($4::bigint[]) and lower(s.skill) = $1`,
    [topic, `%${escapeLike(topic)}%`, viewerId, experts.map((e) => e.id)],
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
