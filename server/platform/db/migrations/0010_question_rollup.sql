-- The scorecard's question figures (issue 6 at scale) read this roll-up, kept by the analytics job like the others
-- (docs/ANALYTICS.md): one row per live question with its first answer and acceptance, so a period is one index
-- range instead of a look at every question's replies.
create table analytics_questions (
  thread_id        bigint primary key references threads(id) on delete cascade,
  community_id     bigint,
  author_id        bigint not null,
  created_at       timestamptz not null,
  -- The first live reply by someone other than the asker.
  first_answer_at  timestamptz,
  -- A live reply by someone of another department than the asker.
  answered_across  boolean not null,
  accepted_at      timestamptz
);
create index analytics_questions_created_idx on analytics_questions (created_at);

-- A refresh takes in the questions accepted since its first day: one small index range, not every thread.
create index threads_question_accepted_idx on threads (accepted_at) where kind = 'question' and accepted_at is not null;
