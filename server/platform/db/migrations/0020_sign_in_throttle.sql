-- Throttles as token buckets shared by every node (platform/auth/rate-limit.ts): one row per key, the moment its
-- bucket would be full again. A fixed window let 2×max through across a boundary. rate_limit_hits stays for the
-- previous release's nodes during a rolling upgrade; drop it a release later.
create table rate_limit_buckets (
  key            text primary key,
  full_again_at  timestamptz not null
);
create index rate_limit_buckets_full_again_idx on rate_limit_buckets (full_again_at);

-- Where a person has signed in successfully before (modules/auth/sign-in-throttle.ts): a device, by the digest of
-- its plein_device cookie, or an address, by a digest. A correct password from either gets past the throttles a
-- stranger elsewhere can exhaust.
create table sign_in_sources (
  person_id        bigint not null references people(id) on delete cascade,
  source           text not null check (source ~ '^(device|address):[0-9a-f]{64}$'),
  last_success_at  timestamptz not null,
  primary key (person_id, source)
);
create index sign_in_sources_last_success_idx on sign_in_sources (last_success_at);
