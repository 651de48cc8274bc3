-- The scorecard's funnel and people figures read every person, and its goal KPIs each asker's time zone: this index
-- holds what they read, so they scan or probe it (a few MB) instead of the people table with its bios and search
-- columns (about 90 MB at 100k people).
-- How many of the six profile fields a person filled in (title, department, location, bio, skills, photo).
alter table people add column profile_fields smallint generated always as (
  (title <> '')::int + (department <> '')::int + (location <> '')::int + (bio <> '')::int
  + (cardinality(skills) > 0)::int + (avatar_url is not null)::int) stored;
create index people_scorecard_idx on people (id)
  include (status, department, location, created_at, activated_at, profile_fields, time_zone);
