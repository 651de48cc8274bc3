import type { Viewer } from '../../platform/auth/viewer.js';
import type { Queryable } from '../../platform/db/database.js';
import { notFound } from '../../platform/http/problem.js';
import { loadReadableThread } from '../threads/policy.js';
import { type AttachmentAccessRow, findAttachment } from './repository.js';

/**
 * A file is authorised exactly like what it belongs to: a post's file like the post (404 in a secret community,
 * 403 in a closed one, 404 once the post or reply is removed), a profile photo like a profile (every signed-in
 * person), a draft only for its uploader. A rejected file exists for nobody but its uploader.
 */
export async function requireFileAccess(
  db: Queryable,
  viewer: Viewer,
  id: string,
): Promise<AttachmentAccessRow> {
  const file = await findAttachment(db, id);
  if (!file) throw notFound('file');
  if (file.thread_id) {
    await loadReadableThread(db, viewer, file.thread_id, 'file');
    if (file.thread_deleted_at || file.reply_deleted_at) throw notFound('file');
  } else if (!file.person_id && file.owner_id !== viewer.id) {
    throw notFound('file');
  }
  if (file.status === 'rejected' && file.owner_id !== viewer.id) throw notFound('file');
  return file;
}
