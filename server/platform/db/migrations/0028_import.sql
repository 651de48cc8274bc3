-- Imported history (issue 20, docs/IMPORT.md). Every imported row remembers where it came from, so a second run
-- finds it again instead of copying it; and it is marked imported, so the scorecard can tell the old network's
-- activity from the new one's.

-- Frontline workers without an address are people too; the unique index on lower(email) lets any number be null.
alter table people alter column email drop not null;

-- (kind, source, source id) → the Plein row it became. Reactions and memberships need none: their own keys are
-- natural (post, person, kind) and (community, person), so a re-run's `on conflict do nothing` finds them.
create table import_sources (
  kind text not null check (kind in ('person', 'community', 'thread', 'reply')),
  source text not null,
  source_id text not null,
  plein_id bigint not null,
  primary key (kind, source, source_id)
);
create index import_sources_plein_idx on import_sources (kind, plein_id);

-- Null on everything created in Plein itself; the source's name and the moment of the load on imported rows.
alter table people add column import_source text, add column imported_at timestamptz;
alter table communities add column import_source text, add column imported_at timestamptz;
alter table threads add column import_source text, add column imported_at timestamptz,
  -- The source had no title: the first words of the body stand in for one (docs/IMPORT.md).
  add column title_invented boolean not null default false;
alter table replies add column import_source text, add column imported_at timestamptz;
alter table thread_reactions add column import_source text, add column imported_at timestamptz;
alter table reply_reactions add column import_source text, add column imported_at timestamptz;

-- A re-run recomputes the derived columns of one source's threads and communities only.
create index threads_import_source_idx on threads (import_source) where import_source is not null;
create index communities_import_source_idx on communities (import_source) where import_source is not null;
create index people_import_source_idx on people (import_source) where import_source is not null;
