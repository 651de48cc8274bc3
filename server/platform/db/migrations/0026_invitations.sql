-- Invitations and magic-link sign-in (issue 18 §4): organisations without an identity provider.

-- An invitation: one person (created, not yet activated, when invited), one link at a time. Only the SHA-256 of
-- the link's secret is kept; resending replaces it (the old link stops working) and moves the expiry.
create table invitations (
  id           bigint generated always as identity primary key,
  person_id    bigint not null references people(id) on delete cascade,
  token_hash   text not null,
  invited_by   bigint references people(id) on delete set null,
  created_at   timestamptz not null,
  sent_at      timestamptz not null,
  send_count   integer not null default 1,
  expires_at   timestamptz not null,
  accepted_at  timestamptz,
  revoked_at   timestamptz
);
create unique index invitations_token_hash_key on invitations (token_hash);
-- At most one open invitation per person: inviting again resends it.
create unique index invitations_open_person_key on invitations (person_id) where accepted_at is null and revoked_at is null;
create index invitations_created_idx on invitations (created_at desc, id desc);

-- When a person was invited (the funnel's first step for people who were not provisioned by SCIM or SSO).
alter table people add column invited_at timestamptz;
create index people_invited_at_idx on people (invited_at) where invited_at is not null;

-- A magic sign-in link: one use, short-lived; only its SHA-256 is kept.
create table sign_in_links (
  token_hash  text primary key,
  person_id   bigint not null references people(id) on delete cascade,
  created_at  timestamptz not null,
  expires_at  timestamptz not null,
  used_at     timestamptz
);
create index sign_in_links_person_idx on sign_in_links (person_id, created_at desc);
create index sign_in_links_expires_idx on sign_in_links (expires_at);
