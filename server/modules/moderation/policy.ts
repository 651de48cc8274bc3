import type { Viewer } from '../../platform/auth/viewer.js';
import { accessFor, type CommunityAccess } from '../communities/access.js';
import type { QueueRow } from './repository.js';

/** The organisation's moderators: admins and community managers (owners moderate their own communities). */
export const isOrganisationModerator = (viewer: Viewer) =>
  viewer.role === 'admin' || viewer.role === 'community_manager';

/** Where a queue item sits, as the viewer stands there; null for a profile or a post outside communities. */
export function placeOf(viewer: Viewer, row: QueueRow): CommunityAccess | null {
  if (!row.community_id || !row.community_slug || !row.community_visibility) return null;
  return accessFor(
    viewer,
    {
      id: row.community_id,
      slug: row.community_slug,
      name: row.community_name ?? '',
      visibility: row.community_visibility,
    },
    row.my_role,
  );
}

/**
 * Whether the viewer may read what a queue item is about: a profile report is for the organisation's moderators;
 * a post only if they could read the post itself — no back door into closed or secret communities.
 */
export function mayReadItem(viewer: Viewer, row: QueueRow): boolean {
  if (row.target_type === 'person') return isOrganisationModerator(viewer);
  const place = placeOf(viewer, row);
  return place ? place.canRead : true;
}

/** Whether the viewer moderates there: the community's owners, or the organisation's moderators who can read it. */
export function mayActOnItem(viewer: Viewer, row: QueueRow): boolean {
  if (!mayReadItem(viewer, row)) return false;
  if (isOrganisationModerator(viewer)) return true;
  return row.target_type !== 'person' && placeOf(viewer, row)?.role === 'owner';
}

/** What the viewer may do with a queue item; warnings and suspensions are the organisation's moderators' alone. */
export function actionsFor(viewer: Viewer, row: QueueRow): string[] {
  if (!mayActOnItem(viewer, row)) return [];
  const people = isOrganisationModerator(viewer) ? ['warn', 'suspend'] : [];
  if (row.kind === 'held') return ['approve', 'remove'];
  if (row.kind === 'appeal') return ['restore', 'dismiss'];
  if (row.target_type === 'person') return ['dismiss', ...people];
  const post = row.post_state === 'removed' ? [] : ['hide', 'remove'];
  if (row.post_state === 'hidden') post.splice(0, 1, 'restore');
  return ['dismiss', ...post, ...people];
}
