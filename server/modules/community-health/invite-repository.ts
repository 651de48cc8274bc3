import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';
import { type SummaryRow, summaryColumns } from '../people/repository.js';

/** Points per piece of evidence that someone would join (docs/ANALYTICS.md, "Who to invite"). */
export const INVITE_POINTS = { answers: 3, activeIn: 2, knows: 1, colleague: 1 } as const;
/** Related communities looked at: the closest few by shared members and by shared hashtags each. */
const RELATED = 5;
/**
 * At most this many active people per community, the most recently active first: colleagues are looked for beside
 * this many of its own active members (more than any community below a default threshold has), and this many of
 * each related community's count as active there, so the work stays bounded however large the communities.
 */
const ACTIVE_SAMPLE = 500;
/** Experts read per topic, best first (one range of expertise_scores_rank_idx each). */
const EXPERTS_PER_TOPIC = 50;

export type InviteReasonRow =
  | { kind: 'answers' | 'knows'; topic: string }
  | { kind: 'active_in'; community: { slug: string; name: string } }
  | { kind: 'colleague'; members: number };

export type LikelyJoinerRow = SummaryRow & { score: number; reasons: InviteReasonRow[] };

/**
 * Active people outside the community, ranked by the evidence that they would join, over the 28 days ending `today`:
 * active in a related community the viewer may read (one sharing the most members relative to both sizes, or the
 * most recent threads with the community's hashtags), the best public expertise on one of its topics (answers
 * questions about it, or else knows about it: expertise_scores holds open evidence and skills only), and working
 * with one of its active members (same manager, or manager or report). Closed and secret communities the viewer
 * does not read never count, so their members stay unnamed.
 */
export async function likelyJoiners(
  db: Queryable,
  query: {
    communityId: string;
    viewerId: string;
    today: string;
    hashtags: string[];
    topics: string[];
    limit: number;
  },
): Promise<LikelyJoinerRow[]> {
  const { rows } = await db.query<LikelyJoinerRow>(
    `with sample as (
       select m.person_id from community_members m where m.community_id = $1
        order by m.joined_at desc, m.person_id limit 2000),
     size as (select greatest(member_count, 1) as members from communities where id = $1),
     by_members as (
       select g.id from (
         select o.community_id as id, count(*) as shared from sample s
           join community_members o on o.person_id = s.person_id and o.community_id <> $1
          group by o.community_id) g
         join communities c on c.id = g.id
        where ${readableCommunitySql('g.id', '$2')}
        order by g.shared::float8 / greatest(c.member_count + (select members from size) - g.shared, 1) desc, g.id
        limit ${RELATED}),
     by_hashtags as (
       select g.id from (
         select t.community_id as id, count(*) as threads from hashtags h
          cross join lateral (select th.thread_id from thread_hashtags th where th.hashtag_id = h.id
                               order by th.last_activity_at desc, th.thread_id desc limit 500) recent
           join threads t on t.id = recent.thread_id
          where h.tag = any($4::text[]) and t.community_id <> $1 and t.deleted_at is null
          group by t.community_id) g
        where ${readableCommunitySql('g.id', '$2')}
        order by g.threads desc, g.id limit ${RELATED}),
     related as (
       select c.id, c.slug, c.name from communities c
        where c.id in (select id from by_members union select id from by_hashtags)),
     active_members as materialized (
       select d.person_id from community_active_days d
        where d.community_id = $1 and d.day between $3::date - 27 and $3::date
        group by d.person_id order by max(d.day) desc, d.person_id limit ${ACTIVE_SAMPLE}),
     best_topic as (
       select distinct on (s.person_id) s.person_id, s.topic, s.accepted_answers > 0 as answers
         from unnest($5::text[]) as t(topic)
         cross join lateral (select * from expertise_scores s where s.topic = t.topic
                              order by s.score desc, s.person_id desc limit ${EXPERTS_PER_TOPIC}) s
        order by s.person_id, s.accepted_answers > 0 desc, s.score desc, s.topic),
     works_with as (
       select x.person_id, count(distinct x.member_id)::int as members from (
         select p.id as person_id, a.id as member_id from active_members m join people a on a.id = m.person_id
           join people p on p.manager_id = a.manager_id and p.id <> a.id
         union all
         select a.manager_id, a.id from active_members m join people a on a.id = m.person_id
          where a.manager_id is not null
         union all
         select p.id, a.id from active_members m join people a on a.id = m.person_id
           join people p on p.manager_id = a.id) x
        group by x.person_id),
     evidence as (
       select d.person_id, ${INVITE_POINTS.activeIn} as points, r.name as sort_key,
              json_build_object('kind', 'active_in', 'community', json_build_object('slug', r.slug, 'name', r.name))
                as reason
         from related r
         cross join lateral (select d.person_id from community_active_days d
                              where d.community_id = r.id and d.day between $3::date - 27 and $3::date
                              group by d.person_id order by max(d.day) desc, d.person_id
                              limit ${ACTIVE_SAMPLE}) d
       union all
       select b.person_id, case when b.answers then ${INVITE_POINTS.answers} else ${INVITE_POINTS.knows} end,
              b.topic, json_build_object('kind', case when b.answers then 'answers' else 'knows' end, 'topic', b.topic)
         from best_topic b
       union all
       select w.person_id, ${INVITE_POINTS.colleague}, '',
              json_build_object('kind', 'colleague', 'members', w.members)
         from works_with w),
     scored as (
       select e.person_id, sum(e.points)::int as score,
              json_agg(e.reason order by e.points desc, e.sort_key) as reasons
         from evidence e
        where not exists (select 1 from community_members m where m.community_id = $1 and m.person_id = e.person_id)
        group by e.person_id)
     select ${summaryColumns('p')}, s.score, s.reasons
       from scored s join people p on p.id = s.person_id
      where p.status = 'active'
      order by s.score desc, lower(p.name), p.id
      limit $6`,
    [query.communityId, query.viewerId, query.today, query.hashtags, query.topics, query.limit],
  );
  return rows;
}
