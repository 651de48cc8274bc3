-- The scorecard's goal KPIs read the question roll-up (issue 6 at scale): each question's goal, so a goal's questions
-- in a period are one narrow index range instead of thousands of thread rows spread over the table. Filled here
-- for the questions already rolled up; each refresh keeps it from then on.
alter table analytics_questions add column goal_id bigint;
update analytics_questions q set goal_id = t.goal_id from threads t where t.id = q.thread_id and t.goal_id is not null;
create index analytics_questions_goal_idx on analytics_questions (goal_id, created_at) where goal_id is not null;
