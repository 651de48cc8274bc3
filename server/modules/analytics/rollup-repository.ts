import type { Queryable } from '../../platform/db/database.js';
import { fillBusinessMinutes, refreshAnswers } from './rollup-answers.js';

/**
 * The roll-ups behind the scorecard (docs/ANALYTICS.md, "How the figures are kept"). Each function recomputes
 * the days from `fromDay` on out of the posts, replies and reactions created since then; the full rebuild is the
 * same code with the first day of all.
 */

// The grain bitmask of a grouping set: 1 community, 2 department, 4 location (see 0008_analytics.sql).
export const GRAIN = `((1 - grouping(community_id)) + 2 * (1 - grouping(department)) + 4 * (1 - grouping(location)))`;
export const grainSets = (keys: string) =>
  `grouping sets ((day, ${keys}), (community_id, day, ${keys}), (department, day, ${keys}),
                  (location, day, ${keys}), (community_id, department, location, day, ${keys}))`;
/** The first instant of a UTC day. */
export const startOf = (param: string) => `(${param}::date::timestamp at time zone 'UTC')`;
export const dayOf = (column: string) => `(${column} at time zone 'UTC')::date`;

/** Every person's place in the hierarchy: self and the managers above, nearest first; changed rows only. */
export async function refreshHierarchy(db: Queryable): Promise<void> {
  await db.query(`
    with recursive chain as (
      select id as person_id, 0 as depth, array[id] as chain from people where manager_id is null
      union all
      select p.id, c.depth + 1, array[p.id] || c.chain
        from people p join chain c on p.manager_id = c.person_id
       where c.depth < 100)
    insert into analytics_people (person_id, depth, chain)
    select p.id, coalesce(c.depth, 0), coalesce(c.chain, array[p.id])
      from people p left join chain c on c.person_id = p.id
    on conflict (person_id) do update set depth = excluded.depth, chain = excluded.chain
      where analytics_people.depth is distinct from excluded.depth
         or analytics_people.chain is distinct from excluded.chain`);
}

/** Forgets the roll-up days from `fromDay` on, before they are computed again. */
export async function clearDays(db: Queryable, fromDay: string): Promise<void> {
  for (const table of [
    'analytics_conversation_days',
    'analytics_interaction_days',
    'analytics_collaboration_days',
  ]) {
    await db.query(`delete from ${table} where day >= $1::date`, [fromDay]);
  }
}

/** Threads and replies per day since `fromDay`, kept by the writer's department and location. */
export async function insertConversationDays(db: Queryable, fromDay: string): Promise<void> {
  await db.query(
    `with items as (
       select t.community_id, t.author_id as person_id, t.created_at, t.kind, t.origin,
              t.theme_id is not null as on_theme, t.goal_id is not null as on_goal, 1 as threads, 0 as replies,
              0 as mail_replies
         from threads t
        where t.created_at >= ${startOf('$1')} and t.deleted_at is null
       union all
       select t.community_id, r.author_id, r.created_at, t.kind, t.origin,
              t.theme_id is not null, t.goal_id is not null, 0, 1, (r.via = 'mail')::int
         from replies r join threads t on t.id = r.thread_id
        where r.created_at >= ${startOf('$1')} and r.deleted_at is null and t.deleted_at is null),
     facts as (
       select i.community_id, p.department, p.location, ${dayOf('i.created_at')} as day, i.kind, i.origin,
              i.on_theme, i.on_goal, p.is_leader as by_leader, i.threads, i.replies, i.mail_replies
         from items i join people p on p.id = i.person_id)
     insert into analytics_conversation_days
       (grain, community_id, department, location, day, kind, origin, on_theme, on_goal, by_leader, threads, replies,
        mail_replies)
     select ${GRAIN}, community_id, department, location, day, kind, origin, on_theme, on_goal, by_leader,
            sum(threads), sum(replies), sum(mail_replies)
       from facts
      group by ${grainSets('kind, origin, on_theme, on_goal, by_leader')}`,
    [fromDay],
  );
}

/** Interactions between people whose clocks are this many hours or more apart count as across time zones. */
export const TIME_ZONE_GAP_HOURS = 3;

/**
 * Every reply and reaction since `fromDay` to someone else's post, with the boundaries it crosses, into a
 * temporary table the next three steps read (it is dropped at commit).
 */
export async function collectInteractions(db: Queryable, fromDay: string): Promise<void> {
  await db.query('drop table if exists analytics_facts');
  await db.query(
    `create temporary table analytics_facts on commit drop as
     with zones as materialized (select name from pg_timezone_names),
     acts as (
       select t.community_id, r.author_id as actor_id, coalesce(pr.author_id, t.author_id) as target_id, r.created_at
         from replies r
         join threads t on t.id = r.thread_id
         left join replies pr on pr.id = r.parent_id
        where r.created_at >= ${startOf('$1')} and r.deleted_at is null and t.deleted_at is null
       union all
       select t.community_id, x.person_id, t.author_id, x.created_at
         from thread_reactions x join threads t on t.id = x.thread_id
        where x.created_at >= ${startOf('$1')} and t.deleted_at is null
       union all
       select t.community_id, x.person_id, r.author_id, x.created_at
         from reply_reactions x join replies r on r.id = x.reply_id join threads t on t.id = r.thread_id
        where x.created_at >= ${startOf('$1')} and r.deleted_at is null and t.deleted_at is null)
     select a.community_id, a.actor_id, a.target_id, a.created_at as at, ${dayOf('a.created_at')} as day,
            ap.department, ap.location, tp.department as target_department, tp.location as target_location,
            ap.department <> tp.department as cross_department,
            ap.location <> tp.location as cross_location,
            -- Clocks ${TIME_ZONE_GAP_HOURS} hours or more apart at the moment (Amsterdam and Brussels never are);
            -- a zone PostgreSQL does not know falls back to comparing names.
            case when az.name is not null and tz.name is not null
              then abs(date_part('epoch', (a.created_at at time zone ap.time_zone)
                                          - (a.created_at at time zone tp.time_zone))) >= ${TIME_ZONE_GAP_HOURS * 3600}
              else ap.time_zone <> tp.time_zone end as cross_time_zone,
            -- Two or more levels apart, in another tree, or under another level-2 manager (chain[depth] is the
            -- person's ancestor one level below the top) crosses the hierarchy; team peers and a manager with
            -- their reports do not.
            (abs(ah.depth - th.depth) >= 2
              or ah.chain[array_length(ah.chain, 1)] <> th.chain[array_length(th.chain, 1)]
              or (ah.depth >= 1 and th.depth >= 1 and ah.chain[ah.depth] <> th.chain[th.depth]))
              as cross_hierarchy
       from acts a
       join people ap on ap.id = a.actor_id
       join people tp on tp.id = a.target_id
       join analytics_people ah on ah.person_id = ap.id
       join analytics_people th on th.person_id = tp.id
       left join zones az on az.name = ap.time_zone
       left join zones tz on tz.name = tp.time_zone
      where a.actor_id <> a.target_id`,
    [fromDay],
  );
}

export async function insertInteractionDays(db: Queryable): Promise<void> {
  await db.query(
    `insert into analytics_interaction_days (grain, community_id, department, location, day, cross_department,
                                             cross_location, cross_time_zone, cross_hierarchy, interactions)
     select ${GRAIN}, community_id, department, location, day, cross_department, cross_location, cross_time_zone,
            cross_hierarchy, count(*)
       from analytics_facts
      group by ${grainSets('cross_department, cross_location, cross_time_zone, cross_hierarchy')}`,
  );
  await db.query(
    `with cells as (
       select community_id, department, location, day, 'department' as axis, department as source,
              target_department as target from analytics_facts
       union all
       select community_id, department, location, day, 'location', location, target_location from analytics_facts)
     insert into analytics_collaboration_days
       (grain, community_id, department, location, day, axis, source, target, interactions)
     select ${GRAIN}, community_id, department, location, day, axis, source, target, count(*)
       from cells
      group by ${grainSets('axis, source, target')}`,
  );
}

/** Reach counts colleagues of the last 90 days, so pairs older than that are neither written nor kept. */
export const REACH_DAYS = 90;

/**
 * Who interacted with whom in the 90 days ending `today`, keeping the latest day; then forgets pairs that aged
 * out. A pair is kept once, the lower id first (half the rows of both directions); in key order, so a full
 * rebuild, which empties the table first, fills its primary key in sequence.
 */
export async function upsertPairs(db: Queryable, today: string): Promise<void> {
  await db.query(
    `insert into analytics_pairs (person_id, other_id, last_day)
     select least(actor_id, target_id), greatest(actor_id, target_id), max(day) from analytics_facts
      where day > $1::date - ${REACH_DAYS}
      group by 1, 2 order by 1, 2
     on conflict (person_id, other_id) do update set last_day = greatest(analytics_pairs.last_day, excluded.last_day)`,
    [today],
  );
  await db.query(`delete from analytics_pairs where last_day <= $1::date - ${REACH_DAYS}`, [today]);
}

/** Each person's earliest live post or reply, lowered by what was written since `fromDay`. */
export async function updateFirstContributions(db: Queryable, fromDay: string): Promise<void> {
  await db.query(
    `update analytics_people ap set first_contribution_at = f.at
       from (select person_id, min(at) as at from (
               select author_id as person_id, created_at as at from threads
                where created_at >= ${startOf('$1')} and deleted_at is null
               union all
               select author_id, created_at from replies
                where created_at >= ${startOf('$1')} and deleted_at is null) written
             group by person_id) f
      where ap.person_id = f.person_id and (ap.first_contribution_at is null or f.at < ap.first_contribution_at)`,
    [fromDay],
  );
}

/**
 * Reach: distinct colleagues interacted with in the 90 days ending `today`. `onlyTouched` recounts just the people
 * in this refresh's interactions (the rest keep the count of this same day).
 */
export async function countReach(db: Queryable, today: string, onlyTouched: boolean): Promise<void> {
  const touched = onlyTouched
    ? `and ap.person_id in (select actor_id from analytics_facts union select target_id from analytics_facts)`
    : '';
  await db.query(
    `update analytics_people ap set reach_90d = c.n
       from analytics_people a2
       left join lateral (select (select count(*) from analytics_pairs x
                                   where x.person_id = a2.person_id and x.last_day > $1::date - ${REACH_DAYS})
                               + (select count(*) from analytics_pairs x
                                   where x.other_id = a2.person_id and x.last_day > $1::date - ${REACH_DAYS})
                                 as n) c on true
      where ap.person_id = a2.person_id and ap.reach_90d is distinct from c.n ${touched}`,
    [today],
  );
}

/**
 * Recomputes the questions touched since `fromDay` (asked, replied to or accepted since then): their rows are
 * deleted, then written again for those still live, with the first live reply by someone other than the asker and
 * whether any such reply crosses departments. Older deletions, unaccepting and department moves wait for a rebuild.
 */
export async function refreshQuestions(db: Queryable, fromDay: string): Promise<void> {
  await db.query('drop table if exists analytics_touched');
  // Threads replied to are kept whatever their kind: checking it by key below is cheaper than joining here.
  await db.query(
    `create temporary table analytics_touched on commit drop as
     select id from threads where created_at >= ${startOf('$1')} and kind = 'question'
     union
     select thread_id from replies where created_at >= ${startOf('$1')}
     union
     select id from threads where accepted_at >= ${startOf('$1')} and kind = 'question'`,
    [fromDay],
  );
  // Its true size lets the planner read a tick's replies by index and a rebuild's in one scan.
  await db.query('analyze analytics_touched');
  await db.query('delete from analytics_questions q using analytics_touched x where q.thread_id = x.id');
  // A question's first answer and whether one came from another department follow from its answers.
  await refreshAnswers(db);
  await db.query(
    `insert into analytics_questions
       (thread_id, community_id, author_id, goal_id, created_at, first_answer_at, answered_across, accepted_at)
     select t.id, t.community_id, t.author_id, t.goal_id, t.created_at, min(a.created_at),
            coalesce(bool_or(a.across), false), t.accepted_at
       from threads t
       left join analytics_answers a on a.thread_id = t.id
      where t.id in (select id from analytics_touched) and t.kind = 'question' and t.deleted_at is null
      group by t.id
      -- In created_at order, so a full rebuild lays a period's rows side by side.
      order by t.created_at`,
  );
  await fillBusinessMinutes(db);
}

/** Empties every roll-up (before a full rebuild). */
export async function clearAll(db: Queryable): Promise<void> {
  await db.query(
    `truncate analytics_conversation_days, analytics_interaction_days, analytics_collaboration_days, analytics_pairs,
              analytics_questions, analytics_answers, analytics_person_activity, analytics_active_days,
              analytics_community_active, analytics_ladder_days`,
  );
  await db.query('update analytics_people set first_contribution_at = null, reach_90d = 0');
}

export async function readState(db: Queryable, key: string): Promise<Date | null> {
  const { rows } = await db.query<{ at: Date }>('select at from analytics_state where key = $1', [key]);
  return rows[0]?.at ?? null;
}

export async function writeState(db: Queryable, key: string, at: Date): Promise<void> {
  await db.query(
    `insert into analytics_state (key, at) values ($1, $2) on conflict (key) do update set at = excluded.at`,
    [key, at],
  );
}
