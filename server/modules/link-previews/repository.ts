import type { Queryable } from '../../platform/db/database.js';

export type PreviewRow = {
  id: string;
  thread_id: string;
  reply_id: string | null;
  url: string;
  title: string | null;
  description: string | null;
  site_name: string | null;
  image_attachment_id: string | null;
  image_width: number | null;
  image_height: number | null;
  image_ready: boolean | null;
};

/** At most this many links of one post get a preview. */
export const PREVIEWS_PER_POST = 3;

/** Queues previews for the post's links it has none for yet; links no longer in the body lose theirs. */
export async function replacePreviewLinks(
  db: Queryable,
  post: { threadId: string; replyId: string | null },
  urls: string[],
  now: Date,
): Promise<void> {
  await db.query(
    `delete from link_previews where thread_id = $1 and reply_id is not distinct from $2 and url <> all($3::text[])`,
    [post.threadId, post.replyId, urls],
  );
  if (urls.length === 0) return;
  await db.query(
    `insert into link_previews (thread_id, reply_id, url, created_at)
     select $1, $2, u.url, $4 from unnest($3::text[]) as u(url)
     on conflict (thread_id, coalesce(reply_id, 0), url) do nothing`,
    [post.threadId, post.replyId, urls, now],
  );
}

const PREVIEW_COLUMNS = `lp.id, lp.thread_id, lp.reply_id, lp.url, lp.title, lp.description, lp.site_name,
  lp.image_attachment_id, i.width as image_width, i.height as image_height, i.status = 'ready' as image_ready`;

// Ready previews of a thread and its live replies.
const threadPreviewsSql = (threadId: string) => `from link_previews lp
  left join attachments i on i.id = lp.image_attachment_id
  left join replies r on r.id = lp.reply_id
  where lp.thread_id = ${threadId} and lp.status = 'ready' and (lp.reply_id is null or r.deleted_at is null)`;

/** Ready previews of a thread and its live replies, in the order the links were found. */
export async function previewsOfThread(db: Queryable, threadId: string): Promise<PreviewRow[]> {
  const { rows } = await db.query<PreviewRow>(
    `select ${PREVIEW_COLUMNS} ${threadPreviewsSql('$1')} order by lp.id`,
    [threadId],
  );
  return rows;
}

/** The same previews as a JSON array of PreviewRow, for the thread page's statement. */
export const threadPreviewsJsonSql = (threadId: string) => `(select coalesce(json_agg(json_build_object(
    'id', lp.id::text, 'thread_id', lp.thread_id::text, 'reply_id', lp.reply_id::text, 'url', lp.url,
    'title', lp.title, 'description', lp.description, 'site_name', lp.site_name,
    'image_attachment_id', lp.image_attachment_id::text, 'image_width', i.width, 'image_height', i.height,
    'image_ready', i.status = 'ready') order by lp.id), '[]') ${threadPreviewsSql(threadId)})`;

/** The first ready preview of a thread's own body, as JSON for a summary (threads/summaries.ts). */
export const firstPreviewJsonSql = (thread: string) => `(select json_build_object(
    'id', lp.id::text, 'thread_id', lp.thread_id::text, 'reply_id', null, 'url', lp.url, 'title', lp.title,
    'description', lp.description, 'site_name', lp.site_name, 'image_attachment_id', lp.image_attachment_id::text,
    'image_width', i.width, 'image_height', i.height, 'image_ready', i.status = 'ready')
   from link_previews lp left join attachments i on i.id = lp.image_attachment_id
  where lp.thread_id = ${thread}.id and lp.reply_id is null and lp.status = 'ready'
  order by lp.id limit 1)`;

export type PendingPreview = {
  id: string;
  thread_id: string;
  reply_id: string | null;
  url: string;
  owner_id: string;
};

export async function pendingPreviews(db: Queryable, limit: number): Promise<PendingPreview[]> {
  const { rows } = await db.query<PendingPreview>(
    `select lp.id, lp.thread_id, lp.reply_id, lp.url, coalesce(r.author_id, t.author_id) as owner_id
       from link_previews lp join threads t on t.id = lp.thread_id left join replies r on r.id = lp.reply_id
      where lp.status = 'pending' order by lp.created_at, lp.id limit $1`,
    [limit],
  );
  return rows;
}

export async function finishPreview(
  db: Queryable,
  id: string,
  result:
    | { status: 'ready'; title: string; description: string; siteName: string; imageId: string | null }
    | { status: 'failed' },
  now: Date,
): Promise<void> {
  if (result.status === 'failed') {
    await db.query(
      `update link_previews set status = 'failed', attempts = attempts + 1, fetched_at = $2 where id = $1`,
      [id, now],
    );
    return;
  }
  await db.query(
    `update link_previews set status = 'ready', title = $2, description = $3, site_name = $4,
            image_attachment_id = $5, attempts = attempts + 1, fetched_at = $6
      where id = $1`,
    [id, result.title, result.description, result.siteName, result.imageId, now],
  );
}
