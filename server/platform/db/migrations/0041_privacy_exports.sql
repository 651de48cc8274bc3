-- Exports prepared by a job (issue 22 §2–3, docs/PRIVACY.md): a person's own data (art. 15 and 20) or a compliance
-- officer's eDiscovery archive, built into a zip in file storage, downloadable by its recipient until it expires.
create table privacy_exports (
  id                  bigint generated always as identity primary key,
  kind                text not null check (kind in ('person', 'ediscovery')),
  -- The only one who may download it: the person whose data it is, or the compliance officer who asked.
  recipient_id        bigint not null references people(id) on delete cascade,
  -- A person export: whose data (an admin may ask on their behalf).
  subject_id          bigint references people(id) on delete cascade,
  requested_by        bigint references people(id) on delete set null,
  -- An eDiscovery export's scope: content created in [scope_from, scope_to), one community or person or all.
  scope_from          timestamptz,
  scope_to            timestamptz,
  scope_community_id  bigint references communities(id) on delete set null,
  scope_person_id     bigint references people(id) on delete set null,
  status              text not null default 'queued'
                        check (status in ('queued', 'running', 'ready', 'failed', 'expired')),
  storage_key         text unique,
  size_bytes          bigint,
  error               text,
  created_at          timestamptz not null default now(),
  started_at          timestamptz,
  finished_at         timestamptz,
  expires_at          timestamptz,
  check ((kind = 'person') = (subject_id is not null)),
  check ((kind = 'ediscovery') = (scope_from is not null and scope_to is not null)),
  check ((status = 'ready') = (storage_key is not null))
);
create index privacy_exports_waiting_idx on privacy_exports (id) where status in ('queued', 'running');
create index privacy_exports_recipient_idx on privacy_exports (recipient_id, id desc);
create index privacy_exports_expiry_idx on privacy_exports (expires_at) where status = 'ready';
create index privacy_exports_subject_idx on privacy_exports (subject_id) where subject_id is not null;
