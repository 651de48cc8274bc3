import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';

/** At most this many topics a query that names no known topic is read as (docs/SEARCH.md, "Experts"). */
export const CLOSEST_TOPICS = 3;

/** A topic the viewer may know of: public, or living only in a closed or secret community they read. */
const knownSql = (viewer: string) =>
  `(t.community_id is null or ${readableCommunitySql('t.community_id', viewer)})`;

/**
 * The topics a query means: itself when it is a known topic or someone's skill; otherwise the closest known
 * topics by trigram (similar as a whole, or the query as a word within a longer topic), best first.
 */
export async function resolveTopics(db: Queryable, query: string, viewerId: string): Promise<string[]> {
  const { rows: exact } = await db.query(
    `select 1 from expertise_topics t where t.topic = $1 and ${knownSql('$2')}
     union all
     select 1 from people p where plein_lower_array(p.skills) @> array[$1::text]
     limit 1`,
    [query, viewerId],
  );
  if (exact.length > 0) return [query];
  const { rows } = await db.query<{ topic: string }>(
    `select t.topic from expertise_topics t
      where (t.topic % $1 or $1 <% t.topic) and ${knownSql('$2')}
      group by t.topic
      order by word_similarity($1, t.topic) desc, similarity($1, t.topic) desc, t.topic
      limit $3`,
    [query, viewerId, CLOSEST_TOPICS],
  );
  return rows.map((row) => row.topic);
}
