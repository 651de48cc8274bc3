-- Polls and AMAs ("vraag het de directie", issue 21 §3): thread kinds of their own, each with its own tables.
alter table threads drop constraint threads_kind_check;
alter table threads add constraint threads_kind_check
  check (kind in ('discussion', 'question', 'announcement', 'idea', 'update', 'article', 'praise', 'poll', 'ama'));

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
