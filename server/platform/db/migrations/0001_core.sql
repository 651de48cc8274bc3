-- Plein core schema: the whole domain of DESIGN.md §3. Runs unchanged on PGlite and PostgreSQL 15+.
create extension if not exists pg_trgm;

create table people (
  id             bigint generated always as identity primary key,
  handle         text not null,
  email          text not null,
  name           text not null,
  title          text not null default '',
  department     text not null default '',
  location       text not null default '',
  time_zone      text not null default 'Europe/Amsterdam',
  manager_id     bigint references people(id) on delete set null,
  is_leader      boolean not null default false,
  role           text not null default 'member' check (role in ('member', 'community_manager', 'admin')),
  skills         text[] not null default '{}',
  bio            text not null default '',
  avatar_url     text,
  locale         text check (locale in ('nl', 'en')),
  status         text not null default 'active' check (status in ('active', 'deactivated')),
  password_hash  text,
  activated_at   timestamptz,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
create unique index people_handle_key on people (lower(handle));
create unique index people_email_key on people (lower(email));
create index people_manager_idx on people (manager_id);
create index people_department_idx on people (lower(department));
create index people_location_idx on people (lower(location));
-- Skills keep their spelling for display but match case-insensitively.
create function plein_lower_array(text[]) returns text[] language sql immutable parallel safe
  as $$ select coalesce(array_agg(lower(x)), '{}') from unnest($1) as x $$;
create index people_skills_idx on people using gin (plein_lower_array(skills));
-- Name, handle and title search (and typo tolerance later) at 100k people.
create index people_search_trgm_idx on people using gin ((lower(name || ' ' || handle || ' ' || title)) gin_trgm_ops);

create table communities (
  id                   bigint generated always as identity primary key,
  slug                 text not null,
  name                 text not null,
  description          text not null default '',
  visibility           text not null default 'open' check (visibility in ('open', 'closed', 'secret')),
  kind                 text not null default 'general' check (kind in ('general', 'specialist')),
  viability_threshold  integer not null check (viability_threshold > 0),
  sponsor_id           bigint references people(id) on delete set null,
  created_by           bigint references people(id) on delete set null,
  member_count         integer not null default 0,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now()
);
create unique index communities_slug_key on communities (lower(slug));
create index communities_name_trgm_idx on communities using gin (lower(name) gin_trgm_ops);
-- The directory searches slugs too, and pages by name: keyset on (lower(name), id).
create index communities_slug_trgm_idx on communities using gin (lower(slug) gin_trgm_ops);
create index communities_directory_idx on communities (lower(name), id);

create table community_members (
  community_id  bigint not null references communities(id) on delete cascade,
  person_id     bigint not null references people(id) on delete cascade,
  role          text not null default 'member' check (role in ('owner', 'member')),
  joined_at     timestamptz not null default now(),
  primary key (community_id, person_id)
);
create index community_members_person_idx on community_members (person_id, community_id);
-- Owners first, then the newest: a member list pages by index even for a community of everyone.
create index community_members_listing_idx on community_members (community_id, role, joined_at, person_id);

create table membership_requests (
  id            bigint generated always as identity primary key,
  community_id  bigint not null references communities(id) on delete cascade,
  person_id     bigint not null references people(id) on delete cascade,
  message       text not null default '',
  status        text not null default 'pending' check (status in ('pending', 'approved', 'declined')),
  decided_by    bigint references people(id) on delete set null,
  decided_at    timestamptz,
  created_at    timestamptz not null default now()
);
create unique index membership_requests_pending_key on membership_requests (community_id, person_id) where status = 'pending';
create index membership_requests_pending_idx on membership_requests (community_id, id) where status = 'pending';

-- Strategic themes (condition 1) and business goals (condition 2); their features come in later issues.
create table themes (
  id          bigint generated always as identity primary key,
  title       text not null,
  question    text not null,
  why         text not null default '',
  owner_id    bigint not null references people(id),
  state       text not null default 'open' check (state in ('open', 'closed')),
  ends_at     timestamptz,
  created_at  timestamptz not null default now(),
  closed_at   timestamptz
);

create table theme_outcomes (
  id          bigint generated always as identity primary key,
  theme_id    bigint not null references themes(id) on delete cascade,
  author_id   bigint not null references people(id),
  body_md     text not null,
  body_html   text not null,
  created_at  timestamptz not null default now()
);
create index theme_outcomes_theme_idx on theme_outcomes (theme_id, created_at);

create table goals (
  id           bigint generated always as identity primary key,
  name         text not null,
  description  text not null default '',
  owner_id     bigint not null references people(id),
  kpi          text not null,
  target       numeric not null,
  scope        jsonb not null default '{}',
  calendar     jsonb,
  created_at   timestamptz not null default now(),
  archived_at  timestamptz
);

create table threads (
  id                bigint generated always as identity primary key,
  community_id      bigint references communities(id) on delete cascade,
  author_id         bigint not null references people(id),
  kind              text not null check (kind in ('discussion', 'question', 'announcement', 'idea', 'update', 'article', 'praise')),
  title             text not null default '',
  body_md           text not null default '',
  body_html         text not null default '',
  origin            text not null check (origin in ('top_down', 'bottom_up')),
  company_wide      boolean not null default false,
  theme_id          bigint references themes(id) on delete set null,
  goal_id           bigint references goals(id) on delete set null,
  status            text check (status in ('open', 'answered', 'new', 'under_review', 'planned', 'done', 'declined')),
  accepted_reply_id bigint,
  reply_count       integer not null default 0,
  first_reply_at    timestamptz,
  accepted_at       timestamptz,
  last_activity_at  timestamptz not null default now(),
  created_at        timestamptz not null default now(),
  edited_at         timestamptz,
  deleted_at        timestamptz,
  deleted_by        bigint references people(id)
);
-- Feed fan-in: each source gives its newest items by index (DESIGN.md §4).
create index threads_community_activity_idx on threads (community_id, last_activity_at desc, id desc) where deleted_at is null;
create index threads_author_activity_idx on threads (author_id, last_activity_at desc, id desc) where deleted_at is null;
create index threads_company_wide_activity_idx on threads (last_activity_at desc, id desc) where company_wide and deleted_at is null;
-- A community feed filtered by kind (?kind=question) stays one index range however large the community.
create index threads_community_kind_activity_idx on threads (community_id, kind, last_activity_at desc, id desc) where deleted_at is null;
-- A person's activity page: what they started, newest first.
create index threads_author_created_idx on threads (author_id, created_at desc, id desc) where deleted_at is null;
create index threads_theme_idx on threads (theme_id) where theme_id is not null;
create index threads_goal_idx on threads (goal_id) where goal_id is not null;

create table thread_status_changes (
  id           bigint generated always as identity primary key,
  thread_id    bigint not null references threads(id) on delete cascade,
  from_status  text,
  to_status    text not null,
  note         text not null,
  changed_by   bigint not null references people(id),
  created_at   timestamptz not null default now()
);
create index thread_status_changes_thread_idx on thread_status_changes (thread_id, created_at);

create table replies (
  id          bigint generated always as identity primary key,
  thread_id   bigint not null references threads(id) on delete cascade,
  parent_id   bigint references replies(id) on delete cascade,
  author_id   bigint not null references people(id),
  body_md     text not null,
  body_html   text not null,
  created_at  timestamptz not null default now(),
  edited_at   timestamptz,
  deleted_at  timestamptz,
  deleted_by  bigint references people(id)
);
create index replies_thread_idx on replies (thread_id, id);
create index replies_author_idx on replies (author_id, id desc);
-- A person's activity page: what they replied, newest first.
create index replies_author_created_idx on replies (author_id, created_at desc, id desc) where deleted_at is null;
create index replies_parent_idx on replies (parent_id) where parent_id is not null;
alter table threads add constraint threads_accepted_reply_fk foreign key (accepted_reply_id) references replies(id) on delete set null;

create table thread_reactions (
  thread_id   bigint not null references threads(id) on delete cascade,
  person_id   bigint not null references people(id) on delete cascade,
  kind        text not null check (kind in ('like', 'love', 'celebrate', 'insightful', 'thanks', 'laugh')),
  created_at  timestamptz not null default now(),
  primary key (thread_id, person_id, kind)
);
create index thread_reactions_person_idx on thread_reactions (person_id);

create table reply_reactions (
  reply_id    bigint not null references replies(id) on delete cascade,
  person_id   bigint not null references people(id) on delete cascade,
  kind        text not null check (kind in ('like', 'love', 'celebrate', 'insightful', 'thanks', 'laugh')),
  created_at  timestamptz not null default now(),
  primary key (reply_id, person_id, kind)
);
create index reply_reactions_person_idx on reply_reactions (person_id);

create table mentions (
  id          bigint generated always as identity primary key,
  thread_id   bigint not null references threads(id) on delete cascade,
  reply_id    bigint references replies(id) on delete cascade,
  person_id   bigint not null references people(id) on delete cascade,
  created_at  timestamptz not null default now()
);
create index mentions_thread_idx on mentions (thread_id);
create index mentions_person_idx on mentions (person_id, id desc);

create table hashtags (
  id          bigint generated always as identity primary key,
  tag         text not null unique check (tag = lower(tag)),
  created_at  timestamptz not null default now()
);

-- last_activity_at is copied from the thread so a followed hashtag is one index range in the feed.
create table thread_hashtags (
  thread_id         bigint not null references threads(id) on delete cascade,
  hashtag_id        bigint not null references hashtags(id) on delete cascade,
  last_activity_at  timestamptz not null,
  primary key (thread_id, hashtag_id)
);
create index thread_hashtags_feed_idx on thread_hashtags (hashtag_id, last_activity_at desc, thread_id desc);

create table person_follows (
  follower_id  bigint not null references people(id) on delete cascade,
  followee_id  bigint not null references people(id) on delete cascade,
  created_at   timestamptz not null default now(),
  primary key (follower_id, followee_id),
  check (follower_id <> followee_id)
);
create index person_follows_followee_idx on person_follows (followee_id);

create table hashtag_follows (
  person_id   bigint not null references people(id) on delete cascade,
  hashtag_id  bigint not null references hashtags(id) on delete cascade,
  created_at  timestamptz not null default now(),
  primary key (person_id, hashtag_id)
);

create table community_follows (
  person_id     bigint not null references people(id) on delete cascade,
  community_id  bigint not null references communities(id) on delete cascade,
  created_at    timestamptz not null default now(),
  primary key (person_id, community_id)
);

create table theme_follows (
  person_id   bigint not null references people(id) on delete cascade,
  theme_id    bigint not null references themes(id) on delete cascade,
  created_at  timestamptz not null default now(),
  primary key (person_id, theme_id)
);

-- Who hears about new replies in a thread: its author, repliers and whoever follows it.
create table thread_follows (
  thread_id   bigint not null references threads(id) on delete cascade,
  person_id   bigint not null references people(id) on delete cascade,
  created_at  timestamptz not null default now(),
  primary key (thread_id, person_id)
);
create index thread_follows_person_idx on thread_follows (person_id, thread_id);

create table notifications (
  id            bigint generated always as identity primary key,
  recipient_id  bigint not null references people(id) on delete cascade,
  kind          text not null,
  actor_id      bigint references people(id) on delete set null,
  thread_id     bigint references threads(id) on delete cascade,
  reply_id      bigint references replies(id) on delete cascade,
  community_id  bigint references communities(id) on delete cascade,
  data          jsonb not null default '{}',
  created_at    timestamptz not null default now(),
  read_at       timestamptz
);
create index notifications_recipient_idx on notifications (recipient_id, id desc);
create index notifications_unread_idx on notifications (recipient_id) where read_at is null;

-- The durable event log behind SSE: a reconnect with Last-Event-ID replays from here.
create table events (
  id            bigint generated always as identity primary key,
  type          text not null,
  recipient_id  bigint references people(id) on delete cascade,
  thread_id     bigint references threads(id) on delete cascade,
  community_id  bigint references communities(id) on delete cascade,
  payload       jsonb not null default '{}',
  created_at    timestamptz not null default now()
);
create index events_recipient_idx on events (recipient_id, id) where recipient_id is not null;
create index events_thread_idx on events (thread_id, id) where thread_id is not null;
create index events_created_idx on events (created_at);
-- The event stream reads each reader's sources as index ranges: their communities' new threads, and new threads
-- outside any community (company-wide announcements among them).
create index events_community_idx on events (community_id, id) where community_id is not null;
create index events_outside_communities_idx on events (id)
  where community_id is null and type = 'thread' and recipient_id is null;

create table sessions (
  id            text primary key,
  person_id     bigint not null references people(id) on delete cascade,
  csrf_token    text not null,
  created_at    timestamptz not null default now(),
  last_seen_at  timestamptz not null default now(),
  expires_at    timestamptz not null,
  user_agent    text not null default '',
  ip            text not null default ''
);
create index sessions_person_idx on sessions (person_id);

create table api_tokens (
  id            bigint generated always as identity primary key,
  person_id     bigint not null references people(id) on delete cascade,
  name          text not null,
  token_hash    text not null unique,
  created_at    timestamptz not null default now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
create index api_tokens_person_idx on api_tokens (person_id);

create table audit_entries (
  id           bigint generated always as identity primary key,
  actor_id     bigint references people(id) on delete set null,
  action       text not null,
  target_type  text not null,
  target_id    text not null,
  before       jsonb,
  after        jsonb,
  created_at   timestamptz not null default now()
);
create index audit_entries_target_idx on audit_entries (target_type, target_id, id desc);
create index audit_entries_created_idx on audit_entries (id desc);

create table outbound_emails (
  id            bigint generated always as identity primary key,
  recipient_id  bigint references people(id) on delete set null,
  to_address    text not null,
  subject       text not null,
  body_text     text not null,
  body_html     text,
  status        text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
  created_at    timestamptz not null default now(),
  sent_at       timestamptz
);
create index outbound_emails_queued_idx on outbound_emails (id) where status = 'queued';

-- Fixed-window counters shared by every node (login throttling, write limits).
create table rate_limit_hits (
  key           text not null,
  window_start  timestamptz not null,
  hits          integer not null,
  primary key (key, window_start)
);

-- Organisation-wide settings an admin changes at run time.
create table settings (
  key         text primary key,
  value       jsonb not null,
  updated_at  timestamptz not null default now(),
  updated_by  bigint references people(id) on delete set null
);
insert into settings (key, value) values ('secretCommunityCreators', '"admins"');
