-- Idea throughput counts ideas by the moment they first reached `done`: the moves to done in a period are one range.
create index thread_status_changes_done_idx on thread_status_changes (created_at) where to_status = 'done';
-- The scorecard's filters list the departments and locations active people have: a skip over each index, one
-- probe per distinct value, instead of reading every person.
create index people_active_department_idx on people (department) where status = 'active';
create index people_active_location_idx on people (location) where status = 'active';
-- A question's first live reply by someone else (goal KPIs, routing): the replies in time order, with their authors,
-- without visiting the table.
create index replies_thread_first_idx on replies (thread_id, created_at, id) include (author_id)
  where deleted_at is null;
