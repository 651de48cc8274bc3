-- The scorecard's community figures (issue 6 at scale) read this roll-up, kept by the analytics job like the others
-- (docs/ANALYTICS.md): one row per community and UTC day, from its first active day to the last refresh's horizon
-- (its day + 27), so a figure for all communities is one key range of a day instead of a count over activity rows.
-- No foreign key: a rebuild writes millions of rows and checking each cost more than the rest of it (measured);
-- reads go through `communities`, and a deleted community's rows go at the next rebuild.
create table analytics_community_active (
  day           date not null,
  community_id  bigint not null,
  -- Distinct people who took part in the community in the 28 days ending `day`.
  people        integer not null,
  -- The sponsor the next column counts for: when a community's sponsor changes, its days are counted again.
  sponsor_id    bigint,
  -- That sponsor's active days in the community up to and including `day`; a period's is the difference of two.
  sponsor_days  integer not null,
  primary key (day, community_id)
);
