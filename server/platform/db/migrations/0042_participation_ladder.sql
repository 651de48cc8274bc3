-- Issue 23, "weak today" (docs/ANALYTICS.md): the participation ladder, praise as people, and an answer that is more
-- than a "+1", with its business minutes and the answers view.

-- Readers: one row per person per UTC day on which they opened a thread, written after the thread page's response.
create table person_read_days (
  person_id  bigint not null references people(id) on delete cascade,
  day        date not null,
  primary key (person_id, day)
);
create index person_read_days_day_idx on person_read_days (day, person_id);

-- What a person did on an active day, as bits: 1 reacted or voted, 2 replied, 4 started a thread or posted an outcome.
alter table person_active_days add column acts smallint not null default 0;
update person_active_days d set acts = a.acts
  from (select person_id, day, bit_or(act)::smallint as acts
          from (select author_id as person_id, (created_at at time zone 'UTC')::date as day, 4 as act from threads
                union all
                select author_id, (created_at at time zone 'UTC')::date, 4 from theme_outcomes
                union all
                select author_id, (created_at at time zone 'UTC')::date, 2 from replies
                union all
                select person_id, (created_at at time zone 'UTC')::date, 1 from thread_reactions
                union all
                select person_id, (created_at at time zone 'UTC')::date, 1 from reply_reactions
                union all
                select person_id, (created_at at time zone 'UTC')::date, 1 from idea_votes) acts
         group by person_id, day) a
 where a.person_id = d.person_id and a.day = d.day;
-- A period's ladder is one range of this index, read without the table.
drop index person_active_days_day_idx;
create index person_active_days_day_idx on person_active_days (day, person_id) include (acts);

-- Praise in a period (distinct people praised and givers): one range of a small index, not every thread.
create index threads_praise_idx on threads (created_at) include (author_id, community_id)
  where kind = 'praise' and deleted_at is null;

-- Every answer (a live reply by someone other than the asker with enough words, or the accepted one) to a live
-- question, kept by the analytics job beside analytics_questions: top answerers and answers from outside the
-- asker's department.
create table analytics_answers (
  reply_id      bigint primary key,
  thread_id     bigint not null references threads(id) on delete cascade,
  community_id  bigint,
  asker_id      bigint not null,
  author_id     bigint not null,
  created_at    timestamptz not null,
  -- The answerer works in another department than the asker (departments as of the refresh).
  across        boolean not null
);
create index analytics_answers_created_idx on analytics_answers (created_at)
  include (author_id, asker_id, community_id, across);
create index analytics_answers_thread_idx on analytics_answers (thread_id);

-- The first answer's business minutes (office hours in the asker's time zone) beside its clock minutes.
alter table analytics_questions add column first_answer_business_minutes float8;

-- The next refresh is a full rebuild: every question's first answer follows the new definition.
delete from analytics_state where key = 'refreshed_at';

-- Workplace's "activated within 7 days" needs each person's invitation: the scorecard's people index carries it.
drop index people_scorecard_idx;
create index people_scorecard_idx on people (id)
  include (status, department, location, created_at, activated_at, profile_fields, time_zone, invited_at,
           provisioned_at);

-- The unanswered backlog at a period's end: questions never answered, and those answered only after it.
create index analytics_questions_unanswered_idx on analytics_questions (created_at) include (community_id, author_id)
  where first_answer_at is null;
create index analytics_questions_first_answer_idx on analytics_questions (first_answer_at)
  include (created_at, community_id, author_id);
