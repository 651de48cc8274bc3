import type { Viewer } from '../../platform/auth/viewer.js';
import type { Deps } from '../../platform/http/deps.js';
import { loadReadableThread } from '../threads/policy.js';
import * as follows from './repository.js';

/** Following a thread means hearing of its replies; only a reader may follow (or stop following) it. */
export async function followThread(deps: Deps, viewer: Viewer, threadId: string, on: boolean): Promise<void> {
  const db = deps.db.pool;
  await loadReadableThread(db, viewer, threadId);
  if (on) await follows.followThread(db, threadId, viewer.id, deps.clock.now());
  else await follows.unfollowThread(db, threadId, viewer.id);
}

/** A tag may be followed before anyone uses it; the feed then shows its threads as they come. */
export async function followHashtag(deps: Deps, viewer: Viewer, tag: string, on: boolean): Promise<void> {
  const db = deps.db.pool;
  if (on) {
    const id = await follows.ensureHashtag(db, tag, deps.clock.now());
    await follows.followHashtag(db, id, viewer.id, deps.clock.now());
    return;
  }
  const id = await follows.findHashtagId(db, tag);
  if (id) await follows.unfollowHashtag(db, id, viewer.id);
}

export async function getHashtag(deps: Deps, viewer: Viewer, tag: string) {
  const id = await follows.findHashtagId(deps.db.pool, tag);
  return { tag, followedByMe: id ? await follows.followsHashtag(deps.db.pool, id, viewer.id) : false };
}
