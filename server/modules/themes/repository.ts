import type { Queryable } from '../../platform/db/database.js';
import { fitsBigint } from '../threads/repository.js';

export type ThemeRow = {
  id: string;
  title: string;
  question: string;
  why: string;
  owner_id: string;
  state: 'open' | 'closed';
  ends_at: Date | null;
  created_at: Date;
  closed_at: Date | null;
};

/** A position in a list ordered newest first: the microsecond-exact time as text, and the id that breaks ties. */
export type Keyset = { at: string; id: string };
export type ThemePageRow = ThemeRow & { key_at: string };

const keyText = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
// The start of every list: later than any time, higher than any id.
const START: Keyset = { at: 'infinity', id: '9223372036854775807' };

/** True when the theme counts as open at $now: not closed by hand, and its end date (if any) still ahead. */
export const openAtSql = (alias: string, nowParam: string) =>
  `(${alias}.state = 'open' and (${alias}.ends_at is null or ${alias}.ends_at > ${nowParam}))`;

export async function findTheme(db: Queryable, id: string, lock = false): Promise<ThemeRow | null> {
  if (!fitsBigint(id)) return null;
  const { rows } = await db.query<ThemeRow>(
    `select * from themes where id = $1${lock ? ' for update' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export type NewTheme = { title: string; question: string; why: string; ownerId: string; endsAt: Date | null };

export async function insertTheme(db: Queryable, theme: NewTheme, now: Date): Promise<ThemeRow> {
  const { rows } = await db.query<ThemeRow>(
    `insert into themes (title, question, why, owner_id, ends_at, created_at)
     values ($1, $2, $3, $4, $5, $6) returning *`,
    [theme.title, theme.question, theme.why, theme.ownerId, theme.endsAt, now],
  );
  return rows[0]!;
}

export type ThemeChanges = Pick<ThemeRow, 'title' | 'question' | 'why' | 'ends_at' | 'state' | 'closed_at'>;

export async function updateTheme(db: Queryable, id: string, changes: ThemeChanges): Promise<void> {
  await db.query(
    `update themes set title = $2, question = $3, why = $4, ends_at = $5, state = $6, closed_at = $7
      where id = $1`,
    [id, changes.title, changes.question, changes.why, changes.ends_at, changes.state, changes.closed_at],
  );
}

/** Open themes, newest first (themes_open_idx); the end-date check filters the few that ran out. */
export async function listOpenThemes(
  db: Queryable,
  now: Date,
  after: Keyset | null,
  limit: number,
): Promise<ThemePageRow[]> {
  const key = after ?? START;
  const { rows } = await db.query<ThemePageRow>(
    `select th.*, ${keyText('th.created_at')} as key_at from themes th
      where th.state = 'open' and (th.ends_at is null or th.ends_at > $1)
        and (th.created_at, th.id) < ($2::timestamptz, $3::bigint)
      order by th.created_at desc, th.id desc limit $4`,
    [now, key.at, key.id, limit],
  );
  return rows;
}

/** Closed themes (by hand or by end date), newest first (themes_created_idx). */
export async function listClosedThemes(
  db: Queryable,
  now: Date,
  after: Keyset | null,
  limit: number,
): Promise<ThemePageRow[]> {
  const key = after ?? START;
  const { rows } = await db.query<ThemePageRow>(
    `select th.*, ${keyText('th.created_at')} as key_at from themes th
      where not ${openAtSql('th', '$1')}
        and (th.created_at, th.id) < ($2::timestamptz, $3::bigint)
      order by th.created_at desc, th.id desc limit $4`,
    [now, key.at, key.id, limit],
  );
  return rows;
}

export type OutcomeRow = {
  id: string;
  theme_id: string;
  author_id: string;
  body_md: string;
  body_html: string;
  created_at: Date;
};

export async function insertOutcome(
  db: Queryable,
  outcome: { themeId: string; authorId: string; bodyMd: string; bodyHtml: string },
  now: Date,
): Promise<OutcomeRow> {
  const { rows } = await db.query<OutcomeRow>(
    `insert into theme_outcomes (theme_id, author_id, body_md, body_html, created_at)
     values ($1, $2, $3, $4, $5) returning *`,
    [outcome.themeId, outcome.authorId, outcome.bodyMd, outcome.bodyHtml, now],
  );
  return rows[0]!;
}

/** The newest outcome updates of a theme (theme_outcomes_theme_idx, read backwards). */
export async function newestOutcomes(db: Queryable, themeId: string, limit: number): Promise<OutcomeRow[]> {
  const { rows } = await db.query<OutcomeRow>(
    `select * from theme_outcomes where theme_id = $1 order by created_at desc, id desc limit $2`,
    [themeId, limit],
  );
  return rows;
}

export async function followTheme(db: Queryable, themeId: string, personId: string, now: Date) {
  await db.query(
    'insert into theme_follows (person_id, theme_id, created_at) values ($1, $2, $3) on conflict do nothing',
    [personId, themeId, now],
  );
}

export async function unfollowTheme(db: Queryable, themeId: string, personId: string) {
  await db.query('delete from theme_follows where person_id = $1 and theme_id = $2', [personId, themeId]);
}

export async function followsTheme(db: Queryable, themeId: string, personId: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from theme_follows where person_id = $1 and theme_id = $2', [
    personId,
    themeId,
  ]);
  return rows.length > 0;
}

/** An active person by handle, and whether they are a leader (only leaders may own a theme). */
export async function findActivePerson(
  db: Queryable,
  handle: string,
): Promise<{ id: string; is_leader: boolean } | null> {
  const { rows } = await db.query<{ id: string; is_leader: boolean }>(
    `select id, is_leader from people where lower(handle) = lower($1) and status = 'active'`,
    [handle],
  );
  return rows[0] ?? null;
}
