import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';
import { keyText } from './keyset.js';

export type UnansweredRow = { id: string; key_at: string };

/**
 * Questions nobody but the asker has answered, oldest first, in communities the viewer may read (and personal
 * ones); one range of threads_unanswered_idx, or threads_community_unanswered_idx for one community.
 */
export async function unansweredPage(
  db: Queryable,
  viewerId: string,
  communityId: string | null,
  after: { at: string; id: string } | null,
  limit: number,
): Promise<UnansweredRow[]> {
  const { rows } = await db.query<UnansweredRow>(
    `select t.id, ${keyText('t.created_at')} as key_at from threads t
      where t.kind = 'question' and t.first_reply_at is null and t.deleted_at is null
        ${communityId ? 'and t.community_id = $5' : ''}
        and ${readableCommunitySql('t.community_id', '$1')}
        and (t.created_at, t.id) > ($2::timestamptz, $3::bigint)
      order by t.created_at, t.id limit $4`,
    [viewerId, after?.at ?? '-infinity', after?.id ?? '0', limit, ...(communityId ? [communityId] : [])],
  );
  return rows;
}
