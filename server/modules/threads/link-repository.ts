import type { Queryable } from '../../platform/db/database.js';
import { fitsBigint } from './repository.js';

export type ThemeForLink = { id: string; state: 'open' | 'closed'; ends_at: Date | null };
export type GoalForLink = { id: string; archived_at: Date | null };

export async function findThemeForLink(db: Queryable, id: string): Promise<ThemeForLink | null> {
  if (!fitsBigint(id)) return null;
  const { rows } = await db.query<ThemeForLink>('select id, state, ends_at from themes where id = $1', [id]);
  return rows[0] ?? null;
}

export async function findGoalForLink(db: Queryable, id: string): Promise<GoalForLink | null> {
  if (!fitsBigint(id)) return null;
  const { rows } = await db.query<GoalForLink>('select id, archived_at from goals where id = $1', [id]);
  return rows[0] ?? null;
}
