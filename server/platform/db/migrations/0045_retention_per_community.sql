-- Retention per community and per action, and export retries (issue 22 §3, docs/PRIVACY.md "How long").

-- What the organisation's content period does to an old thread: delete it (with its replies and files), or
-- anonymise it (it stays, its posts under the pseudonym "former colleague"). The other kinds are only deleted.
alter table privacy_policy add column content_action text not null default 'delete'
  check (content_action in ('delete', 'anonymise'));

-- A community's own content period, set by admins: overrides the organisation's (shorter or longer); days null
-- keeps the community's threads until removed by hand, whatever the organisation's period.
create table community_retention (
  community_id  bigint primary key references communities(id) on delete cascade,
  days          integer check (days between 1 and 36500),
  action        text not null default 'delete' check (action in ('delete', 'anonymise')),
  updated_by    bigint references people(id) on delete set null,
  updated_at    timestamptz not null default now()
);

-- The one pseudonym anonymised old posts go to (a profile made as erasure makes one), made on first use.
alter table privacy_policy add column retention_pseudonym_id bigint references people(id) on delete set null;

-- The sweep finds old threads by their last activity, whatever their community.
create index if not exists threads_last_activity_idx on threads (last_activity_at);
-- Deleting a thread deletes its replies, and each deleted reply is looked up where something refers to it: without
-- these, each lookup read the whole table (74 s to sweep 9,000 threads; bench/retention.ts).
create index threads_accepted_reply_fk_idx on threads (accepted_reply_id) where accepted_reply_id is not null;
create index notifications_thread_idx on notifications (thread_id) where thread_id is not null;
create index notifications_reply_idx on notifications (reply_id) where reply_id is not null;
create index mentions_reply_idx on mentions (reply_id) where reply_id is not null;
create index moderation_actions_thread_idx on moderation_actions (thread_id) where thread_id is not null;
create index moderation_actions_reply_idx on moderation_actions (reply_id) where reply_id is not null;

-- A failed export is tried again after a pause, a bounded number of times; then failed, with a reason its requester
-- reads: 'storage' (file storage did not take or give the bytes) or 'build' (collecting the data failed).
alter table privacy_exports add column attempts integer not null default 0;
alter table privacy_exports add column retry_at timestamptz;
alter table privacy_exports add column failure_reason text check (failure_reason in ('storage', 'build'));
