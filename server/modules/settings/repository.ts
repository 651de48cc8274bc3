import type { Queryable } from '../../platform/db/database.js';

export type SettingRow = { key: string; value: unknown };

export async function readSettings(db: Queryable, keys: string[]): Promise<Map<string, unknown>> {
  const { rows } = await db.query<SettingRow>('select key, value from settings where key = any($1::text[])', [
    keys,
  ]);
  return new Map(rows.map((row) => [row.key, row.value]));
}

export async function writeSetting(
  db: Queryable,
  setting: { key: string; value: unknown; updatedBy: string | null },
  now: Date,
): Promise<void> {
  await db.query(
    `insert into settings (key, value, updated_at, updated_by) values ($1, $2, $3, $4)
     on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at,
                                     updated_by = excluded.updated_by`,
    [setting.key, JSON.stringify(setting.value), now, setting.updatedBy],
  );
}
