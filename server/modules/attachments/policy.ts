import type { Viewer } from '../../platform/auth/viewer.js';
import type { Queryable } from '../../platform/db/database.js';
import { forbidden, notFound } from '../../platform/http/problem.js';
import { accessFor } from '../communities/access.js';
import { findFileAccess } from './access-batch.js';
import type { AttachmentAccessRow } from './repository.js';

/**
 * A file is authorised exactly like what it belongs to: a post's file like the post (404 in a secret community,
 * 403 in a closed one, 404 once the post or reply is removed), a profile photo like a profile (every signed-in
 * person), a draft only for its uploader. A rejected file exists for nobody but its uploader. The file, its post
 * and the viewer's standing come in one statement, shared with the reader's other files asked for at the same
 * time (access-batch.ts); the community rule is `accessFor`, as for the thread itself.
 */
export async function requireFileAccess(
  db: Queryable,
  viewer: Viewer,
  id: string,
): Promise<AttachmentAccessRow> {
  const file = await findFileAccess(db, id, viewer.id);
  if (!file) throw notFound('file');
  if (file.thread_id) {
    if (file.community_id) {
      const community = accessFor(
        viewer,
        {
          id: file.community_id,
          slug: file.community_slug!,
          name: file.community_name!,
          visibility: file.community_visibility!,
        },
        file.my_role,
      );
      if (!community.canSee) throw notFound('file');
      if (!community.canRead) {
        throw forbidden('This file is in a closed community: only its members can read it. Ask to join.');
      }
    }
    if (file.thread_deleted_at || file.reply_deleted_at) throw notFound('file');
  } else if (!file.person_id && file.owner_id !== viewer.id) {
    throw notFound('file');
  }
  if (file.status === 'rejected' && file.owner_id !== viewer.id) throw notFound('file');
  return file;
}
