import { EXPORT_MAX_ATTEMPTS, EXPORT_OFFERED_DAYS } from '../../../contract/privacy.js';
import type { Deps } from '../../platform/http/deps.js';
import type { Job } from '../../platform/jobs/scheduler.js';
import { writeAudit } from '../audit/repository.js';
import { ArchiveBuilder, archivePath } from './archive.js';
import { archiveKey } from './export.js';
import {
  type DiscoveryScope,
  discoveryCommunities,
  discoveryFiles,
  discoveryReplies,
  discoveryThreads,
  discoveryVersions,
  personData,
  personFiles,
} from './export-repository.js';
import {
  claimExport,
  type ExportRow,
  expireDue,
  failAbandoned,
  markAttemptFailed,
  markReady,
} from './exports-repository.js';

const DAY_MS = 86_400_000;
/** A build this old whose node stopped answering is taken over by another. */
const STALE_BUILD_MS = 30 * 60_000;
/** The pause after a failed attempt: a minute, then five (storage or the database may be back by then). */
export const retryDelayMs = (attempts: number) => 60_000 * 5 ** (attempts - 1);

/** A person's own data: the JSON document and their files, everything they may read (it is only theirs to download). */
async function buildPerson(deps: Deps, row: ExportRow, archive: ArchiveBuilder) {
  const db = deps.db.pool;
  const subjectId = row.subject_id!;
  const files = await personFiles(db, subjectId);
  archive.addJson('data.json', {
    format: 'plein-export/2',
    generatedAt: deps.clock.now().toISOString(),
    ...(await personData(db, subjectId, subjectId)),
    files: files.map(({ storage_key: _, ...file }) => ({ ...file, path: archivePath(file) })),
  });
  for (const file of files) archive.addStored(deps.storage, file);
}

/** eDiscovery: every thread, reply, earlier version and file in scope, page by page to disk; audited with what it covers. */
async function buildDiscovery(deps: Deps, row: ExportRow, archive: ArchiveBuilder) {
  const db = deps.db.pool;
  const scope: DiscoveryScope = {
    from: row.scope_from!,
    to: row.scope_to!,
    communityId: row.scope_community_id,
    personId: row.scope_person_id,
  };
  const communities = await discoveryCommunities(db, scope);
  const threads = await archive.addJsonArray('threads.json', discoveryThreads(db, scope));
  const replies = await archive.addJsonArray('replies.json', discoveryReplies(db, scope));
  const versions = await archive.addJsonArray('versions.json', discoveryVersions(db, scope));
  let files = 0;
  const listed = archive.addJsonArray(
    'files.json',
    (async function* () {
      for await (const page of discoveryFiles(db, scope)) {
        for (const file of page) archive.addStored(deps.storage, file as never);
        files += page.length;
        yield page.map(({ storage_key: _, ...file }) => ({ ...file, path: archivePath(file as never) }));
      }
    })(),
  );
  await listed;
  const described = {
    from: scope.from.toISOString(),
    to: scope.to.toISOString(),
    community: row.community_slug,
    person: row.person_handle,
  };
  archive.addJson('manifest.json', {
    format: 'plein-ediscovery/2',
    generatedAt: deps.clock.now().toISOString(),
    scope: described,
    communities,
    counts: { threads, replies, versions, files },
  });
  await writeAudit(db, {
    actorId: row.recipient_id,
    action: 'privacy.ediscovery',
    targetType: row.scope_community_id ? 'community' : row.scope_person_id ? 'person' : 'organisation',
    targetId: row.scope_community_id ?? row.scope_person_id ?? '0',
    after: {
      export: row.id,
      ...described,
      communities: communities.map((c) => ({ slug: c.slug, name: c.name, visibility: c.visibility })),
      threads,
      replies,
      versions,
      files,
    },
  });
}

/**
 * Builds one claimed export into a zip in file storage, offered for EXPORT_OFFERED_DAYS. A failed attempt is tried
 * again after a pause, up to EXPORT_MAX_ATTEMPTS in all; then it is failed with the reason its requester reads.
 */
export async function buildExport(deps: Deps, row: ExportRow) {
  const archive = await ArchiveBuilder.start();
  let phase: 'build' | 'storage' = 'build';
  try {
    if (row.kind === 'person') await buildPerson(deps, row, archive);
    else await buildDiscovery(deps, row, archive);
    const key = archiveKey(row.id);
    // Writing the zip reads the stored files and stores the archive: a failure from here on is storage's.
    phase = 'storage';
    const sizeBytes = await archive.storeAs(deps.storage, key);
    const now = deps.clock.now();
    await markReady(deps.db.pool, row.id, {
      storageKey: key,
      sizeBytes,
      now,
      expiresAt: new Date(now.getTime() + EXPORT_OFFERED_DAYS * DAY_MS),
    });
  } catch (error) {
    await archive.discard();
    const now = deps.clock.now();
    const retry = row.attempts < EXPORT_MAX_ATTEMPTS;
    deps.log.error({ err: error, export: row.id, attempt: row.attempts, retry }, 'export failed');
    await markAttemptFailed(deps.db.pool, row.id, {
      error: error instanceof Error ? error.message : String(error),
      reason: phase,
      now,
      retryAt: retry ? new Date(now.getTime() + retryDelayMs(row.attempts)) : null,
    });
  }
}

/** Builds waiting exports one after another, at most `batch` per tick; returns how many. */
export async function runExports(deps: Deps, batch = 5): Promise<number> {
  const now = deps.clock.now();
  await failAbandoned(deps.db.pool, now, new Date(now.getTime() - STALE_BUILD_MS), EXPORT_MAX_ATTEMPTS);
  let built = 0;
  while (built < batch) {
    const now = deps.clock.now();
    const stale = new Date(now.getTime() - STALE_BUILD_MS);
    const row = await claimExport(deps.db.pool, now, stale, EXPORT_MAX_ATTEMPTS);
    if (!row) break;
    await buildExport(deps, row);
    built++;
  }
  return built;
}

/** Deletes archives past their time; their rows stay, marked expired, so the person sees what happened. */
export async function sweepExports(deps: Deps): Promise<number> {
  const keys = await expireDue(deps.db.pool, deps.clock.now());
  for (const key of keys) await deps.storage.delete(key);
  return keys.length;
}

export const exportJobs: Job[] = [
  { name: 'privacy-exports', everyMs: 2_000, run: (deps) => runExports(deps).then(() => {}) },
  { name: 'privacy-exports-sweep', everyMs: 3_600_000, run: (deps) => sweepExports(deps).then(() => {}) },
];
