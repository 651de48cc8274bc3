-- Strategic themes (condition 1): the list pages closed themes by age, a theme page lists its threads by activity,
-- and an outcome update reaches the theme's followers.
create index themes_created_idx on themes (created_at desc, id desc);
create index threads_theme_activity_idx on threads (theme_id, last_activity_at desc, id desc)
  where theme_id is not null and deleted_at is null;
create index theme_follows_theme_idx on theme_follows (theme_id, person_id);
