import { GOAL_KPIS } from '../../../contract/goals.js';
import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql, type Visibility } from '../communities/access.js';
import { heldAtSql } from '../communities/viability-repository.js';
import { epochMs, type QuestionData, type QuestionRow, toQuestionRow } from '../goals/kpi-repository.js';
import type { GoalRow } from '../goals/repository.js';
import { type Filter, type Period, personWhere } from './filters.js';
import { activeDaysIn, activeDaysWhere } from './rollup-activity.js';

/** Scorecard reads of small tables (themes, goals, communities) and of indexed ranges (questions, active days). */

const endOf = (param: string) => `((${param}::date + 1)::timestamp at time zone 'UTC')`;
const startOf = (param: string) => `(${param}::date::timestamp at time zone 'UTC')`;

export type ThemeRow = {
  id: string;
  title: string;
  state: 'open' | 'closed';
  created_at: Date;
  by_leader: boolean;
  first_outcome_at: Date | null;
  last_outcome_at: Date | null;
};

/** Every theme opened by the end of `to`, with its first and last outcome update by then (themes are few). */
export async function themesUpTo(db: Queryable, to: string): Promise<ThemeRow[]> {
  const { rows } = await db.query<ThemeRow>(
    `select t.id, t.title, t.state, t.created_at, p.is_leader as by_leader, o.first_outcome_at, o.last_outcome_at
       from themes t
       join people p on p.id = t.owner_id
       left join lateral (select min(created_at) as first_outcome_at, max(created_at) as last_outcome_at
                            from theme_outcomes where theme_id = t.id and created_at < ${endOf('$1')}) o on true
      where t.created_at < ${endOf('$1')}
      order by t.created_at, t.id`,
    [to],
  );
  return rows;
}

export type QuestionTotals = {
  questions: number;
  answered: number;
  accepted: number;
  answered_across: number;
  /** Answered by someone the asker had no tie with before asking (knowledge networks, network-figures.ts). */
  answered_by_newcomer: number;
  median_first_minutes: number | null;
  median_first_business_minutes: number | null;
  median_accepted_minutes: number | null;
};

/**
 * Questions asked in one period (roll-up, as of the last refresh): answered (an answer as rollup-answers.ts
 * defines it), accepted, answered by someone of another department, and the median minutes to each. Minutes are
 * float8 (`date_part`): `extract` gives numeric, whose arithmetic on 130,000 rows cost more than the sorts.
 */
export async function questionTotals(db: Queryable, filter: Filter, period: Period): Promise<QuestionTotals> {
  return questionTotalsIn(db, filter, period.from, period.to);
}

async function questionTotalsIn(
  db: Queryable,
  filter: Filter,
  from: string,
  to: string,
): Promise<QuestionTotals> {
  const params: unknown[] = [from, to];
  let where = personWhere('p', filter, params);
  const join = where ? 'join people p on p.id = q.author_id' : '';
  if (filter.communityId !== null) {
    params.push(filter.communityId);
    where += ` and q.community_id = $${params.length}`;
  }
  const { rows } = await db.query<QuestionTotals>(
    `select count(*)::int as questions,
            count(q.first_answer_at)::int as answered,
            count(q.accepted_at)::int as accepted,
            count(*) filter (where q.answered_across)::int as answered_across,
            count(*) filter (where q.answered_by_newcomer)::int as answered_by_newcomer,
            percentile_cont(0.5) within group (order by date_part('epoch', q.first_answer_at - q.created_at) / 60)
              filter (where q.first_answer_at is not null) as median_first_minutes,
            percentile_cont(0.5) within group (order by q.first_answer_business_minutes)
              filter (where q.first_answer_at is not null) as median_first_business_minutes,
            percentile_cont(0.5) within group (order by date_part('epoch', q.accepted_at - q.created_at) / 60)
              filter (where q.accepted_at is not null) as median_accepted_minutes
       from analytics_questions q ${join}
      where q.created_at >= ${startOf('$1')} and q.created_at < ${endOf('$2')} ${where}`,
    params,
  );
  return rows[0]!;
}

export type CommunityRow = {
  id: string;
  slug: string;
  name: string;
  kind: 'general' | 'specialist';
  visibility: Visibility;
  viability_threshold: number;
  active: number;
  sponsor_handle: string | null;
  sponsor_name: string | null;
  sponsor_days: number;
  /** Members now: a listed community of fewer than the minimum shows no figure about them (withhold.ts). */
  members: number;
};

/** Counts over every community that existed by the period's end (secret ones included, as documented), and the
 * two lists the viewer may read. */
export type CommunityFigures = {
  communities: number;
  viable: number;
  sponsored: number;
  /** Sponsored communities whose sponsor took part on at least one day of the period. */
  sponsors_active: number;
  below: CommunityRow[];
  /** Communities below their threshold the viewer may not read: counted, never named. */
  hidden_below: number;
  sponsors: CommunityRow[];
  hidden_sponsors: number;
  /** Communities whose kind or threshold at the period's end differs from its start (counted, never named). */
  threshold_changes: number;
  /** Communities viable by the period's activity judged with the thresholds that held at the period's start. */
  viable_at_start: number;
};

/**
 * Every community's (or the filtered one's) active participants in the 28 days ending the period's last day, and
 * its sponsor's active days during the period, from the roll-up (as of the last refresh: two rows per community,
 * one day each), counted here; only communities created by the period's end count, each judged by the kind and
 * threshold it had at the period's end (community_viability_changes), so a later edit never moves this period's
 * figures; beside that, how many changed during the period and the viable count with the thresholds held at its
 * start (like with like for the comparison with the period before). Listed are the readable ones
 * furthest below their threshold and the readable sponsored ones whose sponsors took part least (ties in the order
 * the communities were made). One row back instead of one per community: parsing 11,000 rows cost the node more
 * than the statement.
 */
export async function communityFigures(
  db: Queryable,
  viewerId: string,
  communityId: string | null,
  period: Period,
  listed: number,
): Promise<CommunityFigures> {
  const params: unknown[] = [viewerId, period.to, period.from, listed];
  let where = '';
  if (communityId !== null) {
    params.push(communityId);
    where = `and c.id = $${params.length}`;
  }
  // Past the horizon nobody is counted and the sponsor's running count stands still: read its last day there. A
  // community without a row that day had no activity by then. The sponsor's days are counted up to `to` less those
  // up to the day before `from`.
  const day = (param: string) => `least(${param}, (select day from horizon))`;
  // The first `listed` by the order, then their sponsors' names (20 probes, not one per community).
  const list = (condition: string, order: string) => `
    coalesce((select json_agg(json_build_object(
                'id', f.id::text, 'slug', f.slug, 'name', f.name, 'kind', f.kind, 'visibility', f.visibility,
                'viability_threshold', f.viability_threshold, 'active', f.active,
                'sponsor_handle', sp.handle, 'sponsor_name', sp.name,
                'sponsor_days', f.sponsor_days,
                'members', f.member_count) order by f.n)
                from (select f.*, row_number() over (order by ${order}, f.id) as n from fig f
                       where f.readable and ${condition} order by ${order}, f.id limit $4) f
                left join people sp on sp.id = f.sponsor_id), '[]')`;
  const { rows } = await db.query<CommunityFigures>(
    `with horizon as (select max(day) as day from analytics_community_active),
     held_end as materialized (${heldAtSql(endOf('$2'))}),
     held_start as materialized (${heldAtSql(startOf('$3'))}),
     fig as materialized (
       select c.id, c.slug, c.name, coalesce(he.kind, c.kind) as kind, c.visibility,
              coalesce(he.threshold, c.viability_threshold) as viability_threshold,
              coalesce(hs.threshold, c.viability_threshold) as start_threshold,
              he.threshold is distinct from hs.threshold or he.kind is distinct from hs.kind as changed,
              c.sponsor_id, c.member_count,
              (c.visibility = 'open' or exists (select 1 from community_members m
                                                 where m.community_id = c.id and m.person_id = $1)) as readable,
              case when cur.day = $2::date then cur.people else 0 end as active,
              coalesce(cur.sponsor_days, 0) - coalesce(prev.sponsor_days, 0) as sponsor_days
         from communities c
         left join held_end he on he.community_id = c.id
         left join held_start hs on hs.community_id = c.id
         left join analytics_community_active cur on cur.day = ${day('$2::date')} and cur.community_id = c.id
         left join analytics_community_active prev on prev.day = ${day('$3::date - 1')} and prev.community_id = c.id
        where c.created_at < ${endOf('$2')} ${where})
     select count(*)::int as communities,
            count(*) filter (where active >= viability_threshold)::int as viable,
            count(sponsor_id)::int as sponsored,
            count(sponsor_id) filter (where sponsor_days > 0)::int as sponsors_active,
            count(*) filter (where active < viability_threshold and not readable)::int as hidden_below,
            count(sponsor_id) filter (where not readable)::int as hidden_sponsors,
            count(*) filter (where changed)::int as threshold_changes,
            count(*) filter (where active >= start_threshold)::int as viable_at_start,
            ${list('f.active < f.viability_threshold', 'f.active::float8 / f.viability_threshold')} as below,
            ${list('f.sponsor_id is not null', 'f.sponsor_days')} as sponsors
       from fig`,
    params,
  );
  return rows[0]!;
}

export type FunnelCounts = {
  by_department: boolean;
  by_location: boolean;
  department: string | null;
  location: string | null;
  provisioned: number;
  activated: number;
  /** Signed in within 7 days of their invitation (else provisioning, else account creation), by the period's end. */
  activated_in_week: number;
  monthly_active: number;
  engaged: number;
  completeness: number | null;
};

/**
 * The funnel of one period per department, per location and in all (both null): active people whose account
 * existed by the end of `to`, activated people (signed in once by then), and of those the monthly active (took part
 * in the 28 days ending `to`) and engaged (on ≥ 10 of them; active days from the roll-up, as of the last refresh) —
 * a numerator is always a subset of its denominator — with the mean profile completeness of activated people.
 * People are read from people_scorecard_idx, not the table.
 */
export async function funnel(db: Queryable, filter: Filter, period: Period): Promise<FunnelCounts[]> {
  const params: unknown[] = [period.to];
  const where = personWhere('p', filter, params);
  const activated = `p.activated_at < ${endOf('$1')}`;
  // Counted per department and location first (a few dozen cells), then summed per grouping set: three hash
  // aggregates over every person cost more than the people scan itself.
  const { rows } = await db.query<FunnelCounts>(
    `with cells as (
       select p.department, p.location, count(*)::int as provisioned,
              count(*) filter (where ${activated})::int as activated,
              count(*) filter (where ${activated} and p.activated_at
                <= coalesce(p.invited_at, p.provisioned_at, p.created_at) + interval '7 days')::int as activated_in_week,
              count(*) filter (where ${activated} and d.current_days > 0)::int as monthly_active,
              count(*) filter (where ${activated} and d.current_days >= 10)::int as engaged,
              sum(p.profile_fields) filter (where ${activated})::int as profile_fields
         from people p
         left join analytics_person_activity a on a.person_id = p.id
         cross join lateral (select ${activeDaysIn('a', '$1::date - 27', '$1::date')} as current_days) d
        where p.status = 'active' and p.created_at < ${endOf('$1')} ${where}
        group by p.department, p.location)
     select grouping(department) = 0 as by_department, grouping(location) = 0 as by_location, department, location,
            sum(provisioned)::int as provisioned, sum(activated)::int as activated,
            sum(activated_in_week)::int as activated_in_week,
            sum(monthly_active)::int as monthly_active, sum(engaged)::int as engaged,
            sum(profile_fields) * 100.0::float8 / 6 / nullif(sum(activated), 0) as completeness
       from cells
      group by grouping sets ((department), (location), ())`,
    params,
  );
  return rows.map((row) => ({
    ...row,
    completeness: row.completeness === null ? null : Number(row.completeness),
  }));
}

/**
 * Activated people who took part in one community in the 28 days ending `to` (narrowed by department and location
 * like the praise they are set against): one range of community_active_days' primary key.
 */
export async function communityMonthlyActive(
  db: Queryable,
  filter: Filter,
  communityId: string,
  to: string,
): Promise<number> {
  const params: unknown[] = [communityId, to];
  const where = personWhere('p', filter, params);
  const { rows } = await db.query<{ n: number }>(
    `select count(distinct d.person_id)::int as n
       from community_active_days d join people p on p.id = d.person_id
      where d.community_id = $1 and d.day between $2::date - 27 and $2::date
        and p.activated_at < ${endOf('$2')} ${where}`,
    params,
  );
  return rows[0]!.n;
}

/**
 * Reach (roll-up, as of the last refresh) and days from activation to first post, for active people: a merge of two
 * covering indexes in id order (people_scorecard_idx, analytics_people_figures_idx).
 */
export async function peopleFigures(
  db: Queryable,
  filter: Filter,
  to: string,
  dunbar: number,
): Promise<{
  counted: number;
  median_reach: number | null;
  above_dunbar: number;
  median_days_to_first: number | null;
}> {
  const params: unknown[] = [to, dunbar];
  const where = personWhere('p', filter, params);
  const { rows } = await db.query(
    `select count(*)::int as counted,
            percentile_cont(0.5) within group (order by ap.reach_90d) as median_reach,
            count(*) filter (where ap.reach_90d > $2)::int as above_dunbar,
            percentile_cont(0.5) within group (
              order by greatest(date_part('epoch', ap.first_contribution_at - p.activated_at), 0) / 86400)
              filter (where ap.first_contribution_at < ${endOf('$1')}) as median_days_to_first
       from people p join analytics_people ap on ap.person_id = p.id
      where p.status = 'active' and p.activated_at < ${endOf('$1')} ${where}`,
    params,
  );
  return rows[0];
}

/**
 * The goals' questions asked in [from, to) that the viewer may read, from the question roll-up (as of the last
 * refresh), as the goal KPIs measure them: one range of analytics_questions_goal_idx per goal, the asker's time
 * zone from people_scorecard_idx, each question's first response one probe of its replies. The goals' own pages
 * read the same questions live.
 */
export async function goalQuestions(
  db: Queryable,
  goalIds: string[],
  from: Date,
  to: Date,
  viewerId: string,
): Promise<QuestionRow[]> {
  if (goalIds.length === 0) return [];
  const { rows } = await db.query<QuestionData>(
    `select q.thread_id as id, q.goal_id, q.author_id, ${epochMs('q.created_at')} as created_ms, p.time_zone,
            ${epochMs('fr.at')} as first_response_ms, null as first_responder_id,
            ${epochMs('q.accepted_at')} as accepted_ms, null as accepted_author_id
       from analytics_questions q join people p on p.id = q.author_id
       -- Goal KPIs measure a first response (any reply by someone else), not the roll-up's answer (more than a +1).
       cross join lateral (select min(r.created_at) as at from replies r
                            where r.thread_id = q.thread_id and r.deleted_at is null
                              and r.author_id <> q.author_id) fr
      where q.goal_id = any($1::bigint[]) and q.created_at >= $2 and q.created_at < $3
        and ${readableCommunitySql('q.community_id', '$4')}`,
    [goalIds, from, to, viewerId],
  );
  return rows.map(toQuestionRow);
}

/** The goals that were live in the period — set by its end, not archived before it began — newest first. */
export async function liveGoals(db: Queryable, period: Period, limit: number): Promise<GoalRow[]> {
  const { rows } = await db.query<GoalRow>(
    `select * from goals
      where created_at < ${endOf('$1')} and (archived_at is null or archived_at >= ${startOf('$4')})
        and kpi = any($3::text[])
      order by created_at desc, id desc limit $2`,
    [period.to, limit, [...GOAL_KPIS], period.from],
  );
  return rows;
}

/** Active people per UTC day of the period (the low-threshold trend; roll-up, as of the last refresh). */
export async function dailyActive(
  db: Queryable,
  filter: Filter,
  from: string,
  to: string,
): Promise<{ day: string; people: number }[]> {
  const params: unknown[] = [from, to];
  const where = activeDaysWhere(filter, params);
  const { rows } = await db.query<{ day: string; people: number }>(
    `select to_char(day, 'YYYY-MM-DD') as day, people
       from analytics_active_days
      where ${where} and day between $1::date and $2::date
      order by day`,
    params,
  );
  return rows;
}

/** The departments and locations active people have, for the filters: a skip scan, one probe per value. */
export async function filterOptions(db: Queryable): Promise<{ departments: string[]; locations: string[] }> {
  const distinct = (column: 'department' | 'location') => `
    array(with recursive v as (
            (select ${column} as value from people where status = 'active' and ${column} > ''
              order by ${column} limit 1)
            union all
            select (select p.${column} from people p where p.status = 'active' and p.${column} > v.value
                     order by p.${column} limit 1)
              from v where v.value is not null)
          select value from v where value is not null order by value)`;
  const { rows } = await db.query<{ departments: string[]; locations: string[] }>(
    `select ${distinct('department')} as departments, ${distinct('location')} as locations`,
  );
  return rows[0]!;
}
