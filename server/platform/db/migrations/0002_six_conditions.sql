-- Who took part where and when, one row per person per UTC day: community health (active participants in the last
-- 28 days), experts and the adoption scorecard read these small tables instead of scanning every post.
create table person_active_days (
  person_id  bigint not null references people(id) on delete cascade,
  day        date not null,
  primary key (person_id, day)
);
create index person_active_days_day_idx on person_active_days (day, person_id);

create table community_active_days (
  community_id  bigint not null references communities(id) on delete cascade,
  day           date not null,
  person_id     bigint not null references people(id) on delete cascade,
  primary key (community_id, day, person_id)
);
create index community_active_days_person_idx on community_active_days (person_id, day);

-- Ideas: one vote per person; the count is kept on the thread so a community's idea board sorts by index.
create table idea_votes (
  thread_id   bigint not null references threads(id) on delete cascade,
  person_id   bigint not null references people(id) on delete cascade,
  created_at  timestamptz not null default now(),
  primary key (thread_id, person_id)
);
create index idea_votes_person_idx on idea_votes (person_id);
alter table threads add column vote_count integer not null default 0;
create index threads_idea_board_idx on threads (community_id, vote_count desc, id desc)
  where kind = 'idea' and deleted_at is null;

-- Praise names the people it recognises; their profiles list it.
create table praise_recipients (
  thread_id  bigint not null references threads(id) on delete cascade,
  person_id  bigint not null references people(id) on delete cascade,
  primary key (thread_id, person_id)
);
create index praise_recipients_person_idx on praise_recipients (person_id, thread_id desc);

-- Questions nobody but the asker has answered yet, oldest first, overall and per community.
create index threads_unanswered_idx on threads (created_at, id)
  where kind = 'question' and first_reply_at is null and deleted_at is null;
create index threads_community_unanswered_idx on threads (community_id, created_at, id)
  where kind = 'question' and first_reply_at is null and deleted_at is null;

-- Themes: open ones are pinned on every home feed.
create index themes_open_idx on themes (created_at desc, id desc) where state = 'open';
create index theme_outcomes_author_idx on theme_outcomes (author_id);

-- A goal's scope: communities and/or hashtags whose questions and ideas it measures.
create table goal_communities (
  goal_id       bigint not null references goals(id) on delete cascade,
  community_id  bigint not null references communities(id) on delete cascade,
  primary key (goal_id, community_id)
);
create index goal_communities_community_idx on goal_communities (community_id);
create table goal_hashtags (
  goal_id     bigint not null references goals(id) on delete cascade,
  hashtag_id  bigint not null references hashtags(id) on delete cascade,
  primary key (goal_id, hashtag_id)
);
create index goal_hashtags_hashtag_idx on goal_hashtags (hashtag_id);
alter table goals drop column scope;

-- Background jobs (routing, roll-ups): a lease per job so that of N nodes one runs each tick.
create table job_leases (
  name          text primary key,
  held_by       text not null,
  held_until    timestamptz not null,
  last_run_at   timestamptz,
  last_error    text
);
