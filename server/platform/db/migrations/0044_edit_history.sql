-- Issue 22 §3: edit history. The text of a thread or reply before each edit, who replaced it and when
-- (docs/MODERATION.md, "Edit history"). Written by the edit's own statement; gone with its post (retention,
-- erasure by the 'remove' policy); at most EDIT_HISTORY.keptVersions per post unless a legal hold keeps them all.
create table post_versions (
  id           bigint generated always as identity primary key,
  thread_id    bigint not null references threads(id) on delete cascade,
  -- null: a version of the thread itself.
  reply_id     bigint references replies(id) on delete cascade,
  title        text not null default '',
  body_md      text not null,
  -- When this text was written (the post's creation or the edit before) and when an edit replaced it, by whom.
  written_at   timestamptz not null,
  replaced_at  timestamptz not null,
  replaced_by  bigint not null references people(id)
);
-- A post's history, newest first (keyset by id): one index range per thread and per reply.
create index post_versions_thread_idx on post_versions (thread_id, id desc) where reply_id is null;
create index post_versions_reply_idx on post_versions (reply_id, id desc) where reply_id is not null;
