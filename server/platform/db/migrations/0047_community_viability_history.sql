-- Issue 23, "enough-people advice": every change of a community's kind or viability threshold, who made it and when,
-- with the values before and after. The scorecard judges each period by the threshold that held in it, so an edit
-- alone never moves a past period's viable share (docs/ANALYTICS.md, "Viable communities").
create table community_viability_changes (
  id                bigint generated always as identity primary key,
  community_id      bigint not null references communities(id) on delete cascade,
  changed_at        timestamptz not null,
  -- Null once the person is gone; the audit log keeps the full record.
  changed_by        bigint references people(id) on delete set null,
  kind_before       text not null check (kind_before in ('general', 'specialist')),
  kind_after        text not null check (kind_after in ('general', 'specialist')),
  threshold_before  integer not null,
  threshold_after   integer not null
);
create index community_viability_changes_idx on community_viability_changes (community_id, changed_at);
