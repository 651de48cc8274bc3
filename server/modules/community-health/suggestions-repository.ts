import type { Queryable } from '../../platform/db/database.js';
import type { Visibility } from '../communities/access.js';

/** The departments most common among the community's active members, most members first. */
export async function memberDepartments(
  db: Queryable,
  communityId: string,
  limit: number,
): Promise<{ department: string; members: number }[]> {
  const { rows } = await db.query<{ department: string; members: number }>(
    `select min(p.department) as department, count(*)::int as members
       from community_members m join people p on p.id = m.person_id
      where m.community_id = $1 and p.status = 'active' and p.department <> ''
      group by lower(p.department)
      order by count(*) desc, lower(p.department)
      limit $2`,
    [communityId, limit],
  );
  return rows;
}

/** The hashtags used most on the community's most recently active threads (a bounded sample, by index). */
export async function topHashtags(db: Queryable, communityId: string, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ tag: string }>(
    `select h.tag
       from (select t.id from threads t
              where t.community_id = $1 and t.deleted_at is null
              order by t.last_activity_at desc, t.id desc limit 500) recent
       join thread_hashtags th on th.thread_id = recent.id
       join hashtags h on h.id = th.hashtag_id
      group by h.tag
      order by count(*) desc, h.tag
      limit $2`,
    [communityId, limit],
  );
  return rows.map((row) => row.tag);
}

// Active people not in the community whose department is one of `$2` (lower-cased) or who list a skill in `$3`
// (lower-cased terms): people_department_idx and the GIN index people_skills_idx find them, OR-ed by bitmap.
const candidatesSql = `
  select p.*, lower(p.department) = any($2::text[]) as by_department,
         plein_lower_array(p.skills) && $3::text[] as by_skill
    from people p
   where p.status = 'active'
     and (lower(p.department) = any($2::text[]) or plein_lower_array(p.skills) && $3::text[])
     and not exists (select 1 from community_members m where m.community_id = $1 and m.person_id = p.id)`;

export type InviteFigures = {
  candidates: number;
  by_department: number;
  by_skill: number;
  departments: { department: string; candidates: number }[];
  skills: { skill: string; candidates: number }[];
};

export async function inviteFigures(
  db: Queryable,
  communityId: string,
  departments: string[],
  terms: string[],
): Promise<InviteFigures> {
  const { rows } = await db.query<InviteFigures>(
    `with candidates as materialized (${candidatesSql})
     select (select count(*)::int from candidates) as candidates,
            (select count(*)::int from candidates where by_department) as by_department,
            (select count(*)::int from candidates where by_skill) as by_skill,
            (select coalesce(json_agg(d order by d.candidates desc, lower(d.department)), '[]')
               from (select min(c.department) as department, count(*)::int as candidates
                       from candidates c where c.by_department group by lower(c.department)) d) as departments,
            (select coalesce(json_agg(s order by s.candidates desc, lower(s.skill)), '[]')
               from (select min(skill) as skill, count(distinct c.id)::int as candidates
                       from candidates c cross join lateral unnest(c.skills) as skill
                      where c.by_skill and lower(skill) = any($3::text[])
                      group by lower(skill)
                      order by count(distinct c.id) desc, lower(skill)
                      limit $4) s) as skills`,
    [communityId, departments, terms, 5],
  );
  return rows[0]!;
}

export type MergeCandidate = {
  id: string;
  slug: string;
  name: string;
  visibility: Visibility;
  kind: 'general' | 'specialist';
  member_count: number;
  name_similarity: number;
  shared_members: number;
};

/**
 * Other communities the viewer may read that are like this one: the closest names (pg_trgm, by the trigram index)
 * and those sharing the most members (from a bounded sample of this community's members), with both figures each.
 */
export async function mergeCandidates(
  db: Queryable,
  community: { id: string; name: string },
  viewerId: string,
  limit: number,
): Promise<MergeCandidate[]> {
  const readable = `(c.visibility = 'open'
    or exists (select 1 from community_members vm where vm.community_id = c.id and vm.person_id = $3))`;
  const { rows } = await db.query<MergeCandidate>(
    `with sample as (
       select m.person_id from community_members m where m.community_id = $1
        order by m.joined_at desc, m.person_id limit 2000),
     by_name as (
       select c.id from communities c
        where lower(c.name) % lower($2) and c.id <> $1 and ${readable}
        order by similarity(lower(c.name), lower($2)) desc, c.id limit $4),
     by_members as (
       select o.community_id as id from sample s
         join community_members o on o.person_id = s.person_id and o.community_id <> $1
         join communities c on c.id = o.community_id
        where ${readable}
        group by o.community_id order by count(*) desc, o.community_id limit $4),
     candidates as (select id from by_name union select id from by_members)
     select c.id, c.slug, c.name, c.visibility, c.kind, c.member_count,
            similarity(lower(c.name), lower($2))::float8 as name_similarity,
            (select count(*)::int from sample s
              where exists (select 1 from community_members o where o.community_id = c.id and o.person_id = s.person_id))
              as shared_members
       from candidates k join communities c on c.id = k.id`,
    [community.id, community.name, viewerId, limit],
  );
  return rows;
}
