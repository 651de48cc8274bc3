import type { Queryable } from '../../platform/db/database.js';
import { invalidField } from '../../platform/http/problem.js';
import { findGoalForLink, findThemeForLink } from './link-repository.js';

/** A theme takes contributions while it is open and its end date (if any) has not passed. */
export async function requireLinkableTheme(db: Queryable, themeId: string, now: Date): Promise<string> {
  const theme = await findThemeForLink(db, themeId);
  if (!theme) throw invalidField('themeId', 'is not an existing theme');
  if (theme.state !== 'open') throw invalidField('themeId', 'is a closed theme; it takes no new threads');
  if (theme.ends_at && theme.ends_at.getTime() <= now.getTime()) {
    throw invalidField('themeId', `ended at ${theme.ends_at.toISOString()}; it takes no new threads`);
  }
  return theme.id;
}

/** An archived goal is history: nothing new counts towards it. */
export async function requireLinkableGoal(db: Queryable, goalId: string): Promise<string> {
  const goal = await findGoalForLink(db, goalId);
  if (!goal) throw invalidField('goalId', 'is not an existing goal');
  if (goal.archived_at) throw invalidField('goalId', 'is an archived goal; nothing new counts towards it');
  return goal.id;
}
