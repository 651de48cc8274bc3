import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { INLINE_IMAGE_TYPES } from '../../../contract/attachments.js';
import type { Deps } from '../../platform/http/deps.js';
import type { Job } from '../../platform/jobs/scheduler.js';
import { newStorageKey } from '../attachments/keys.js';
import { insertAttachment } from '../attachments/repository.js';
import { extractPageFacts } from './extract.js';
import { finishPreview, type PendingPreview, pendingPreviews } from './repository.js';
import { safeFetch } from './safe-fetch.js';

const PAGE = {
  accept: 'text/html,application/xhtml+xml',
  maxBytes: 512 * 1024,
  overLimit: 'truncate',
} as const;
const IMAGE = { accept: 'image/*', maxBytes: 5 * 1024 * 1024, overLimit: 'refuse' } as const;
const LIMITS = { timeoutMs: 5_000, maxRedirects: 3 };

/** Fetches the pages of waiting previews (and their images, stored as attachments of the post). */
export async function processPendingPreviews(deps: Deps, batch = 5): Promise<number> {
  const pending = await pendingPreviews(deps.db.pool, batch);
  for (const preview of pending) {
    try {
      await fetchPreview(deps, preview);
    } catch (error) {
      deps.log.info({ err: error, preview: preview.id }, 'link preview refused or failed');
      await finishPreview(deps.db.pool, preview.id, { status: 'failed' }, deps.clock.now());
    }
  }
  return pending.length;
}

async function fetchPreview(deps: Deps, preview: PendingPreview): Promise<void> {
  const testAddresses = deps.config.linkPreviews.testAddresses;
  const page = await safeFetch(preview.url, { ...PAGE, ...LIMITS, testAddresses });
  if (page.status !== 200 || !/^(text\/html|application\/xhtml\+xml)/i.test(page.contentType)) {
    throw new Error(`no page to preview (${page.status} ${page.contentType})`);
  }
  const facts = extractPageFacts(page.body.toString('utf8'), page.url);
  let imageId: string | null = null;
  if (facts.imageUrl) {
    imageId = await storeImage(deps, preview, facts.imageUrl).catch((error) => {
      deps.log.info({ err: error, preview: preview.id }, 'link preview image refused or failed');
      return null;
    });
  }
  await finishPreview(
    deps.db.pool,
    preview.id,
    {
      status: 'ready',
      title: facts.title,
      description: facts.description,
      siteName: facts.siteName,
      imageId,
    },
    deps.clock.now(),
  );
}

/** The preview's image, fetched through the same guard, as an attachment of the post; the image job strips it. */
async function storeImage(deps: Deps, preview: PendingPreview, url: string): Promise<string | null> {
  const fetched = await safeFetch(url, {
    ...IMAGE,
    ...LIMITS,
    testAddresses: deps.config.linkPreviews.testAddresses,
  });
  if (fetched.status !== 200) return null;
  const type = await fileTypeFromBuffer(fetched.body);
  if (!type || !(INLINE_IMAGE_TYPES as readonly string[]).includes(type.mime)) return null;
  const now = deps.clock.now();
  const storageKey = newStorageKey(now);
  await deps.storage.put(storageKey, Readable.from([fetched.body]), fetched.body.length, type.mime);
  const row = await insertAttachment(
    deps.db.pool,
    {
      ownerId: preview.owner_id,
      purpose: 'preview',
      status: 'pending',
      name: `preview.${type.ext}`,
      contentType: type.mime,
      isImage: true,
      size: fetched.body.length,
      sha256: createHash('sha256').update(fetched.body).digest('hex'),
      storageKey,
      threadId: preview.thread_id,
      replyId: preview.reply_id,
    },
    now,
  );
  return row.id;
}

export const linkPreviewJob: Job = {
  name: 'link-previews',
  everyMs: 2_000,
  run: async (deps) => {
    if (deps.config.linkPreviews.enabled) await processPendingPreviews(deps);
  },
};
