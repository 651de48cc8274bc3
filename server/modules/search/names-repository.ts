import { SEARCH_LIMITS } from '../../../contract/search.js';
import type { Queryable } from '../../platform/db/database.js';
import { type SummaryRow, summaryColumns } from '../people/repository.js';
import { params } from './sql.js';

/**
 * People and communities are found by name with pg_trgm: a substring, or a word close enough to be a typo
 * ("jansenn" → Jansen, word_similarity ≥ 0.6 through the `<%` operator), on the existing trigram indexes.
 */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
/** Names matched at most (then "200+"), as for posts: a common word in job titles matches thousands of people. */
export const NAME_COUNT_CAP = SEARCH_LIMITS.countCap;

export type PersonHitRow = SummaryRow & { skills: string[]; score: number };
export type NamePosition = { score: number; id: string } | null;
type Named<T> = { total: number; rows: T[] };

const PERSON_TEXT = `lower(p.name || ' ' || p.handle || ' ' || p.title)`;

export async function searchPeople(
  db: Queryable,
  text: string,
  words: string[],
  position: NamePosition,
  limit: number,
): Promise<Named<PersonHitRow>> {
  const { values, p } = params();
  const q = p(text.toLowerCase());
  const score = `greatest(word_similarity(${q}, ${PERSON_TEXT}),
                          case when ${PERSON_TEXT} like ${p(`%${escapeLike(text.toLowerCase())}%`)} then 1 else 0 end,
                          case when plein_lower_array(p.skills) && ${p(words)}::text[] then 0.8 else 0 end)::float8`;
  const matches = `select p.id, ${score} as score from people p
     where p.status = 'active'
       and (${PERSON_TEXT} like ${p(`%${escapeLike(text.toLowerCase())}%`)} or ${q} <% ${PERSON_TEXT}
            or plein_lower_array(p.skills) && ${p(words)}::text[])
     limit ${NAME_COUNT_CAP + 1}`;
  const cursor = position
    ? `(m.score, m.id) < (${p(position.score)}::float8, ${p(position.id)}::bigint)`
    : 'true';
  const { rows } = await db.query<PersonHitRow & { total: number }>(
    `with matches as (${matches})
     select ${summaryColumns('p')}, p.skills, m.score, (select count(*)::int from matches) as total
       from matches m join people p on p.id = m.id
      where ${cursor} order by m.score desc, m.id desc limit ${p(limit)}`,
    values,
  );
  return { total: rows[0]?.total ?? (await countOnly(db, matches, values)), rows };
}

export type CommunityHitRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  visibility: 'open' | 'closed' | 'secret';
  kind: 'general' | 'specialist';
  member_count: number;
  score: number;
};

/** Communities the viewer may know exist: secret ones only for their members, in results and in counts. */
export async function searchCommunities(
  db: Queryable,
  text: string,
  viewerId: string,
  position: NamePosition,
  limit: number,
): Promise<Named<CommunityHitRow>> {
  const { values, p } = params();
  const q = p(text.toLowerCase());
  const like = p(`%${escapeLike(text.toLowerCase())}%`);
  const matches = `select c.id, greatest(word_similarity(${q}, lower(c.name)), word_similarity(${q}, lower(c.slug)),
                           case when lower(c.name) like ${like} or lower(c.slug) like ${like} then 1 else 0 end
                          )::float8 as score
       from communities c
      where (lower(c.name) like ${like} or lower(c.slug) like ${like} or ${q} <% lower(c.name) or ${q} <% lower(c.slug))
        and (c.visibility <> 'secret'
             or exists (select 1 from community_members m where m.community_id = c.id and m.person_id = ${p(viewerId)}))
      limit ${NAME_COUNT_CAP + 1}`;
  const cursor = position
    ? `(m.score, m.id) < (${p(position.score)}::float8, ${p(position.id)}::bigint)`
    : 'true';
  const { rows } = await db.query<CommunityHitRow & { total: number }>(
    `with matches as (${matches})
     select c.id, c.slug, c.name, c.description, c.visibility, c.kind, c.member_count, m.score,
            (select count(*)::int from matches) as total
       from matches m join communities c on c.id = m.id
      where ${cursor} order by m.score desc, m.id desc limit ${p(limit)}`,
    values,
  );
  return { total: rows[0]?.total ?? (await countOnly(db, matches, values)), rows };
}

/** The count when the page itself came back empty (past the last page, or only counting). */
async function countOnly(db: Queryable, matches: string, values: unknown[]): Promise<number> {
  const used = values.slice(
    0,
    (matches.match(/\$\d+/g) ?? []).reduce((max, m) => Math.max(max, Number(m.slice(1))), 0),
  );
  const { rows } = await db.query<{ total: number }>(
    `select count(*)::int as total from (${matches}) m`,
    used,
  );
  return rows[0]!.total;
}
