-- Idea throughput counts ideas by the moment they first reached `done`: the moves to done in a period are one range.
create index thread_status_changes_done_idx on thread_status_changes (created_at) where to_status = 'done';
