import { rm } from 'node:fs/promises';
import type { Deps } from '../../platform/http/deps.js';
import type { Job } from '../../platform/jobs/scheduler.js';
import { download, processImage } from './images.js';
import { variantKey } from './keys.js';
import * as files from './repository.js';
import { scanFile } from './scan.js';

/** Drafts nobody attached are swept after this long. */
export const DRAFT_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * Takes held uploads through the scan hook (when one is configured) and, for images, the rewrite without metadata
 * and the two sizes. A scanner that cannot tell leaves the file held for the next tick.
 */
export async function processPendingFiles(deps: Deps, batch = 10): Promise<number> {
  const pending = await files.pendingAttachments(deps.db.pool, batch);
  for (const file of pending) {
    if (deps.config.scan.kind !== 'off') {
      const path = await download(deps.storage, file.storage_key);
      const verdict = await scanFile(deps.config.scan, path).finally(() => rm(path, { force: true }));
      if (verdict === 'unknown') {
        deps.log.warn({ attachment: file.id }, 'virus scan gave no answer; the file stays held');
        continue;
      }
      if (verdict === 'infected') {
        await files.markProcessed(deps.db.pool, file.id, { status: 'rejected', reason: 'infected' });
        await deps.storage.delete(file.storage_key);
        continue;
      }
    }
    if (!file.is_image) {
      await files.markProcessed(deps.db.pool, file.id, { status: 'ready' });
      continue;
    }
    try {
      const size = await processImage(deps.storage, file);
      await files.markProcessed(deps.db.pool, file.id, { status: 'ready', ...size, variants: true });
    } catch (error) {
      deps.log.warn({ err: error, attachment: file.id }, 'image could not be processed');
      await files.markProcessed(deps.db.pool, file.id, { status: 'rejected', reason: 'unreadable image' });
    }
  }
  return pending.length;
}

/** Removes drafts older than a day and replaced profile photos, with their stored bytes. */
export async function sweepUnusedFiles(deps: Deps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - DRAFT_LIFETIME_MS);
  const removed = await files.deleteUnused(deps.db.pool, before, 500);
  for (const file of removed) {
    await deps.storage.delete(file.storage_key);
    if (file.has_variants) {
      await deps.storage.delete(variantKey(file.storage_key, 'web'));
      await deps.storage.delete(variantKey(file.storage_key, 'thumb'));
    }
  }
  return removed.length;
}

/**
 * Removes the stored bytes queued for deletion (a person's erasure), then forgets them; a key storage failed to
 * remove stays queued for the next sweep. Both storage adapters treat a missing object as removed.
 */
export async function removeQueuedBytes(deps: Deps, batch = 500): Promise<number> {
  let removed = 0;
  for (;;) {
    const keys = await files.queuedStorageDeletions(deps.db.pool, batch);
    if (keys.length === 0) return removed;
    const done: string[] = [];
    for (const key of keys) {
      try {
        await deps.storage.delete(key);
        done.push(key);
      } catch (error) {
        deps.log.warn({ err: error, key }, 'stored file could not be removed; it stays queued');
      }
    }
    await files.forgetStorageDeletions(deps.db.pool, done);
    removed += done.length;
    // Whatever failed comes back first: stop rather than retry it in a loop.
    if (done.length < keys.length) return removed;
  }
}

export const attachmentJobs: Job[] = [
  {
    name: 'attachments-process',
    everyMs: 1_000,
    run: (deps) => processPendingFiles(deps).then(() => undefined),
  },
  {
    name: 'attachments-sweep',
    everyMs: 15 * 60_000,
    run: async (deps) => {
      await sweepUnusedFiles(deps);
      await removeQueuedBytes(deps);
    },
  },
];
