import type { z } from 'zod';
import { DEFAULT_SETTINGS, Settings, type UpdateSettings } from '../../../contract/settings.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { writeAudit } from '../audit/repository.js';
import * as repository from './repository.js';

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

/** The organisation's settings; a missing or unreadable value falls back to its default. */
export async function loadSettings(db: Queryable): Promise<Settings> {
  const stored = await repository.readSettings(db, KEYS);
  // Each stored value that still parses replaces its default; the whole object is parsed once more to keep its type.
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of KEYS) {
    const parsed = Settings.shape[key].safeParse(stored.get(key));
    if (parsed.success) settings[key] = parsed.data;
  }
  return Settings.parse(settings);
}

export const getSettings = (deps: Deps) => loadSettings(deps.db.pool);

export async function updateSettings(
  deps: Deps,
  actor: Viewer,
  changes: z.infer<typeof UpdateSettings>,
): Promise<Settings> {
  const now = deps.clock.now();
  return inTransaction(deps.db.pool, async (tx) => {
    const before = await loadSettings(tx);
    const after: Record<string, unknown> = { ...before };
    for (const key of KEYS) {
      const value = changes[key];
      if (value === undefined || value === before[key]) continue;
      after[key] = value;
      await repository.writeSetting(tx, { key, value, updatedBy: actor.id }, now);
    }
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      await writeAudit(tx, {
        actorId: actor.id,
        action: 'settings.update',
        targetType: 'settings',
        targetId: 'organisation',
        before,
        after,
      });
    }
    return Settings.parse(after);
  });
}
