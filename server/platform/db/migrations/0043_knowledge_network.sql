-- Issue 23, "weak today": knowledge networks beyond 150 and the feedback loop per period (docs/ANALYTICS.md).

-- Every pair of people who ever interacted (a reply or reaction to the other's post; the lower id first), with the
-- first such moment and where and by whom it happened: a tie is new in the period of its first interaction.
-- No foreign keys: a rebuild writes a row per pair ever, and people are never deleted (erasure anonymises).
create table analytics_ties (
  person_id     bigint not null,
  other_id      bigint not null,
  first_at      timestamptz not null,
  community_id  bigint,
  actor_id      bigint not null,
  primary key (person_id, other_id)
);
-- A refresh forgets the ties first made since its first day, then finds them again.
create index analytics_ties_first_idx on analytics_ties (first_at);

-- New ties per UTC day, by the grains of the other roll-ups (the first interaction's community, and the department
-- and location of the person who replied or reacted), and how many of them joined two departments.
create table analytics_tie_days (
  grain                   smallint not null check (grain in (0, 1, 2, 4, 7)),
  community_id            bigint,
  department              text,
  location                text,
  day                     date not null,
  ties                    integer not null,
  cross_department_ties   integer not null
);
create index analytics_tie_days_filter_idx on analytics_tie_days (grain, community_id, department, location, day);
create index analytics_tie_days_day_idx on analytics_tie_days (day);

-- A question whose answer came from someone the asker had never interacted with before it was asked.
alter table analytics_questions add column answered_by_newcomer boolean not null default false;

-- Threads and replies per strategic theme per UTC day (themes are few): the activity a loop closure answers.
create table analytics_theme_days (
  theme_id  bigint not null references themes(id) on delete cascade,
  day       date not null,
  items     integer not null,
  primary key (theme_id, day)
);
create index analytics_theme_days_day_idx on analytics_theme_days (day);

-- The new roll-ups are empty: forget the last refresh so the next tick rebuilds every day.
delete from analytics_state where key = 'refreshed_at';
