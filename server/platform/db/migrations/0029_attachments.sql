-- Files people upload (modules/attachments). An upload starts as a draft of its uploader; it belongs to a thread,
-- a reply or a profile once a post's body or the profile refers to it, and is authorised exactly like that post or
-- profile. A draft nobody attached within 24 hours is swept with its stored bytes.
create table attachments (
  id              bigint generated always as identity primary key,
  owner_id        bigint not null references people(id) on delete cascade,
  thread_id       bigint references threads(id) on delete cascade,
  reply_id        bigint references replies(id) on delete cascade,
  -- The profile whose photo this is.
  person_id       bigint references people(id) on delete cascade,
  purpose         text not null default 'post' check (purpose in ('post', 'avatar', 'preview')),
  -- pending: held until scanned and (images) processed; ready: served; rejected: never served.
  status          text not null check (status in ('pending', 'ready', 'rejected')),
  rejected_reason text,
  name            text not null check (length(name) between 1 and 255),
  content_type    text not null,
  is_image        boolean not null,
  size_bytes      bigint not null check (size_bytes >= 0),
  sha256          text not null,
  width           integer,
  height          integer,
  storage_key     text not null unique,
  -- Images: the web size and the thumbnail, made by the attachments job.
  has_variants    boolean not null default false,
  created_at      timestamptz not null default now(),
  attached_at     timestamptz,
  check (num_nonnulls(thread_id, person_id) <= 1),
  check (reply_id is null or thread_id is not null)
);
create index attachments_thread_idx on attachments (thread_id) where thread_id is not null;
create index attachments_reply_idx on attachments (reply_id) where reply_id is not null;
create index attachments_pending_idx on attachments (created_at) where status = 'pending';
create index attachments_drafts_idx on attachments (created_at)
  where thread_id is null and person_id is null;
create index attachments_owner_idx on attachments (owner_id, created_at);
-- Search finds files by name (modules/search, attachments/search.ts).
create index attachments_name_trgm_idx on attachments using gin (name gin_trgm_ops) where thread_id is not null;

-- A preview of a URL in a post, fetched by the link-previews job through the SSRF guard (attachments/fetch/).
create table link_previews (
  id                  bigint generated always as identity primary key,
  thread_id           bigint not null references threads(id) on delete cascade,
  reply_id            bigint references replies(id) on delete cascade,
  url                 text not null,
  status              text not null default 'pending' check (status in ('pending', 'ready', 'failed')),
  title               text,
  description         text,
  site_name           text,
  image_attachment_id bigint references attachments(id) on delete set null,
  attempts            integer not null default 0,
  created_at          timestamptz not null default now(),
  fetched_at          timestamptz
);
create unique index link_previews_post_url_idx on link_previews (thread_id, coalesce(reply_id, 0), url);
create index link_previews_pending_idx on link_previews (created_at) where status = 'pending';
