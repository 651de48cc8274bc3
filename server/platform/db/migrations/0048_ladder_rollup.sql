-- Issue 23 at scale (docs/ANALYTICS.md, "The participation ladder at scale"): the ladder read every person's active
-- and read days of the period at request time (100,000 people: a million rows). This roll-up answers a period from
-- a few thousand rows, kept by the analytics job like the others.

-- For each rung r (1 read, 2 reacted or voted, 3 replied, 4 started a thread or posted an outcome), each UTC day and
-- each gap g: how many people reached rung r or higher that day whose previous such day was g days earlier (367:
-- none in the year before). People reaching rung r in a period [from, to] are then the rows of its days with
-- g > day - from: each person once, on their first such day of the period. A person's days count from the UTC day
-- of their first sign-in, so everyone counted in a period was activated by its end. Kept per grain like
-- analytics_active_days (0 all, 2 department, 4 location, 6 both), by department and location as of the refresh;
-- every status is counted and the reader takes deactivated people out.
create table analytics_ladder_days (
  grain       smallint not null check (grain in (0, 2, 4, 6)),
  department  text,
  location    text,
  day         date not null,
  rung        smallint not null check (rung between 1 and 4),
  gap         smallint not null check (gap between 1 and 367),
  people      integer not null
);
create index analytics_ladder_days_filter_idx on analytics_ladder_days (grain, department, location, day)
  include (rung, gap, people);
create index analytics_ladder_days_day_idx on analytics_ladder_days (day);

-- A refresh starts each person's gaps from their last day before it at each rung: one probe of these each.
create index person_active_days_replied_idx on person_active_days (person_id, day) where acts & 6 <> 0;
create index person_active_days_created_idx on person_active_days (person_id, day) where acts & 4 <> 0;

-- The reader takes out the few people who are not active (deactivated, erased): one small index.
create index people_inactive_idx on people (id) include (department, location, activated_at)
  where status <> 'active';
