-- Moderation (issue 22 §1, docs/MODERATION.md): reports and appeals in one queue, the actions taken, suspensions,
-- locked and pinned threads, community rules, and an audit log nobody can erase.

-- Hidden, held and moderator-removed posts also carry deleted_at, so every list, feed, search, count and event
-- query that skips removed posts skips them too; this says why, so the author and moderators still see them.
alter table threads add column moderation_state text check (moderation_state in ('hidden', 'held', 'removed'));
alter table threads add column locked_at timestamptz;
alter table replies add column moderation_state text check (moderation_state in ('hidden', 'held', 'removed'));

-- A suspended person signs in and reads, but writes nothing until then.
alter table people add column suspended_until timestamptz;

-- Rules a community's owners write: shown when joining and in the composer.
alter table communities add column rules_md text not null default '';
alter table communities add column rules_html text not null default '';

-- Pinned in a community's list (scope community) or on everyone's home page (scope home: announcements).
create table thread_pins (
  thread_id  bigint not null references threads(id) on delete cascade,
  scope      text not null check (scope in ('community', 'home')),
  pinned_by  bigint references people(id) on delete set null,
  pinned_at  timestamptz not null default now(),
  primary key (thread_id, scope)
);
create index thread_pins_scope_idx on thread_pins (scope, pinned_at desc, thread_id);

-- Every action a moderator took, with the reason the person it concerns is told.
create table moderation_actions (
  id            bigint generated always as identity primary key,
  action        text not null check (action in ('dismiss', 'hide', 'remove', 'restore', 'approve', 'lock', 'unlock',
                                                  'pin', 'unpin', 'move', 'warn', 'suspend', 'unsuspend')),
  target_type   text not null check (target_type in ('thread', 'reply', 'person')),
  thread_id     bigint references threads(id) on delete cascade,
  reply_id      bigint references replies(id) on delete cascade,
  person_id     bigint references people(id) on delete cascade,
  community_id  bigint references communities(id) on delete set null,
  actor_id      bigint references people(id) on delete set null,
  reason        text not null,
  note          text not null default '',
  until         timestamptz,
  created_at    timestamptz not null default now()
);
create index moderation_actions_person_idx on moderation_actions (person_id, id desc);

-- The queue: reports by people, posts a filter held, and appeals (one per action, by the author it concerned).
create table reports (
  id            bigint generated always as identity primary key,
  kind          text not null default 'report' check (kind in ('report', 'held', 'appeal')),
  target_type   text not null check (target_type in ('thread', 'reply', 'person')),
  thread_id     bigint references threads(id) on delete cascade,
  reply_id      bigint references replies(id) on delete cascade,
  -- The person reported, or the author of the post reported.
  person_id     bigint not null references people(id) on delete cascade,
  -- Where the post sits, so its owners see it in their queue; null for a profile or a post outside communities.
  community_id  bigint references communities(id) on delete set null,
  reporter_id   bigint references people(id) on delete set null,
  reason        text not null check (reason in ('spam', 'harassment', 'hate', 'misinformation', 'privacy',
                                                  'off_topic', 'other', 'filter', 'appeal')),
  note          text not null default '',
  appeal_of     bigint unique references moderation_actions(id) on delete cascade,
  status        text not null default 'open' check (status in ('open', 'resolved')),
  resolved_by   bigint references people(id) on delete set null,
  resolved_at   timestamptz,
  action_id     bigint references moderation_actions(id) on delete set null,
  created_at    timestamptz not null default now(),
  check ((kind = 'appeal') = (appeal_of is not null))
);
create index reports_open_idx on reports (id desc) where status = 'open';
create index reports_community_open_idx on reports (community_id, id desc) where status = 'open';
create index reports_thread_idx on reports (thread_id) where thread_id is not null;
create index reports_reply_idx on reports (reply_id) where reply_id is not null;
-- One open report per reporter and target: reporting again adds nothing.
create unique index reports_open_per_reporter_key
  on reports (reporter_id, target_type, coalesce(thread_id, 0), coalesce(reply_id, 0), person_id)
  where status = 'open' and kind = 'report';

-- The audit log's filters: by actor, by action, by time (ids grow with time).
create index audit_entries_actor_idx on audit_entries (actor_id, id desc);
create index audit_entries_action_idx on audit_entries (action, id desc);

-- Nobody erases or rewrites the trail, a moderator their own included: no route deletes entries and the database
-- refuses it. Only forgetting a deleted actor (the foreign key's set null) may touch a row.
create function plein_audit_entries_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'audit entries cannot be deleted' using errcode = 'insufficient_privilege';
  end if;
  if new.action is distinct from old.action or new.target_type is distinct from old.target_type
     or new.target_id is distinct from old.target_id or new.before is distinct from old.before
     or new.after is distinct from old.after or new.created_at is distinct from old.created_at
     or (new.actor_id is distinct from old.actor_id and new.actor_id is not null) then
    raise exception 'audit entries cannot be changed' using errcode = 'insufficient_privilege';
  end if;
  return new;
end $$;
create trigger audit_entries_guard before update or delete on audit_entries
  for each row execute function plein_audit_entries_guard();
