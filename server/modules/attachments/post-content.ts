import { ATTACHMENT_URL } from '../../../contract/attachments.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Queryable } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { invalidField, Problem } from '../../platform/http/problem.js';
import { linksToPreview } from '../link-previews/links.js';
import { replacePreviewLinks } from '../link-previews/repository.js';
import { loadLimits, megabytes } from './limits.js';
import { attachDrafts, claimAvatar, postBytes } from './repository.js';

const REFERENCE = new RegExp(ATTACHMENT_URL.source.slice(1, -1), 'g');

/** The ids of uploads a Markdown body refers to (images and file links alike). */
export function referencedFileIds(body: string): string[] {
  return [...new Set([...body.matchAll(REFERENCE)].map((match) => match[1]!))];
}

/**
 * Called by threads and replies inside their write: the author's drafts the body refers to become the post's
 * files (refused with 413, and so nothing written, past the limit per post), and its links get previews queued.
 * A `new` post has no earlier links to forget.
 */
export async function afterPostWritten(
  tx: Queryable,
  deps: Deps,
  viewer: Viewer,
  post: { threadId: string; replyId: string | null },
  body: string,
  written: 'new' | 'edited' = 'edited',
): Promise<void> {
  const ids = referencedFileIds(body);
  const now = deps.clock.now();
  if (ids.length > 0 && (await attachDrafts(tx, ids, viewer.id, post, now)) > 0) {
    const limits = await loadLimits(tx);
    if ((await postBytes(tx, post)) > limits.maxPostBytes) {
      throw new Problem(
        413,
        'Content Too Large',
        `The files of one post may be at most ${megabytes(limits.maxPostBytes)} together.`,
      );
    }
  }
  if (deps.config.linkPreviews.enabled) {
    const links = linksToPreview(body);
    if (written === 'edited' || links.length > 0) await replacePreviewLinks(tx, post, links, now);
  }
}

/**
 * A new profile photo that is an upload becomes the profile's attachment (authorised like the profile); it must
 * be an image uploaded by that person, or by the admin setting it for them. 400 otherwise, so nothing is written.
 */
export async function useAsAvatar(
  tx: Queryable,
  avatarUrl: string | null | undefined,
  person: { personId: string; actorId: string },
): Promise<void> {
  const id = avatarUrl ? ATTACHMENT_URL.exec(avatarUrl)?.[1] : undefined;
  if (!id) return;
  if (!(await claimAvatar(tx, id, person.personId, person.actorId))) {
    throw invalidField('avatarUrl', 'must be a picture you uploaded');
  }
}
