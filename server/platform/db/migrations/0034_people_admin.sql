-- People administration (issue 18 §4): when each person last signed in, the admins' list, and spent links swept.

-- Set by every sign-in (password, single sign-on, magic link, invitation, demo) where the session is made.
alter table people add column last_sign_in_at timestamptz;
-- Before this was recorded: the newest session or single sign-on, where either is still known.
update people p set last_sign_in_at = (
  select max(at) from (select max(created_at) as at from sessions where person_id = p.id
                       union all select max(last_sign_in_at) from person_identities where person_id = p.id) known)
 where p.activated_at is not null;

-- The admins' people list pages by name, like the directory: keyset on (lower(name), id).
create index people_name_idx on people (lower(name), id);

-- A person's latest invitation, shown beside them in the admins' list.
create index invitations_person_idx on invitations (person_id, created_at desc, id desc);

-- A link that can no longer be used (accepted, withdrawn or expired) keeps its invitation for the funnel, not its
-- hash: the sweep job clears it; resending an expired invitation makes a new one.
alter table invitations alter column token_hash drop not null;
