-- The adoption scorecard (issue 6) reads these roll-ups, refreshed by the analytics job, never the posts themselves.
-- Definitions: docs/ANALYTICS.md. A roll-up row with `grain` is kept per the dimensions in that bitmask
-- (1 community, 2 author department, 4 author location; 0 = the whole organisation, 7 = all three), so a filter
-- reads one small index range instead of summing the finest rows.

-- Per person: place in the hierarchy (self and every manager above, nearest first), first post or reply, reach.
create table analytics_people (
  person_id              bigint primary key references people(id) on delete cascade,
  depth                  integer not null,
  chain                  bigint[] not null,
  first_contribution_at  timestamptz,
  reach_90d              integer not null default 0
);
create index analytics_people_chain_idx on analytics_people using gin (chain);

-- Threads and replies per UTC day, by the thread's kind, origin and links, and whether the writer is a leader.
create table analytics_conversation_days (
  grain         smallint not null check (grain in (0, 1, 2, 4, 7)),
  community_id  bigint,
  department    text,
  location      text,
  day           date not null,
  kind          text not null,
  origin        text not null,
  on_theme      boolean not null,
  on_goal       boolean not null,
  by_leader     boolean not null,
  threads       integer not null,
  replies       integer not null
);
create index analytics_conversation_days_filter_idx
  on analytics_conversation_days (grain, community_id, department, location, day);
create index analytics_conversation_days_day_idx on analytics_conversation_days (day);

-- Replies and reactions to someone else's post per UTC day, by which boundaries they cross (actor vs author).
create table analytics_interaction_days (
  grain             smallint not null check (grain in (0, 1, 2, 4, 7)),
  community_id      bigint,
  department        text,
  location          text,
  day               date not null,
  cross_department  boolean not null,
  cross_location    boolean not null,
  cross_time_zone   boolean not null,
  cross_hierarchy   boolean not null,
  interactions      integer not null
);
create index analytics_interaction_days_filter_idx
  on analytics_interaction_days (grain, community_id, department, location, day);
create index analytics_interaction_days_day_idx on analytics_interaction_days (day);

-- The collaboration picture: interactions from one department (location) to another per UTC day.
create table analytics_collaboration_days (
  grain         smallint not null check (grain in (0, 1, 2, 4, 7)),
  community_id  bigint,
  department    text,
  location      text,
  day           date not null,
  axis          text not null check (axis in ('department', 'location')),
  source        text not null,
  target        text not null,
  interactions  integer not null
);
create index analytics_collaboration_days_filter_idx
  on analytics_collaboration_days (grain, community_id, department, location, day);
create index analytics_collaboration_days_day_idx on analytics_collaboration_days (day);

-- Who interacted with whom (both directions), and the last UTC day they did: reach over 90 days counts these.
create table analytics_pairs (
  person_id  bigint not null references people(id) on delete cascade,
  other_id   bigint not null references people(id) on delete cascade,
  last_day   date not null,
  primary key (person_id, other_id)
);
create index analytics_pairs_other_idx on analytics_pairs (other_id);
create index analytics_pairs_day_idx on analytics_pairs (last_day);

-- The job's watermarks: how far the roll-ups are refreshed, and the day reach was last counted for everyone.
create table analytics_state (
  key    text primary key,
  at     timestamptz not null
);

-- The refresh recomputes recent days from the sources by creation time: one index range per source.
create index threads_created_idx on threads (created_at);
create index replies_created_idx on replies (created_at);
create index thread_reactions_created_idx on thread_reactions (created_at);
create index reply_reactions_created_idx on reply_reactions (created_at);
-- Questions asked in a period (answer times, answer rates) are one index range of questions only.
create index threads_question_created_idx on threads (created_at, id)
  where kind = 'question' and deleted_at is null;
-- Activation funnel per department and location reads activated people by index.
create index people_activated_idx on people (activated_at) where activated_at is not null;
