-- "Less email" (issue 19): the roll-up counts the replies that came in by email beside all replies, so the
-- scorecard reads the share from analytics_conversation_days like its other conversation figures.
alter table analytics_conversation_days add column mail_replies integer not null default 0;
-- Rows written before this column say 0: forget the last refresh so the next tick rebuilds every day.
delete from analytics_state where key = 'refreshed_at';
