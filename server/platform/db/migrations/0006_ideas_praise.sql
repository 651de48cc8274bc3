-- A community's idea board by newest, and either order filtered by status: each one index range per community
-- (threads_idea_board_idx in 0002 serves the unfiltered board by votes).
create index threads_idea_board_newest_idx on threads (community_id, created_at desc, id desc)
  where kind = 'idea' and deleted_at is null;
create index threads_idea_board_status_votes_idx on threads (community_id, status, vote_count desc, id desc)
  where kind = 'idea' and deleted_at is null;
create index threads_idea_board_status_newest_idx on threads (community_id, status, created_at desc, id desc)
  where kind = 'idea' and deleted_at is null;

-- ?origin= on a community's thread list: top-down threads may be rare, so they get a range of their own.
create index threads_community_origin_activity_idx on threads (community_id, origin, last_activity_at desc, id desc)
  where deleted_at is null;

-- An idea's status history, with who changed it.
create index thread_status_changes_changed_by_idx on thread_status_changes (changed_by);
