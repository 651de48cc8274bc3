-- Import at scale (issue 20, docs/IMPORT.md).

-- A batch of new people takes free handles in one statement: every taken handle that starts with one of the
-- batch's bases, found by range in byte order (text_pattern_ops) whatever the database's collation.
create index people_handle_prefix_idx on people (lower(handle) text_pattern_ops);

-- An uploaded archive's state and progress, in the database so that any node can report it; the archive itself is
-- in file storage (imports/<id>), so any node can run it.
create table import_uploads (
  id uuid primary key,
  format text not null check (format in ('yammer', 'workplace', 'interchange')),
  file_name text not null,
  bytes bigint not null,
  source text not null,
  status text not null check (status in ('checked', 'refused', 'running', 'done', 'failed')),
  done integer not null default 0,
  total integer not null default 0,
  dry_run jsonb,
  result jsonb,
  problems jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index import_uploads_created_idx on import_uploads (created_at);
