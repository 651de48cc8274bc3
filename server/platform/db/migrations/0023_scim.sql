-- SCIM 2.0 provisioning (issue 18 §3): the tokens an identity provider uses, the SCIM identity of people, groups.

-- An identity provider's credential for /scim/v2: created by an admin, shown once, stored as its SHA-256.
create table scim_tokens (
  id            bigint generated always as identity primary key,
  name          text not null,
  token_hash    text not null,
  created_by    bigint references people(id) on delete set null,
  created_at    timestamptz not null default now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
create unique index scim_tokens_hash_key on scim_tokens (token_hash);

-- How and when a person came to be ('admin', 'scim', 'demo', 'sso', 'invite', …); null: before this was recorded.
alter table people add column provisioned_via text;
alter table people add column provisioned_at timestamptz;
-- The provider's own key for the person (caseExact in RFC 7643), the SCIM userName when it is not the email,
-- what the provider sent that Plein has no column for (name parts, emails, addresses, enterprise fields), and
-- when the provider deleted them (deactivated, kept with their posts, 404 to SCIM from then on).
alter table people add column external_id text;
alter table people add column scim_user_name text;
alter table people add column scim_data jsonb;
alter table people add column scim_deleted_at timestamptz;

-- Every address SCIM knows for a person, lower case, each between newlines: eq/co/sw/ew are one LIKE each.
create function plein_scim_emails(data jsonb, email text) returns text language sql immutable parallel safe as $$
  select E'\n' || lower(coalesce(
    (select string_agg(e ->> 'value', E'\n')
       from jsonb_array_elements(case when jsonb_typeof(data -> 'emails') = 'array' then data -> 'emails' else '[]' end) e
      where e ->> 'value' is not null),
    email)) || E'\n'
$$;

-- userName is the email for people made outside SCIM, so a provider finds them by it. Unique: a deleted person's
-- userName is cleared and their email becomes deleted-<id>@scim.invalid, which frees both for a newcomer.
create unique index people_scim_user_name_key on people (lower(coalesce(scim_user_name, email)));
-- Filters on what providers look people up by: eq by btree (the planner's sure choice even before ANALYZE),
-- co/sw/ew by trigram indexes.
create index people_scim_user_name_trgm_idx on people using gin (lower(coalesce(scim_user_name, email)) gin_trgm_ops);
create index people_external_id_idx on people (external_id) where external_id is not null;
create index people_scim_emails_trgm_idx on people using gin (plein_scim_emails(scim_data, email) gin_trgm_ops);
create index people_name_trgm_idx on people using gin (lower(name) gin_trgm_ops);
create index people_family_name_idx on people (lower(scim_data #>> '{name,familyName}'));
create index people_given_name_idx on people (lower(scim_data #>> '{name,givenName}'));

-- A provider's group: a community (membership synced) or a role, as PLEIN_SCIM_GROUP_ROLES says at creation.
create table scim_groups (
  id            bigint generated always as identity primary key,
  display_name  text not null,
  external_id   text,
  role          text check (role in ('leader', 'community_manager', 'admin')),
  community_id  bigint references communities(id) on delete set null,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create unique index scim_groups_community_key on scim_groups (community_id);
create index scim_groups_display_name_trgm_idx on scim_groups using gin (lower(display_name) gin_trgm_ops);
create index scim_groups_external_id_idx on scim_groups (external_id);

-- Membership as the provider states it (with the display text it sent); communities and roles follow from it.
create table scim_group_members (
  group_id   bigint not null references scim_groups(id) on delete cascade,
  person_id  bigint not null references people(id) on delete cascade,
  display    text,
  primary key (group_id, person_id)
);
create index scim_group_members_person_idx on scim_group_members (person_id, group_id);
