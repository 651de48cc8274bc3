import type { ThemeFigures, ThemeOutcome, ThemeSummary } from '../../../contract/themes.js';
import { presentSummary } from '../people/present.js';
import type { SummaryRow } from '../people/repository.js';
import type { FigureRow } from './participation-repository.js';
import type { OutcomeRow, ThemeRow } from './repository.js';

const DAY_MS = 86_400_000;

export const isOpenAt = (theme: ThemeRow, now: Date) =>
  theme.state === 'open' && (theme.ends_at === null || theme.ends_at > now);

/** When it closed: by hand, or when its end date passed. */
const closedAt = (theme: ThemeRow, now: Date): Date | null =>
  theme.closed_at ?? (theme.ends_at !== null && theme.ends_at <= now ? theme.ends_at : null);

export function presentFigures(theme: ThemeRow, row: FigureRow | undefined, now: Date): ThemeFigures {
  const first = row?.first_outcome_at ?? null;
  const last = row?.last_outcome_at ?? null;
  return {
    participants: row?.participants ?? 0,
    threads: row?.threads ?? 0,
    replies: row?.replies ?? 0,
    outcomes: row?.outcomes ?? 0,
    loopClosed: first !== null,
    daysSinceLastOutcome: last ? Math.floor((now.getTime() - last.getTime()) / DAY_MS) : null,
    secondsToFirstOutcome: first ? Math.floor((first.getTime() - theme.created_at.getTime()) / 1000) : null,
  };
}

export function presentThemeSummary(
  theme: ThemeRow,
  owner: SummaryRow,
  figures: FigureRow | undefined,
  now: Date,
): ThemeSummary {
  const open = isOpenAt(theme, now);
  return {
    id: theme.id,
    title: theme.title,
    question: theme.question,
    state: open ? 'open' : 'closed',
    owner: presentSummary(owner),
    endsAt: theme.ends_at?.toISOString() ?? null,
    createdAt: theme.created_at.toISOString(),
    closedAt: open ? null : (closedAt(theme, now)?.toISOString() ?? null),
    figures: presentFigures(theme, figures, now),
  };
}

export const presentOutcome = (row: OutcomeRow, author: SummaryRow): ThemeOutcome => ({
  id: row.id,
  themeId: row.theme_id,
  author: presentSummary(author),
  bodyHtml: row.body_html,
  createdAt: row.created_at.toISOString(),
});
