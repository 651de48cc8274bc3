-- Contributions on a profile (condition 4): a person's accepted answers are found from their replies, each probing
-- the thread that accepted it; their realised ideas come from a small partial index instead of all their threads.
create index threads_accepted_reply_idx on threads (accepted_reply_id)
  where accepted_reply_id is not null and deleted_at is null;
create index threads_author_realised_ideas_idx on threads (author_id, id desc)
  where kind = 'idea' and status in ('planned', 'done') and deleted_at is null;
