-- Privacy law and compliance (issue 22 §2–3, docs/PRIVACY.md): erasure, retention periods, legal holds and the
-- compliance officer who may run an eDiscovery export.

-- Set when an admin erased the person: the row stays as a pseudonym so the conversation around their posts holds.
alter table people add column erased_at timestamptz;
-- An admin who may also export content for eDiscovery (legal and compliance, not every admin).
alter table people add column compliance_officer boolean not null default false;

-- How long each kind of data is kept, in days; no row means kept until removed by hand.
create table retention_policies (
  category    text primary key check (category in ('content', 'notifications', 'audit', 'mail', 'sign_ins')),
  days        integer not null check (days between 1 and 36500),
  updated_by  bigint references people(id) on delete set null,
  updated_at  timestamptz not null default now()
);

-- What happens to an erased person's posts: kept under the pseudonym (default, the conversation stays whole) or removed.
create table privacy_policy (
  id            boolean primary key default true check (id),
  erased_posts  text not null default 'anonymise' check (erased_posts in ('anonymise', 'remove')),
  updated_by    bigint references people(id) on delete set null,
  updated_at    timestamptz not null default now()
);
insert into privacy_policy default values;

-- A hold freezes a person's or community's data for a legal case: no erasure, no retention deletion until released.
create table legal_holds (
  id            bigint generated always as identity primary key,
  target_type   text not null check (target_type in ('person', 'community')),
  person_id     bigint references people(id) on delete cascade,
  community_id  bigint references communities(id) on delete cascade,
  reason        text not null,
  placed_by     bigint references people(id) on delete set null,
  placed_at     timestamptz not null default now(),
  released_by   bigint references people(id) on delete set null,
  released_at   timestamptz,
  check ((target_type = 'person') = (person_id is not null)),
  check ((target_type = 'community') = (community_id is not null))
);
create unique index legal_holds_person_active_key on legal_holds (person_id) where released_at is null;
create unique index legal_holds_community_active_key on legal_holds (community_id) where released_at is null;

-- Retention and erasure are the two lawful ways an entry changes: the transaction says so with plein.privacy = on
-- (set local, by modules/privacy only); everything else is still refused.
create or replace function plein_audit_entries_guard() returns trigger language plpgsql as $$
begin
  if current_setting('plein.privacy', true) = 'on' then
    if tg_op = 'DELETE' then return old; end if;
    if new.action is distinct from old.action or new.target_type is distinct from old.target_type
       or new.target_id is distinct from old.target_id or new.created_at is distinct from old.created_at then
      raise exception 'audit entries cannot be changed' using errcode = 'insufficient_privilege';
    end if;
    return new;
  end if;
  if tg_op = 'DELETE' then
    raise exception 'audit entries cannot be deleted' using errcode = 'insufficient_privilege';
  end if;
  if new.action is distinct from old.action or new.target_type is distinct from old.target_type
     or new.target_id is distinct from old.target_id or new.before is distinct from old.before
     or new.after is distinct from old.after or new.created_at is distinct from old.created_at
     or (new.actor_id is distinct from old.actor_id and new.actor_id is not null) then
    raise exception 'audit entries cannot be changed' using errcode = 'insufficient_privilege';
  end if;
  return new;
end $$;

-- The retention sweep finds old rows by time.
create index if not exists notifications_created_at_idx on notifications (created_at);
create index if not exists audit_entries_created_at_idx on audit_entries (created_at);
