-- Deleting a thread, a reply or a file (retention, erasure, a removal) checks these foreign keys; without an index
-- each check read the whole table (found by the retention sweep at 200,000 threads).
create index if not exists question_routings_reply_idx on question_routings (reply_id) where reply_id is not null;
create index if not exists mail_mutes_thread_idx on mail_mutes (thread_id) where thread_id is not null;
create index if not exists link_previews_reply_idx on link_previews (reply_id) where reply_id is not null;
create index if not exists link_previews_image_idx on link_previews (image_attachment_id)
  where image_attachment_id is not null;
