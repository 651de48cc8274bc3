import type { Queryable } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';

/** PLEIN_LANGUAGE → the PostgreSQL text-search configuration that stems it. */
export const SEARCH_CONFIGS = { nl: 'dutch', en: 'english' } as const;

const BATCH = 5_000;
/** One tick re-indexes for at most this long, then leaves the rest to the next tick (or node). */
const TICK_BUDGET_MS = 20_000;

type Progress = { threads: string; replies: string };

async function readSetting<T>(db: Queryable, key: string): Promise<T | null> {
  const { rows } = await db.query<{ value: T }>('select value from settings where key = $1', [key]);
  return rows[0]?.value ?? null;
}

async function writeSetting(db: Queryable, key: string, value: unknown): Promise<void> {
  await db.query(
    `insert into settings (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value,
       updated_at = now()`,
    [key, JSON.stringify(value)],
  );
}

/**
 * Switches the index language: new writes use it at once (the triggers read the setting); existing posts are
 * re-indexed in batches recorded in `searchReindex`, so a restart or another node carries on where it stopped.
 */
export async function setSearchLanguage(
  db: Queryable,
  language: keyof typeof SEARCH_CONFIGS,
): Promise<boolean> {
  const config = SEARCH_CONFIGS[language];
  if ((await readSetting<string>(db, 'searchLanguage')) === config) return false;
  await writeSetting(db, 'searchLanguage', config);
  await writeSetting(db, 'searchReindex', { threads: '0', replies: '0' } satisfies Progress);
  return true;
}

/** Re-indexes pending batches until done or out of time; true when nothing is left. */
export async function reindexPending(db: Queryable, budgetMs = TICK_BUDGET_MS): Promise<boolean> {
  const started = Date.now();
  let progress = await readSetting<Progress>(db, 'searchReindex');
  while (progress) {
    if (Date.now() - started > budgetMs) return false;
    const threads = await reindexBatch(db, 'threads', 'title', progress.threads);
    const replies = await reindexBatch(db, 'replies', "''", progress.replies);
    progress = { threads: threads ?? progress.threads, replies: replies ?? progress.replies };
    if (threads === null && replies === null) {
      await db.query(`delete from settings where key = 'searchReindex'`);
      return true;
    }
    await writeSetting(db, 'searchReindex', progress);
  }
  return true;
}

/** One keyset batch; the last id done, or null when the table is finished. */
async function reindexBatch(db: Queryable, table: 'threads' | 'replies', title: string, after: string) {
  const { rows } = await db.query<{ last: string | null }>(
    `with batch as (select id from ${table} where id > $1 order by id limit ${BATCH}),
          done as (update ${table} x set search_vector = plein_search_vector(plein_search_config(), ${title}, body_md)
                     from batch where x.id = batch.id returning x.id)
     select max(id)::text as last from done`,
    [after],
  );
  return rows[0]?.last ?? null;
}

/** The search-index job: follow PLEIN_LANGUAGE, re-indexing when it changed since the index was built. */
export async function keepSearchIndexInLanguage(deps: Deps): Promise<void> {
  const db = deps.db.pool;
  if (await setSearchLanguage(db, deps.config.language))
    deps.log.info({ language: deps.config.language }, 'search language changed: re-indexing');
  await reindexPending(db);
}
