-- Inbound mail (modules/mail-in): how a reply was written, for the scorecard's share of replies by email.
alter table replies add column via text not null default 'app' check (via in ('app', 'mail'));

-- Email-in: a community owners open to mail gets <slug>@domain, or <alias>@domain when the slug is taken.
alter table communities add column mail_in_enabled boolean not null default false;
alter table communities add column mail_in_alias text;
create unique index communities_mail_in_alias_key on communities (lower(mail_in_alias)) where mail_in_alias is not null;

