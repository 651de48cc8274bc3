import { GOAL_KPIS, type GoalCalendar, type GoalKpi } from '../../../contract/goals.js';
import type { Queryable } from '../../platform/db/database.js';
import { fitsBigint } from '../threads/repository.js';

export type GoalRow = {
  id: string;
  name: string;
  description: string;
  owner_id: string;
  kpi: GoalKpi;
  target: number;
  attainment_target: number;
  calendar: GoalCalendar | null;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
};

export type ScopeCommunityRow = {
  goal_id: string;
  id: string;
  slug: string;
  name: string;
  visibility: 'open' | 'closed' | 'secret';
  member: boolean;
};

// Rows written outside the API with a KPI Plein does not define cannot be measured, so they are not goals here.
const knownKpi = `g.kpi = any('{${GOAL_KPIS.join(',')}}'::text[])`;

export async function findGoal(db: Queryable, id: string): Promise<GoalRow | null> {
  if (!fitsBigint(id)) return null;
  const { rows } = await db.query<GoalRow>(`select g.* from goals g where g.id = $1 and ${knownKpi}`, [id]);
  return rows[0] ?? null;
}

export async function findGoals(db: Queryable, ids: string[]): Promise<GoalRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<GoalRow>(
    `select g.* from goals g where g.id = any($1::bigint[]) and ${knownKpi} order by g.created_at desc, g.id desc`,
    [ids],
  );
  return rows;
}

/** Active goals first, then newest: keyset on (archived, created_at, id) along goals_listing_idx. */
export async function listGoals(
  db: Queryable,
  after: { archived: number; createdAt: string; id: string } | null,
  limit: number,
): Promise<GoalRow[]> {
  const { rows } = await db.query<GoalRow>(
    `select g.* from goals g
      where ${knownKpi}
        and ($1::boolean is null
             or (g.archived_at is not null) > $1::boolean
             or (g.archived_at is not null) = $1::boolean and (g.created_at, g.id) < ($2::timestamptz, $3::bigint))
      order by (g.archived_at is not null), g.created_at desc, g.id desc
      limit $4`,
    [after ? after.archived === 1 : null, after?.createdAt ?? null, after?.id ?? null, limit + 1],
  );
  return rows;
}

export type NewGoal = {
  name: string;
  description: string;
  ownerId: string;
  kpi: GoalKpi;
  target: number;
  attainmentTarget: number;
  calendar: GoalCalendar | null;
};

export async function insertGoal(db: Queryable, goal: NewGoal, now: Date): Promise<GoalRow> {
  const { rows } = await db.query<GoalRow>(
    `insert into goals (name, description, owner_id, kpi, target, attainment_target, calendar, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning *`,
    [
      goal.name,
      goal.description,
      goal.ownerId,
      goal.kpi,
      goal.target,
      goal.attainmentTarget,
      goal.calendar ? JSON.stringify(goal.calendar) : null,
      now,
    ],
  );
  return rows[0]!;
}

export type GoalChanges = {
  name: string;
  description: string;
  target: number;
  attainmentTarget: number;
  calendar: GoalCalendar | null;
  archivedAt: Date | null;
};

export async function updateGoal(db: Queryable, id: string, changes: GoalChanges, now: Date): Promise<void> {
  await db.query(
    `update goals set name = $2, description = $3, target = $4, attainment_target = $5, calendar = $6,
            archived_at = $7, updated_at = $8
      where id = $1`,
    [
      id,
      changes.name,
      changes.description,
      changes.target,
      changes.attainmentTarget,
      changes.calendar ? JSON.stringify(changes.calendar) : null,
      changes.archivedAt,
      now,
    ],
  );
}

/** The goals' scope communities with whether the viewer is a member (the caller hides what they may not see). */
export async function scopeCommunities(
  db: Queryable,
  goalIds: string[],
  viewerId: string,
): Promise<ScopeCommunityRow[]> {
  if (goalIds.length === 0) return [];
  const { rows } = await db.query<ScopeCommunityRow>(
    `select gc.goal_id, c.id, c.slug, c.name, c.visibility,
            exists (select 1 from community_members m where m.community_id = c.id and m.person_id = $2) as member
       from goal_communities gc join communities c on c.id = gc.community_id
      where gc.goal_id = any($1::bigint[])
      order by gc.goal_id, lower(c.name), c.id`,
    [goalIds, viewerId],
  );
  return rows;
}

export async function scopeHashtags(
  db: Queryable,
  goalIds: string[],
): Promise<{ goal_id: string; tag: string; id: string }[]> {
  if (goalIds.length === 0) return [];
  const { rows } = await db.query<{ goal_id: string; tag: string; id: string }>(
    `select gh.goal_id, h.tag, h.id from goal_hashtags gh join hashtags h on h.id = gh.hashtag_id
      where gh.goal_id = any($1::bigint[]) order by gh.goal_id, h.tag`,
    [goalIds],
  );
  return rows;
}

/** Makes the goal's scope exactly these communities and tags (creating tags nobody has used yet). */
export async function replaceScope(
  db: Queryable,
  goalId: string,
  communityIds: string[],
  tags: string[],
  now: Date,
): Promise<{ hashtagIds: string[] }> {
  await db.query(
    'delete from goal_communities where goal_id = $1 and not (community_id = any($2::bigint[]))',
    [goalId, communityIds],
  );
  await db.query(
    `insert into goal_communities (goal_id, community_id) select $1, unnest($2::bigint[]) on conflict do nothing`,
    [goalId, communityIds],
  );
  if (tags.length > 0) {
    await db.query(
      `insert into hashtags (tag, created_at) select distinct t, $2::timestamptz from unnest($1::text[]) t
       on conflict (tag) do nothing`,
      [tags, now],
    );
  }
  const { rows } = await db.query<{ id: string }>('select id from hashtags where tag = any($1::text[])', [
    tags,
  ]);
  const hashtagIds = rows.map((row) => row.id);
  await db.query('delete from goal_hashtags where goal_id = $1 and not (hashtag_id = any($2::bigint[]))', [
    goalId,
    hashtagIds,
  ]);
  await db.query(
    `insert into goal_hashtags (goal_id, hashtag_id) select $1, unnest($2::bigint[]) on conflict do nothing`,
    [goalId, hashtagIds],
  );
  return { hashtagIds };
}

export async function setThreadGoal(db: Queryable, threadId: string, goalId: string | null): Promise<void> {
  await db.query('update threads set goal_id = $2 where id = $1', [threadId, goalId]);
}

/** Communities by slug (case-insensitive) with the viewer's role: one query for a whole scope. */
export async function communitiesBySlugs(
  db: Queryable,
  slugs: string[],
  viewerId: string,
): Promise<
  {
    id: string;
    slug: string;
    name: string;
    visibility: ScopeCommunityRow['visibility'];
    role: 'owner' | 'member' | null;
  }[]
> {
  if (slugs.length === 0) return [];
  const { rows } = await db.query(
    `select c.id, c.slug, c.name, c.visibility, m.role
       from communities c left join community_members m on m.community_id = c.id and m.person_id = $2
      where lower(c.slug) = any(select lower(s) from unnest($1::text[]) s)`,
    [slugs, viewerId],
  );
  return rows;
}
