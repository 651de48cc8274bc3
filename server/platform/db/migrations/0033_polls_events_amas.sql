-- Polls, events and AMAs ("vraag het de directie", issue 21 §3): thread kinds of their own, each with its own tables.
alter table threads drop constraint threads_kind_check;
alter table threads add constraint threads_kind_check
  check (kind in ('discussion', 'question', 'announcement', 'idea', 'update', 'article', 'praise', 'poll', 'event', 'ama'));

-- A poll belongs to its thread; readers and writers are authorised through the thread's community.
create table polls (
  thread_id  bigint primary key references threads(id) on delete cascade,
  multiple   boolean not null default false,
  anonymous  boolean not null default false,
  closes_at  timestamptz,
  voter_count integer not null default 0
);

create table poll_options (
  id         bigint generated always as identity primary key,
  thread_id  bigint not null references polls(thread_id) on delete cascade,
  position   smallint not null,
  label      text not null,
  vote_count integer not null default 0,
  unique (thread_id, position)
);

-- Who has voted, for every poll: it stops a second vote, and for an anonymous poll it is all that is kept.
create table poll_voters (
  thread_id bigint not null references polls(thread_id) on delete cascade,
  person_id bigint not null references people(id) on delete cascade,
  voted_at  timestamptz not null,
  primary key (thread_id, person_id)
);

-- Who chose what, only for polls that are not anonymous: an anonymous vote moves the counts and nothing else.
create table poll_choices (
  option_id bigint not null references poll_options(id) on delete cascade,
  person_id bigint not null references people(id) on delete cascade,
  thread_id bigint not null references polls(thread_id) on delete cascade,
  primary key (option_id, person_id)
);
create index poll_choices_person_idx on poll_choices (thread_id, person_id);

-- An AMA: questions are collected from its start; from starts_at it is live and the leader answers, until ends_at.
create table amas (
  thread_id bigint primary key references threads(id) on delete cascade,
  starts_at timestamptz not null,
  ends_at   timestamptz not null,
  check (ends_at > starts_at)
);

create table ama_questions (
  id          bigint generated always as identity primary key,
  thread_id   bigint not null references amas(thread_id) on delete cascade,
  author_id   bigint not null references people(id),
  body        text not null,
  vote_count  integer not null default 0,
  answer_md   text,
  answer_html text,
  answered_by bigint references people(id),
  answered_at timestamptz,
  created_at  timestamptz not null
);
-- The order a live AMA is answered in: most votes first, then the oldest question.
create index ama_questions_order_idx on ama_questions (thread_id, vote_count desc, id);

create table ama_question_votes (
  question_id bigint not null references ama_questions(id) on delete cascade,
  person_id   bigint not null references people(id) on delete cascade,
  created_at  timestamptz not null,
  primary key (question_id, person_id)
);

-- An event: when (stored as instants; the time zone it was planned in is kept for the calendar file), where, RSVPs.
create table thread_events (
  thread_id   bigint primary key references threads(id) on delete cascade,
  starts_at   timestamptz not null,
  ends_at     timestamptz not null,
  time_zone   text not null,
  place       text not null default '',
  online_url  text,
  reminded_at timestamptz,
  check (ends_at > starts_at)
);
-- The reminder job's range: events not yet reminded, by start.
create index thread_events_reminder_idx on thread_events (starts_at) where reminded_at is null;

create table event_rsvps (
  thread_id   bigint not null references thread_events(thread_id) on delete cascade,
  person_id   bigint not null references people(id) on delete cascade,
  answer      text not null check (answer in ('going', 'maybe', 'not')),
  answered_at timestamptz not null,
  primary key (thread_id, person_id)
);
