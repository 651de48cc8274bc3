import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';
import { NAME_COUNT_CAP } from './names-repository.js';
import type { PostFilter } from './repository.js';
import { params } from './sql.js';

/** Files are found by name (a substring per word, on the trigram index of 0029_attachments), newest first. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export type FileHitRow = {
  id: string;
  name: string;
  content_type: string;
  size_bytes: string;
  is_image: boolean;
  has_variants: boolean;
  thread_id: string;
  thread_title: string;
  thread_kind: string;
  reply_id: string | null;
  owner_id: string;
  created_at: Date;
  community_slug: string | null;
  community_name: string | null;
  community_visibility: 'open' | 'closed' | 'secret' | null;
};
/** The last file of a page: files are listed newest first, by id. */
export type FilePosition = { id: string } | null;

/**
 * Ready files of live posts (a hidden, held or removed thread or reply has deleted_at set) the viewer may read,
 * whose name holds every word and none of the excluded ones; one statement with the capped count.
 */
export async function searchFiles(
  db: Queryable,
  words: { include: string[]; exclude: string[] },
  filter: PostFilter,
  viewerId: string,
  position: FilePosition,
  limit: number,
): Promise<{ total: number; rows: FileHitRow[] }> {
  const { values, p } = params();
  const where = [
    `a.thread_id is not null`,
    `a.purpose = 'post'`,
    `a.status = 'ready'`,
    't.deleted_at is null',
    '(a.reply_id is null or r.deleted_at is null)',
    readableCommunitySql('t.community_id', p(viewerId)),
    ...words.include.map((word) => `a.name ilike ${p(`%${escapeLike(word)}%`)}`),
    ...words.exclude.map((word) => `a.name not ilike ${p(`%${escapeLike(word)}%`)}`),
  ];
  if (filter.communitySlug)
    where.push(
      `t.community_id = (select id from communities where lower(slug) = lower(${p(filter.communitySlug)}))`,
    );
  if (filter.kind) where.push(`t.kind = ${p(filter.kind)}`);
  if (filter.answered) where.push(`t.kind = 'question' and t.accepted_reply_id is not null`);
  if (filter.authorHandle)
    where.push(`a.owner_id = (select id from people where lower(handle) = lower(${p(filter.authorHandle)}))`);
  if (filter.from) where.push(`a.created_at >= ${p(filter.from)}`);
  if (filter.to) where.push(`a.created_at < ${p(filter.to)}`);
  const cursor = position ? `m.id < ${p(position.id)}::bigint` : 'true';
  const { rows } = await db.query<FileHitRow & { total: number }>(
    `with matches as (
       select a.id from attachments a
         join threads t on t.id = a.thread_id
         left join replies r on r.id = a.reply_id
        where ${where.join(' and ')}
        order by a.id desc limit ${p(NAME_COUNT_CAP + 1)}),
       total as (select count(*)::int as total from matches)
     select total.total, page.* from total left join lateral (
       select a.id, a.name, a.content_type, a.size_bytes, a.is_image, a.has_variants, a.thread_id, a.reply_id,
              a.owner_id, a.created_at, t.title as thread_title, t.kind as thread_kind,
              c.slug as community_slug, c.name as community_name, c.visibility as community_visibility
         from matches m join attachments a on a.id = m.id join threads t on t.id = a.thread_id
         left join communities c on c.id = t.community_id
        where ${cursor} order by a.id desc limit ${p(limit)}) page on true
      order by page.id desc`,
    values,
  );
  return { total: rows[0]?.total ?? 0, rows: rows.filter((row) => row.id !== null) };
}
