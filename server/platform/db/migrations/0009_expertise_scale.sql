-- Expert ranking at 100k people / 10M posts (issue 7). See docs/SEARCH.md, "Experts".

-- Per topic and person, the evidence anyone may read (outside communities or in open ones) with its counts per
-- source, plus the profile skill, scored once (score = Σ weight × ln(1 + count) + skill): a page of experts is one
-- index range. Evidence in closed and secret communities stays per community in expertise_evidence.
create table expertise_scores (
  topic               text not null,
  person_id           bigint not null references people(id) on delete cascade,
  accepted_answers    integer not null default 0,
  reacted_replies     integer not null default 0,
  specialist_threads  integer not null default 0,
  hashtag_uses        integer not null default 0,
  skill               boolean not null default false,
  score               double precision not null,
  primary key (topic, person_id)
);
create index expertise_scores_rank_idx on expertise_scores (topic, score desc, person_id desc);
create index expertise_scores_person_idx on expertise_scores (person_id);

-- Every known topic, for resolving a query (exact, else the closest by trigram). community_id is null when anyone
-- may read evidence on it; otherwise it names the closed or secret community its only evidence lives in.
create table expertise_topics (
  topic         text not null,
  community_id  bigint references communities(id) on delete cascade
);
create unique index expertise_topics_key on expertise_topics (topic, coalesce(community_id, 0));
create index expertise_topics_trgm_idx on expertise_topics using gin (topic gin_trgm_ops);

-- The viewer's closed and secret communities' evidence on a topic, added at request time.
create index expertise_evidence_community_idx on expertise_evidence (community_id, topic, person_id);
-- Queries are matched against expertise_topics now; the trigram index only slowed every write of the roll-up.
drop index expertise_evidence_topic_trgm_idx;

-- Changes the refresh cannot find by a created_at index: edits, deletions, (un)accepting, a removed reaction, a
-- community's visibility, name or kind, a person's skills. Until the refresh takes them in, ranking rescores the
-- people concerned from expertise_evidence, so a community made secret stops counting at once.
create table expertise_changes (
  subject  text not null check (subject in ('thread', 'community', 'person')),
  id       bigint not null,
  primary key (subject, id)
);

create function plein_expertise_thread_changed() returns trigger language plpgsql as $$
begin
  insert into expertise_changes values ('thread', new.id) on conflict do nothing;
  return null;
end $$;
create trigger threads_expertise_trg after update of accepted_reply_id, deleted_at, title, body_md, community_id
  on threads for each row
  when (old.accepted_reply_id is distinct from new.accepted_reply_id or old.deleted_at is distinct from new.deleted_at
        or old.title is distinct from new.title or old.body_md is distinct from new.body_md
        or old.community_id is distinct from new.community_id)
  execute function plein_expertise_thread_changed();

create function plein_expertise_reply_changed() returns trigger language plpgsql as $$
begin
  insert into expertise_changes values ('thread', new.thread_id) on conflict do nothing;
  return null;
end $$;
create trigger replies_expertise_trg after update of deleted_at on replies for each row
  when (old.deleted_at is distinct from new.deleted_at)
  execute function plein_expertise_reply_changed();

create function plein_expertise_reaction_removed() returns trigger language plpgsql as $$
begin
  insert into expertise_changes select 'thread', r.thread_id from replies r where r.id = old.reply_id
    on conflict do nothing;
  return null;
end $$;
create trigger reply_reactions_expertise_trg after delete on reply_reactions for each row
  execute function plein_expertise_reaction_removed();

create function plein_expertise_community_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    -- Its evidence is about to go (cascade): the people who had some are rescored.
    insert into expertise_changes select distinct 'person', e.person_id from expertise_evidence e
      where e.community_id = old.id on conflict do nothing;
    return old;
  end if;
  insert into expertise_changes values ('community', new.id) on conflict do nothing;
  return null;
end $$;
create trigger communities_expertise_trg after update of visibility, name, kind on communities for each row
  when (old.visibility is distinct from new.visibility or old.name is distinct from new.name
        or old.kind is distinct from new.kind)
  execute function plein_expertise_community_changed();
create trigger communities_expertise_delete_trg before delete on communities for each row
  execute function plein_expertise_community_changed();

create function plein_expertise_person_changed() returns trigger language plpgsql as $$
begin
  insert into expertise_changes values ('person', new.id) on conflict do nothing;
  return null;
end $$;
create trigger people_expertise_trg after update of skills on people for each row
  when (old.skills is distinct from new.skills)
  execute function plein_expertise_person_changed();
create trigger people_expertise_insert_trg after insert on people for each row
  when (cardinality(new.skills) > 0)
  execute function plein_expertise_person_changed();

-- The first refresh after this migration is a full rebuild (it also fills the tables above).
delete from settings where key = 'expertiseBuiltAt';
