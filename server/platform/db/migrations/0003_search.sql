-- Search, expertise and question routing (issue 7). See docs/SEARCH.md.

-- The text-search configuration the index was built with; the search-index job re-indexes when PLEIN_LANGUAGE
-- names another one. Writes read it here, so every write path (and COPY) indexes in the same language.
insert into settings (key, value) values ('searchLanguage', '"dutch"') on conflict (key) do nothing;

create function plein_search_config() returns regconfig language sql stable parallel safe
  as $$ select coalesce((select (value #>> '{}')::regconfig from settings where key = 'searchLanguage'),
                        'dutch'::regconfig) $$;

-- The organisation's language finds stems ("katten" → kat); 'simple' keeps exact names and codes. Titles weigh A.
create function plein_search_vector(config regconfig, title text, body text) returns tsvector
  language sql immutable parallel safe
  as $$ select setweight(to_tsvector(config, coalesce(title, '')), 'A')
            || setweight(to_tsvector('simple', coalesce(title, '')), 'A')
            || setweight(to_tsvector(config, left(coalesce(body, ''), 100000)), 'B')
            || setweight(to_tsvector('simple', left(coalesce(body, ''), 100000)), 'B') $$;

-- Stored HTML as plain text for snippets; the control characters that mark hits are removed from the source.
create function plein_html_text(html text) returns text language sql immutable parallel safe
  as $$ select replace(replace(replace(replace(replace(replace(
              translate(regexp_replace(regexp_replace(html, '<[^>]*>', ' ', 'g'), '\s+', ' ', 'g'), E'\x02\x03', ''),
              '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&nbsp;', ' '), '&amp;', '&') $$;

alter table threads add column search_vector tsvector;
alter table replies add column search_vector tsvector;

create function plein_threads_search_vector() returns trigger language plpgsql as $$
begin
  new.search_vector := plein_search_vector(plein_search_config(), new.title, new.body_md);
  return new;
end $$;

create function plein_replies_search_vector() returns trigger language plpgsql as $$
begin
  new.search_vector := plein_search_vector(plein_search_config(), '', new.body_md);
  return new;
end $$;

-- A trigger keeps every write path (API, demo seed, bench COPY) indexed without touching their code.
create trigger threads_search_vector_trg before insert or update of title, body_md on threads
  for each row execute function plein_threads_search_vector();
create trigger replies_search_vector_trg before insert or update of body_md on replies
  for each row execute function plein_replies_search_vector();

update threads set search_vector = plein_search_vector(plein_search_config(), title, body_md);
update replies set search_vector = plein_search_vector(plein_search_config(), '', body_md);

create index threads_search_idx on threads using gin (search_vector) where deleted_at is null;
create index replies_search_idx on replies using gin (search_vector) where deleted_at is null;
-- Recent matches first when a common word matches many posts: the candidate set is cut by id.
create index replies_live_id_idx on replies (id desc) where deleted_at is null;

-- Question routing: people may opt out of being asked.
alter table people add column routing_opt_out boolean not null default false;

-- Expertise from behaviour, rebuilt by the expertise job: (person, topic, source, community) → how often.
-- community_id says where the evidence lives, so a viewer only ever counts evidence they may read.
create table expertise_evidence (
  person_id       bigint not null references people(id) on delete cascade,
  topic           text not null,
  topic_kind      text not null check (topic_kind in ('hashtag', 'community')),
  source          text not null check (source in ('accepted_answer', 'reacted_reply', 'specialist_thread', 'hashtag_use')),
  community_id    bigint references communities(id) on delete cascade,
  evidence_count  integer not null check (evidence_count > 0),
  last_at         timestamptz not null
);
create index expertise_evidence_topic_idx on expertise_evidence (topic, person_id);
create index expertise_evidence_person_idx on expertise_evidence (person_id, topic);
create index expertise_evidence_topic_trgm_idx on expertise_evidence using gin (topic gin_trgm_ops);

-- Each question the sweep considered once (routed or not), so it is never asked about twice.
create table question_routing_runs (
  thread_id  bigint primary key references threads(id) on delete cascade,
  ran_at     timestamptz not null,
  routed     integer not null
);

-- Each expert a waiting question was routed to, and when (if) they answered it.
create table question_routings (
  id           bigint generated always as identity primary key,
  thread_id    bigint not null references threads(id) on delete cascade,
  person_id    bigint not null references people(id) on delete cascade,
  reason       jsonb not null default '{}',
  routed_at    timestamptz not null,
  answered_at  timestamptz,
  reply_id     bigint references replies(id) on delete set null,
  unique (thread_id, person_id)
);
-- Load spreading counts each expert's routings of the last day; "answered" is checked for open routings.
create index question_routings_person_idx on question_routings (person_id, routed_at desc);
create index question_routings_unanswered_idx on question_routings (routed_at) where answered_at is null;
-- "Has this person replied in this thread": routing skips them and marks routings answered.
create index replies_thread_author_idx on replies (thread_id, author_id) where deleted_at is null;
