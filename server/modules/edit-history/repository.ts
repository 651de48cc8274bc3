import { EDIT_HISTORY } from '../../../contract/edit-history.js';
import type { Queryable } from '../../platform/db/database.js';
import { statement } from '../../platform/db/statement.js';
import { personJsonSql, type SummaryRow } from '../people/repository.js';

/** Who replaced the text: the editor, or (null) the author — an imported edit was the author's in the source. */
export type Edit = { at: Date | string; by: string | null };

// One statement: the row is locked first, so a concurrent edit's text is the one kept, never lost.
const EDIT_THREAD = statement(`
  with before as (
    select id, title, body_md, author_id, coalesce(edited_at, created_at) as written_at
      from threads where id = $1 for update),
  kept as (
    insert into post_versions (thread_id, reply_id, title, body_md, written_at, replaced_at, replaced_by)
    select id, null, title, body_md, written_at, $5, coalesce($6::bigint, author_id) from before
     where (title, body_md) is distinct from ($2::text, $3::text))
  update threads t set title = $2, body_md = $3, body_html = $4, edited_at = $5 from before where t.id = before.id`);

const EDIT_REPLY = statement(`
  with before as (
    select id, thread_id, body_md, author_id, coalesce(edited_at, created_at) as written_at
      from replies where id = $1 for update),
  kept as (
    insert into post_versions (thread_id, reply_id, title, body_md, written_at, replaced_at, replaced_by)
    select thread_id, id, '', body_md, written_at, $4, coalesce($5::bigint, author_id) from before
     where body_md is distinct from $2::text)
  update replies r set body_md = $2, body_html = $3, edited_at = $4 from before where r.id = before.id`);

/** A thread's new text; the text it replaces becomes a version (none when the text did not change). */
export async function editThreadText(
  db: Queryable,
  id: string,
  content: { title: string; bodyMd: string; bodyHtml: string },
  edit: Edit,
): Promise<void> {
  await db.query({
    ...EDIT_THREAD,
    values: [id, content.title, content.bodyMd, content.bodyHtml, edit.at, edit.by],
  });
  await pruneVersions(db, { threadId: id, replyId: null });
}

/** A reply's new text; the text it replaces becomes a version (none when the text did not change). */
export async function editReplyText(
  db: Queryable,
  id: string,
  content: { bodyMd: string; bodyHtml: string },
  edit: Edit,
): Promise<void> {
  await db.query({ ...EDIT_REPLY, values: [id, content.bodyMd, content.bodyHtml, edit.at, edit.by] });
  await pruneVersions(db, { threadId: null, replyId: id });
}

// Beyond the kept number the oldest go, unless a hold on the post's community, its author or the version's
// editor keeps every one (docs/PRIVACY.md, "Legal hold").
const PRUNE_THREAD = statement(`
  delete from post_versions v
   using threads t
   where t.id = $1 and v.id in (select id from post_versions where thread_id = $1 and reply_id is null
                                 order by id desc offset $2)
     and not exists (select 1 from legal_holds h
                      where h.released_at is null
                        and (h.community_id = t.community_id or h.person_id in (t.author_id, v.replaced_by)))`);

const PRUNE_REPLY = statement(`
  delete from post_versions v
   using replies r join threads t on t.id = r.thread_id
   where r.id = $1 and v.id in (select id from post_versions where reply_id = $1
                                 order by id desc offset $2)
     and not exists (select 1 from legal_holds h
                      where h.released_at is null
                        and (h.community_id = t.community_id or h.person_id in (r.author_id, v.replaced_by)))`);

async function pruneVersions(db: Queryable, post: { threadId: string | null; replyId: string | null }) {
  const [query, id] = post.replyId ? [PRUNE_REPLY, post.replyId] : [PRUNE_THREAD, post.threadId];
  await db.query({ ...query, values: [id, EDIT_HISTORY.keptVersions] });
}

export type VersionRow = {
  id: string;
  title: string;
  body_md: string;
  written_at: Date;
  replaced_at: Date;
  replaced_by: SummaryRow;
};

const versionColumns = `v.id, v.title, v.body_md, v.written_at, v.replaced_at, ${personJsonSql('p')} as replaced_by`;

const THREAD_VERSIONS = statement(`
  select ${versionColumns} from post_versions v join people p on p.id = v.replaced_by
   where v.thread_id = $1 and v.reply_id is null and ($2::bigint is null or v.id < $2)
   order by v.id desc limit $3`);

const REPLY_VERSIONS = statement(`
  select ${versionColumns} from post_versions v join people p on p.id = v.replaced_by
   where v.reply_id = $1 and ($2::bigint is null or v.id < $2)
   order by v.id desc limit $3`);

/** A page of a post's earlier versions, newest first, after the version `before` (keyset by id). */
export async function versionsOf(
  db: Queryable,
  post: { threadId: string; replyId: string | null },
  before: string | null,
  limit: number,
): Promise<VersionRow[]> {
  const [query, id] = post.replyId ? [REPLY_VERSIONS, post.replyId] : [THREAD_VERSIONS, post.threadId];
  const { rows } = await db.query<VersionRow>({ ...query, values: [id, before, limit] });
  return rows;
}
