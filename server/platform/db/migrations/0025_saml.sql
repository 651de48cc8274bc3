-- SAML sign-ins under way: the ids of the AuthnRequests Plein sent. A response must answer one of them
-- (InResponseTo); taking the row out on the first answer makes each request usable once, on any node.
create table saml_requests (
  id          text primary key,
  created_at  timestamptz not null,
  expires_at  timestamptz not null
);
create index saml_requests_expires_idx on saml_requests (expires_at);

-- Assertions already used to sign in, by IdP and assertion id, until they would have expired anyway: a replayed
-- assertion is refused even inside its validity window.
create table saml_used_assertions (
  issuer        text not null,
  assertion_id  text not null,
  expires_at    timestamptz not null,
  primary key (issuer, assertion_id)
);
create index saml_used_assertions_expires_idx on saml_used_assertions (expires_at);
