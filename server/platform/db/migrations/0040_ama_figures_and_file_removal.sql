-- Issue 21. AMA figures for the scorecard's condition 1 (docs/ANALYTICS.md): one row per AMA question of a live
-- thread, kept by the analytics job like analytics_questions, so a period is index ranges, not a look at every AMA.
create table analytics_ama_questions (
  question_id  bigint primary key references ama_questions(id) on delete cascade,
  thread_id    bigint not null,
  community_id bigint,
  asker_id     bigint not null,
  asked_at     timestamptz not null,
  -- When its AMA ended: the share answered is counted over AMAs that are over.
  ama_ends_at  timestamptz not null,
  answered_by  bigint,
  answered_at  timestamptz
);
create index analytics_ama_questions_asked_idx on analytics_ama_questions (asked_at);
create index analytics_ama_questions_ended_idx on analytics_ama_questions (ama_ends_at);
create index analytics_ama_questions_answered_idx on analytics_ama_questions (answered_at)
  where answered_at is not null;
-- A refresh finds the questions asked or answered since its first day by index.
create index ama_questions_created_idx on ama_questions (created_at);
create index ama_questions_answered_idx on ama_questions (answered_at) where answered_at is not null;
-- The new roll-up starts empty: forget the last refresh so the next tick rebuilds every day.
delete from analytics_state where key = 'refreshed_at';

-- Stored bytes whose rows are gone (a person's erasure): removed from storage after the commit and by the sweep
-- until storage has done it, so a failed delete is tried again instead of leaving the bytes behind.
create table storage_deletions (
  storage_key  text primary key,
  requested_at timestamptz not null
);
