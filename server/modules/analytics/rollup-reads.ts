import type { Queryable } from '../../platform/db/database.js';
import { type Filter, grainWhere, type Period } from './filters.js';

/** Reads of the grained roll-ups (0008_analytics.sql): each one index range for the filter, never the posts. */

export type ConversationTotals = {
  items: number;
  on_theme: number;
  on_goal: number;
  threads: number;
  top_down: number;
  leader_theme_replies: number;
  replies: number;
  mail_replies: number;
};

/** Conversation totals of one period. */
export async function conversationTotals(
  db: Queryable,
  filter: Filter,
  period: Period,
): Promise<ConversationTotals> {
  const params: unknown[] = [period.from, period.to];
  const { rows } = await db.query<ConversationTotals>(
    `select coalesce(sum(threads + replies), 0)::int as items,
            coalesce(sum(threads + replies) filter (where on_theme), 0)::int as on_theme,
            coalesce(sum(threads + replies) filter (where on_goal), 0)::int as on_goal,
            coalesce(sum(threads), 0)::int as threads,
            coalesce(sum(threads) filter (where origin = 'top_down'), 0)::int as top_down,
            coalesce(sum(replies) filter (where on_theme and by_leader), 0)::int as leader_theme_replies,
            coalesce(sum(replies), 0)::int as replies,
            coalesce(sum(mail_replies), 0)::int as mail_replies
       from analytics_conversation_days
      where ${grainWhere(filter, params)} and day between $1::date and $2::date`,
    params,
  );
  return rows[0]!;
}

/** Weekly threads + replies, goal-linked and other, for `weeks` 7-day weeks ending `to` (oldest first). */
export async function weeklyConversation(
  db: Queryable,
  filter: Filter,
  to: string,
  weeks: number,
): Promise<{ week: number; on_goal: number; other: number; on_theme: number }[]> {
  const params: unknown[] = [to, weeks];
  const { rows } = await db.query<{ week: number; on_goal: number; other: number; on_theme: number }>(
    `select ($2::int - 1 - ($1::date - day) / 7) as week,
            coalesce(sum(threads + replies) filter (where on_goal), 0)::int as on_goal,
            coalesce(sum(threads + replies) filter (where not on_goal), 0)::int as other,
            coalesce(sum(threads + replies) filter (where on_theme), 0)::int as on_theme
       from analytics_conversation_days
      where ${grainWhere(filter, params)} and day between $1::date - ($2::int * 7 - 1) and $1::date
      group by 1`,
    params,
  );
  return rows;
}

/** Threads per calendar month over the whole history up to `to`, and how many a leader started. */
export async function monthlyOrigin(
  db: Queryable,
  filter: Filter,
  to: string,
): Promise<{ month: string; threads: number; top_down: number }[]> {
  const params: unknown[] = [to];
  const { rows } = await db.query<{ month: string; threads: number; top_down: number }>(
    `select to_char(date_trunc('month', day), 'YYYY-MM') as month, sum(threads)::int as threads,
            coalesce(sum(threads) filter (where origin = 'top_down'), 0)::int as top_down
       from analytics_conversation_days
      where ${grainWhere(filter, params)} and day <= $1::date
      group by 1 order by 1`,
    params,
  );
  return rows;
}

export type InteractionTotals = {
  interactions: number;
  cross_department: number;
  cross_location: number;
  cross_time_zone: number;
  cross_hierarchy: number;
};

/** Interactions of one period and the boundaries they crossed. */
export async function interactionTotals(
  db: Queryable,
  filter: Filter,
  period: Period,
): Promise<InteractionTotals> {
  const params: unknown[] = [period.from, period.to];
  const { rows } = await db.query<InteractionTotals>(
    `select coalesce(sum(interactions), 0)::int as interactions,
            coalesce(sum(interactions) filter (where cross_department), 0)::int as cross_department,
            coalesce(sum(interactions) filter (where cross_location), 0)::int as cross_location,
            coalesce(sum(interactions) filter (where cross_time_zone), 0)::int as cross_time_zone,
            coalesce(sum(interactions) filter (where cross_hierarchy), 0)::int as cross_hierarchy
       from analytics_interaction_days
      where ${grainWhere(filter, params)} and day between $1::date and $2::date`,
    params,
  );
  return rows[0]!;
}

/** Weekly interactions and how many crossed a department, for `weeks` weeks ending `to`. */
export async function weeklyInteractions(
  db: Queryable,
  filter: Filter,
  to: string,
  weeks: number,
): Promise<{ week: number; interactions: number; cross_department: number }[]> {
  const params: unknown[] = [to, weeks];
  const { rows } = await db.query<{ week: number; interactions: number; cross_department: number }>(
    `select ($2::int - 1 - ($1::date - day) / 7) as week, sum(interactions)::int as interactions,
            coalesce(sum(interactions) filter (where cross_department), 0)::int as cross_department
       from analytics_interaction_days
      where ${grainWhere(filter, params)} and day between $1::date - ($2::int * 7 - 1) and $1::date
      group by 1`,
    params,
  );
  return rows;
}

/** Interactions from one department (location) to another over the period. */
export async function collaboration(
  db: Queryable,
  filter: Filter,
  from: string,
  to: string,
): Promise<{ axis: 'department' | 'location'; source: string; target: string; interactions: number }[]> {
  const params: unknown[] = [from, to];
  const { rows } = await db.query<{
    axis: 'department' | 'location';
    source: string;
    target: string;
    interactions: number;
  }>(
    `select axis, source, target, sum(interactions)::int as interactions
       from analytics_collaboration_days
      where ${grainWhere(filter, params)} and day between $1::date and $2::date
      group by 1, 2, 3 order by 1, 2, 3`,
    params,
  );
  return rows;
}

export async function refreshedAt(db: Queryable): Promise<Date | null> {
  const { rows } = await db.query<{ at: Date }>(`select at from analytics_state where key = 'refreshed_at'`);
  return rows[0]?.at ?? null;
}
