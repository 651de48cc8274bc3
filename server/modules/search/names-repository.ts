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

/**
 * One statement, always one row at least: the capped count and the page after `position` (a row with a null id
 * when the page is empty, so a count needs no second statement).
 */
const namedPageSql = (
  matches: string,
  page: (cursor: string) => string,
  position: NamePosition,
  p: (v: unknown) => string,
) => {
  const cursor = position
    ? `(m.score, m.id) < (${p(position.score)}::float8, ${p(position.id)}::bigint)`
    : 'true';
  return `with ${matches},
       total as (select count(*)::int as total from matches)
     select total.total, page.* from total left join lateral (${page(cursor)}) page on true
      order by page.score desc, page.id desc`;
};

const withoutEmptyRow = <T extends { id: string | null }>(rows: (T & { total: number })[]) => ({
  total: rows[0]?.total ?? 0,
  rows: rows.filter((row) => row.id !== null),
});

/**
 * Names, handles and job titles that contain the text, and skills equal to a word, first; only when those are
 * fewer than the cap, names a typo away (trigram word similarity, the dearer index scan).
 */
export async function searchPeople(
  db: Queryable,
  text: string,
  words: string[],
  position: NamePosition,
  limit: number,
  /** Also names a typo away (false: only substrings and skills). */
  typos = true,
): Promise<Named<PersonHitRow>> {
  const { values, p } = params();
  const q = p(text.toLowerCase());
  const contains = `(${PERSON_TEXT} like ${p(`%${escapeLike(text.toLowerCase())}%`)}
                     or plein_lower_array(p.skills) && ${p(words)}::text[])`;
  const take = NAME_COUNT_CAP + 1;
  const close = typos
    ? `union all (select p.id from people p
                   where p.status = 'active' and ${q} <% ${PERSON_TEXT} and not ${contains}
                     and (select count(*) from named) < ${take}
                   limit ${take})`
    : '';
  const matches = `named as (select p.id from people p where p.status = 'active' and ${contains} limit ${take}),
     matches as (select id from named ${close} limit ${take})`;
  // A substring scores 1, the most a resemblance can: only the others pay for word_similarity.
  const score = `(case when ${contains} then 1 else word_similarity(${q}, ${PERSON_TEXT}) end)::float8`;
  const { rows } = await db.query<PersonHitRow & { total: number }>(
    namedPageSql(
      matches,
      (cursor) => `select * from (select ${summaryColumns('p')}, p.skills, ${score} as score
                                     from matches join people p using (id)) m
        where ${cursor} order by m.score desc, m.id desc limit ${p(limit)}`,
      position,
      p,
    ),
    values,
  );
  return withoutEmptyRow(rows);
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
  /** Also names a typo away (false: only substrings). */
  typos = true,
): Promise<Named<CommunityHitRow>> {
  const { values, p } = params();
  const q = p(text.toLowerCase());
  const like = p(`%${escapeLike(text.toLowerCase())}%`);
  const close = typos ? ` or ${q} <% lower(c.name) or ${q} <% lower(c.slug)` : '';
  const matches = `matches as (
       select c.id from communities c
        where (lower(c.name) like ${like} or lower(c.slug) like ${like}${close})
          and (c.visibility <> 'secret'
               or exists (select 1 from community_members m where m.community_id = c.id and m.person_id = ${p(viewerId)}))
        limit ${NAME_COUNT_CAP + 1})`;
  const score = `(case when lower(c.name) like ${like} or lower(c.slug) like ${like} then 1
                        else greatest(word_similarity(${q}, lower(c.name)), word_similarity(${q}, lower(c.slug))) end)::float8`;
  const { rows } = await db.query<CommunityHitRow & { total: number }>(
    namedPageSql(
      matches,
      (
        cursor,
      ) => `select * from (select c.id, c.slug, c.name, c.description, c.visibility, c.kind, c.member_count,
                                         ${score} as score
                                    from matches join communities c using (id)) m
        where ${cursor} order by m.score desc, m.id desc limit ${p(limit)}`,
      position,
      p,
    ),
    values,
  );
  return withoutEmptyRow(rows);
}
