-- Single sign-on (OIDC now, SAML later): a person is known to an identity provider by (issuer, subject) — the
-- OIDC `sub`, or a SAML IdP's entity id and NameID — never by email alone, since emails are reassigned.
create table person_identities (
  id               bigint generated always as identity primary key,
  issuer           text not null,
  subject          text not null,
  person_id        bigint not null references people(id) on delete cascade,
  created_at       timestamptz not null,
  last_sign_in_at  timestamptz not null,
  unique (issuer, subject)
);
create index person_identities_person_idx on person_identities (person_id);

-- A sign-in on its way through the identity provider: kept server-side (any node may receive the callback),
-- found by the digest of a short-lived HttpOnly cookie so the answer is bound to the browser that asked.
create table sso_attempts (
  id             text primary key,
  state          text not null,
  nonce          text,
  code_verifier  text,
  return_to      text not null default '/',
  created_at     timestamptz not null,
  expires_at     timestamptz not null
);
create index sso_attempts_expires_idx on sso_attempts (expires_at);

-- Which Plein sessions came from which provider session: back-channel logout ends them by `sid` or `sub`, and
-- RP-initiated logout hands the ID token back as a hint. Ends with its session.
create table sso_sessions (
  session_id  text primary key references sessions(id) on delete cascade,
  issuer      text not null,
  subject     text not null,
  sid         text,
  id_token    text not null
);
create index sso_sessions_sid_idx on sso_sessions (issuer, sid) where sid is not null;
create index sso_sessions_subject_idx on sso_sessions (issuer, subject);
