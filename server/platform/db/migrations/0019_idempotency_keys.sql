-- Idempotency-Key on creates (issue 17): a retry with the same key by the same person within 24 hours gets the first
-- answer. The row is written in the create's own transaction, so a node killed after the commit but before it
-- answered still knows the key when the client retries.
create table idempotency_keys (
  person_id   bigint not null references people (id) on delete cascade,
  key         text not null,
  -- SHA-256 of the route, its path parameters and the body: the same key with another request is refused.
  fingerprint text not null,
  status      smallint not null,
  -- The answer exactly as it was sent (serialised JSON).
  body        text not null,
  created_at  timestamptz not null,
  primary key (person_id, key)
);

-- The sweep deletes keys past their 24 hours.
create index idempotency_keys_created_idx on idempotency_keys (created_at);
