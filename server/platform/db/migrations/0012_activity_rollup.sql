-- The scorecard's funnel and daily-active trend (issue 6 at scale) read these roll-ups of `person_active_days`, kept
-- by the analytics job like the others (docs/ANALYTICS.md): a request reads one row per person or per day, not one
-- per person per day.

-- Each person's active days as bits: bit i (0-based) is set when they took part on `first_day` + i, where
-- `first_day` is their first active day and the last bit their last one, so a person's row holds only their span.
-- Active days in a period are `bit_count` of a substring (server/modules/analytics/rollup-activity.ts).
create table analytics_person_activity (
  person_id  bigint primary key references people(id) on delete cascade,
  first_day  date not null,
  days       bit varying not null
);

-- Active people per UTC day, kept per grain: the whole organisation (0), per department (2), per location (4) and
-- per department and location (6), by the person's department and location as of the refresh.
create table analytics_active_days (
  grain       smallint not null check (grain in (0, 2, 4, 6)),
  department  text,
  location    text,
  day         date not null,
  people      integer not null
);
create index analytics_active_days_filter_idx on analytics_active_days (grain, department, location, day);
create index analytics_active_days_day_idx on analytics_active_days (day);
