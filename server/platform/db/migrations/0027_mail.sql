-- Outbound mail (issue 19): one row per message, composed once. The row is the outbox an admin reads when no SMTP
-- server is configured, the ledger that makes a message go out at most once per recipient per event (the
-- idempotency key), and what the "less email" figure counts. Delivery runs on pg-boss; this row is its truth.
create table outbound_mail (
  id               bigint generated always as identity primary key,
  idempotency_key  text not null,
  person_id        bigint references people(id) on delete set null,
  to_address       text not null,
  kind             text not null,
  locale           text not null check (locale in ('nl', 'en')),
  subject          text not null,
  text_body        text not null,
  html_body        text not null,
  headers          jsonb not null default '{}',
  -- queued: waits for not_before (quiet hours) and the relay; enqueued: a pg-boss job holds it; sending: a worker
  -- claimed it until lease_until; sent / outbox: delivered to SMTP / kept for the admin; dead: retries ran out.
  status           text not null default 'queued'
                   check (status in ('queued', 'enqueued', 'sending', 'sent', 'outbox', 'dead')),
  attempts         integer not null default 0,
  last_error       text,
  not_before       timestamptz not null,
  lease_until      timestamptz,
  created_at       timestamptz not null,
  sent_at          timestamptz
);
create unique index outbound_mail_idempotency_key on outbound_mail (idempotency_key);
-- The relay's scan: only rows still waiting, oldest due first.
create index outbound_mail_queued_idx on outbound_mail (not_before, id) where status = 'queued';
-- "Less email": mails delivered per person per week.
create index outbound_mail_delivered_idx on outbound_mail (sent_at, person_id) where sent_at is not null;

-- A person's mail choices; no row means the organisation's defaults. kinds: notice kind -> app | email | digest | off.
create table mail_preferences (
  person_id    bigint primary key references people(id) on delete cascade,
  kinds        jsonb not null default '{}',
  digest       text check (digest in ('daily', 'weekly', 'never')),
  -- Quiet hours in the person's own time zone, minutes after midnight; mail due inside them waits until the end.
  quiet_start  smallint check (quiet_start between 0 and 1439),
  quiet_end    smallint check (quiet_end between 0 and 1439),
  updated_at   timestamptz not null
);

create table mail_mutes (
  person_id     bigint not null references people(id) on delete cascade,
  thread_id     bigint references threads(id) on delete cascade,
  community_id  bigint references communities(id) on delete cascade,
  created_at    timestamptz not null,
  check ((thread_id is null) <> (community_id is null))
);
create unique index mail_mutes_thread_key on mail_mutes (person_id, thread_id) where thread_id is not null;
create unique index mail_mutes_community_key on mail_mutes (person_id, community_id) where community_id is not null;

-- What mail knows of an address: bounces (inbound raises the score later) and the last digest sent.
create table mail_recipients (
  person_id       bigint primary key references people(id) on delete cascade,
  bounce_score    integer not null default 0,
  last_digest_at  timestamptz
);

-- notify() marks what it stores for mail; the notice job composes those mails off the request's path. Rows
-- written before (and the demo's history) are not pending.
alter table notifications add column mail_pending boolean not null default false;
create index notifications_mail_pending_idx on notifications (id) where mail_pending;
