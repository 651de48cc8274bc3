-- Business goals (condition 2): the time KPIs are met when this share (percent) of questions is within target.
alter table goals add column attainment_target numeric not null default 80
  check (attainment_target > 0 and attainment_target <= 100);
alter table goals add column updated_at timestamptz not null default now();
alter table goals add constraint goals_target_positive check (target > 0);
-- The goals list: active ones first, then the newest, one index range per page.
create index goals_listing_idx on goals ((archived_at is not null), created_at desc, id desc);
create index goals_owner_idx on goals (owner_id);
-- A goal's KPI over a period reads its linked threads by creation time (a week, 28 days) and the missed list pages
-- newest first: one index range per goal instead of every linked thread.
create index threads_goal_created_idx on threads (goal_id, created_at desc, id desc)
  where goal_id is not null and deleted_at is null;
