import {
  type ContentSweepLine,
  RETENTION_CATEGORIES,
  type RetentionCategory,
} from '../../../contract/privacy.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import type { Job } from '../../platform/jobs/scheduler.js';
import { removeQueuedBytes } from '../attachments/jobs.js';
import { deleteFilesOfThreads } from '../attachments/repository.js';
import { writeAudit } from '../audit/repository.js';
import {
  anonymiseThreads,
  type ContentPolicies,
  countOldThreads,
  deleteThreads,
  insertRetentionPseudonym,
  lockOldThreads,
  lockRetentionPseudonym,
  type OldThreadsLine,
} from './content-retention-repository.js';
import { PSEUDONYM } from './erasure.js';
import { organisationIsDutch, pseudonymise } from './erasure-repository.js';
import {
  allowAuditChanges,
  contentAction,
  countExpired,
  deleteExpired,
  retentionDays,
} from './retention-repository.js';

const DAY_MS = 86_400_000;
type OtherCategory = Exclude<RetentionCategory, 'content'>;

async function periods(deps: Deps, db: Queryable) {
  const now = deps.clock.now();
  const rows = await retentionDays(db);
  const content: ContentPolicies = {
    now,
    orgDays: rows.find((row) => row.category === 'content')?.days ?? null,
    orgAction: await contentAction(db),
  };
  const others = rows
    .filter((row): row is typeof row & { category: OtherCategory } => row.category !== 'content')
    .map((row) => ({ category: row.category, cutoff: new Date(now.getTime() - row.days * DAY_MS) }));
  return { content, others };
}

const zeroCounts = () =>
  Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, 0])) as Record<RetentionCategory, number>;

/** Names each line's community for the admin; secret ones they are not in are summed per action, unnamed. */
async function placeLines(
  db: Queryable,
  viewer: Viewer,
  lines: OldThreadsLine[],
): Promise<ContentSweepLine[]> {
  const ids = lines.flatMap((line) => (line.community_id ? [line.community_id] : []));
  const { rows } = await db.query<{ id: string; slug: string; name: string; seen: boolean }>(
    `select c.id::text, c.slug, c.name,
            c.visibility <> 'secret' or exists (select 1 from community_members m
                                                  where m.community_id = c.id and m.person_id = $2) as seen
       from communities c where c.id = any($1::bigint[])`,
    [ids, viewer.id],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const placed: ContentSweepLine[] = [];
  for (const { community_id, ...counts } of lines) {
    const community = community_id ? byId.get(community_id) : undefined;
    if (!community_id) placed.push({ scope: 'outside', community: null, ...counts });
    else if (community?.seen)
      placed.push({
        scope: 'community',
        community: { slug: community.slug, name: community.name },
        ...counts,
      });
    else {
      const unseen = placed.find((line) => line.scope === 'unseen' && line.action === counts.action);
      if (!unseen) placed.push({ scope: 'unseen', community: null, ...counts });
      else for (const key of ['threads', 'replies', 'files'] as const) unseen[key] += counts[key];
    }
  }
  return placed;
}

/** What the next sweep would do now: per kind, and old threads per community and action; what a legal hold keeps. */
export async function previewRetention(deps: Deps, viewer: Viewer) {
  const db = deps.db.pool;
  const { content, others } = await periods(deps, db);
  const counts = zeroCounts();
  for (const { category, cutoff } of others) counts[category] = await countExpired(db, category, cutoff);
  const old = await countOldThreads(db, content);
  counts.content = old.lines.reduce((sum, line) => sum + line.threads, 0);
  return {
    at: content.now.toISOString(),
    counts,
    content: await placeLines(db, viewer, old.lines),
    heldThreads: old.held,
  };
}

/** The retention pseudonym, made on first use exactly as erasure makes one (erasure-repository's `pseudonymise`). */
async function retentionPseudonym(db: Queryable): Promise<string> {
  const existing = await lockRetentionPseudonym(db);
  if (existing) return existing;
  const name = (await organisationIsDutch(db)) ? PSEUDONYM.nl : PSEUDONYM.en;
  const id = await insertRetentionPseudonym(db, name);
  await pseudonymise(db, id, `former-colleague-${id}`, name);
  return id;
}

/**
 * Deletes or anonymises what each retention period says is too old, except what a legal hold covers; deleted
 * threads' stored files are queued in the transaction and removed after it. Audited when it changes anything.
 */
export async function sweepRetention(deps: Deps) {
  const swept = await inTransaction(deps.db.pool, async (db) => {
    const { content, others } = await periods(deps, db);
    const counts = zeroCounts();
    const removed = { threads: 0, replies: 0, files: 0 };
    const anonymised = { threads: 0, replies: 0 };
    await allowAuditChanges(db);
    for (const { category, cutoff } of others) counts[category] = await deleteExpired(db, category, cutoff);
    const old = await lockOldThreads(db, content);
    if (old.delete.length > 0) {
      removed.files = await deleteFilesOfThreads(db, old.delete, content.now);
      Object.assign(removed, await deleteThreads(db, old.delete));
    }
    if (old.anonymise.length > 0)
      Object.assign(anonymised, await anonymiseThreads(db, old.anonymise, await retentionPseudonym(db)));
    counts.content = removed.threads + anonymised.threads;
    if (Object.values(counts).some((n) => n > 0)) {
      await writeAudit(db, {
        actorId: null,
        action: 'privacy.retention_sweep',
        targetType: 'organisation',
        targetId: '0',
        after: { ...counts, deleted: removed, anonymised },
      });
    }
    return { counts, deleted: removed, anonymised };
  });
  // Storage is no part of the transaction: the bytes go once the rows are gone; the sweep retries what fails here.
  if (swept.deleted.files > 0)
    await removeQueuedBytes(deps).catch((error) =>
      deps.log.warn({ err: error }, 'retained files stay queued for the sweep'),
    );
  return swept;
}

export const retentionJob: Job = {
  name: 'retention-sweep',
  everyMs: 3_600_000,
  run: (deps) => sweepRetention(deps).then(() => {}),
};
