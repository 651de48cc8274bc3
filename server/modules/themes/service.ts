import type { z } from 'zod';
import {
  type CreateTheme,
  THEME_LIMITS,
  type ThemeDetail,
  type ThemeSummary,
  type ThemesQuery,
  type UpdateTheme,
} from '../../../contract/themes.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { forbidden, invalidField, notFound } from '../../platform/http/problem.js';
import { writeAudit } from '../audit/repository.js';
import { summariesByIds } from '../people/repository.js';
import { fitsBigint } from '../threads/repository.js';
import { themeFigures } from './participation-repository.js';
import { mayEditTheme, mayOpenTheme, mayPostOutcome } from './policy.js';
import { isOpenAt, presentOutcome, presentThemeSummary } from './present.js';
import * as themes from './repository.js';

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
type Segment = 'open' | 'closed';

export async function requireTheme(db: Queryable, id: string, lock = false): Promise<themes.ThemeRow> {
  const theme = await themes.findTheme(db, id, lock);
  if (!theme) throw notFound('theme');
  return theme;
}

/** Summaries of themes in the given order: owners and figures in one query each, never one per theme. */
async function summaries(deps: Deps, viewer: Viewer, rows: themes.ThemeRow[]): Promise<ThemeSummary[]> {
  const db = deps.db.pool;
  const now = deps.clock.now();
  const [owners, figures] = await Promise.all([
    summariesByIds(db, [...new Set(rows.map((row) => row.owner_id))]),
    themeFigures(
      db,
      rows.map((row) => row.id),
      viewer.id,
    ),
  ]);
  const figuresById = new Map(figures.map((row) => [row.theme_id, row]));
  return rows.map((row) => presentThemeSummary(row, owners.get(row.owner_id)!, figuresById.get(row.id), now));
}

function keysetOf(cursor: string | undefined, state: 'open' | 'closed' | 'all') {
  const key = decodeCursor(cursor, ['string', 'string', 'string'] as const);
  if (!key) return null;
  const [segment, at, id] = key;
  const fits = segment === 'open' ? state !== 'closed' : segment === 'closed' && state !== 'open';
  if (!fits || !AT.test(at) || !fitsBigint(id))
    throw invalidField('cursor', 'is not a cursor this list gave out');
  return { segment: segment as Segment, at, id };
}

/** Open themes first (newest first), then closed ones; keyset within each part. */
export async function listThemes(deps: Deps, viewer: Viewer, query: z.infer<typeof ThemesQuery>) {
  const db = deps.db.pool;
  const now = deps.clock.now();
  const key = keysetOf(query.cursor, query.state);
  const rows: (themes.ThemePageRow & { segment: Segment })[] = [];
  if (query.state !== 'closed' && (!key || key.segment === 'open')) {
    const open = await themes.listOpenThemes(db, now, key, query.limit + 1);
    rows.push(...open.map((row) => ({ ...row, segment: 'open' as const })));
  }
  if (query.state !== 'open' && rows.length <= query.limit) {
    const after = key?.segment === 'closed' ? key : null;
    const closed = await themes.listClosedThemes(db, now, after, query.limit + 1 - rows.length);
    rows.push(...closed.map((row) => ({ ...row, segment: 'closed' as const })));
  }
  const kept = rows.slice(0, query.limit);
  const last = kept[kept.length - 1];
  return {
    items: await summaries(deps, viewer, kept),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.segment, last.key_at, last.id]) : null,
  };
}

export async function getTheme(deps: Deps, viewer: Viewer, id: string): Promise<ThemeDetail> {
  const db = deps.db.pool;
  const theme = await requireTheme(db, id);
  const [[summary], outcomes, followedByMe] = await Promise.all([
    summaries(deps, viewer, [theme]),
    themes.newestOutcomes(db, theme.id, THEME_LIMITS.outcomesShown),
    themes.followsTheme(db, theme.id, viewer.id),
  ]);
  const authors = await summariesByIds(db, [...new Set(outcomes.map((row) => row.author_id))]);
  return {
    ...summary!,
    why: theme.why,
    outcomes: outcomes.map((row) => presentOutcome(row, authors.get(row.author_id)!)),
    followedByMe,
    canEdit: mayEditTheme(viewer, theme),
    canPostOutcome: mayPostOutcome(viewer, theme),
  };
}

/** An end date must lie ahead: a theme that ends in the past would open closed. */
function futureEndsAt(value: string | null | undefined, now: Date): Date | null {
  if (value === undefined || value === null) return null;
  const at = new Date(value);
  if (at <= now) throw invalidField('endsAt', 'must be in the future');
  return at;
}

/** Leaders open themes they own; an admin may open one for a named leader. */
async function ownerFor(db: Queryable, viewer: Viewer, handle: string | undefined): Promise<string> {
  if (handle === undefined || handle.toLowerCase() === viewer.handle.toLowerCase()) {
    if (!viewer.isLeader && viewer.role !== 'admin')
      throw forbidden('Only leaders and admins may open a theme.');
    return viewer.id;
  }
  if (viewer.role !== 'admin') throw forbidden('Only admins may open a theme on behalf of another leader.');
  const owner = await themes.findActivePerson(db, handle);
  if (!owner) throw invalidField('ownerHandle', 'is not an active person');
  if (!owner.is_leader)
    throw invalidField('ownerHandle', 'must be a leader: only leaders own strategic themes');
  return owner.id;
}

export async function createTheme(deps: Deps, viewer: Viewer, input: CreateTheme): Promise<ThemeDetail> {
  if (!mayOpenTheme(viewer)) throw forbidden('Only leaders and admins may open a theme.');
  const now = deps.clock.now();
  const id = await inTransaction(deps.db.pool, async (tx) => {
    const ownerId = await ownerFor(tx, viewer, input.ownerHandle);
    const endsAt = futureEndsAt(input.endsAt, now);
    const theme = await themes.insertTheme(
      tx,
      { title: input.title, question: input.question, why: input.why, ownerId, endsAt },
      now,
    );
    // The owner hears of what happens in their theme, like an author follows their thread.
    await themes.followTheme(tx, theme.id, ownerId, now);
    return theme.id;
  });
  return getTheme(deps, viewer, id);
}

export async function updateTheme(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateTheme,
): Promise<ThemeDetail> {
  const now = deps.clock.now();
  await inTransaction(deps.db.pool, async (tx) => {
    const theme = await requireTheme(tx, id, true);
    if (!mayEditTheme(viewer, theme))
      throw forbidden('Only the owner of this theme or an admin may change it.');
    const endsAt = input.endsAt === undefined ? theme.ends_at : futureEndsAt(input.endsAt, now);
    const state = input.state ?? theme.state;
    const changes: themes.ThemeChanges = {
      title: input.title ?? theme.title,
      question: input.question ?? theme.question,
      why: input.why ?? theme.why,
      ends_at: endsAt,
      state,
      closed_at: state === 'closed' ? (theme.closed_at ?? now) : null,
    };
    if (input.state === 'open' && !isOpenAt({ ...theme, ...changes }, now)) {
      throw invalidField('endsAt', 'has passed: give a later end date, or none, to reopen this theme');
    }
    await themes.updateTheme(tx, id, changes);
    if (theme.owner_id !== viewer.id) {
      await writeAudit(tx, {
        actorId: viewer.id,
        action: 'theme.update',
        targetType: 'theme',
        targetId: id,
        before: { title: theme.title, state: theme.state, endsAt: theme.ends_at },
        after: { title: changes.title, state: changes.state, endsAt: changes.ends_at },
      });
    }
  });
  return getTheme(deps, viewer, id);
}

export async function followTheme(deps: Deps, viewer: Viewer, id: string, on: boolean): Promise<void> {
  const db = deps.db.pool;
  await requireTheme(db, id);
  if (on) await themes.followTheme(db, id, viewer.id, deps.clock.now());
  else await themes.unfollowTheme(db, id, viewer.id);
}
