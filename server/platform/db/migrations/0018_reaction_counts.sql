-- Each post carries its reaction counts per kind ({"like": 3, "thanks": 1}): a page shows them without reading
-- and grouping every reaction of every post on it (a popular announcement has thousands; on the peer shape the
-- per-reply grouping was 30% of a replies page's database time). Statement-level triggers keep them exact on
-- every path — a reaction, its removal, a cascade, a bulk insert — one update per post per statement.

alter table threads add column reaction_counts jsonb not null default '{}';
alter table replies add column reaction_counts jsonb not null default '{}';

-- Counts plus changes, kinds that reach zero left out.
create function plein_merge_counts(counts jsonb, delta jsonb) returns jsonb language sql immutable as $$
  select coalesce(jsonb_object_agg(key, total), '{}')
    from (select key, sum(value::int) as total
            from (select * from jsonb_each_text(counts) union all select * from jsonb_each_text(delta)) e
           group by key) s
   where total > 0
$$;

create function plein_count_reactions() returns trigger language plpgsql as $$
declare
  sign int := case when tg_op = 'INSERT' then 1 else -1 end;
begin
  if tg_table_name = 'thread_reactions' then
    update threads t set reaction_counts = plein_merge_counts(t.reaction_counts, d.delta)
      from (select thread_id, jsonb_object_agg(kind, n * sign) as delta
              from (select thread_id, kind, count(*)::int as n from changed group by thread_id, kind) k
             group by thread_id) d
     where t.id = d.thread_id;
  else
    update replies r set reaction_counts = plein_merge_counts(r.reaction_counts, d.delta)
      from (select reply_id, jsonb_object_agg(kind, n * sign) as delta
              from (select reply_id, kind, count(*)::int as n from changed group by reply_id, kind) k
             group by reply_id) d
     where r.id = d.reply_id;
  end if;
  return null;
end
$$;

create trigger thread_reactions_counted_in after insert on thread_reactions
  referencing new table as changed for each statement execute function plein_count_reactions();
create trigger thread_reactions_counted_out after delete on thread_reactions
  referencing old table as changed for each statement execute function plein_count_reactions();
create trigger reply_reactions_counted_in after insert on reply_reactions
  referencing new table as changed for each statement execute function plein_count_reactions();
create trigger reply_reactions_counted_out after delete on reply_reactions
  referencing old table as changed for each statement execute function plein_count_reactions();

update threads t set reaction_counts = c.counts
  from (select thread_id, jsonb_object_agg(kind, n) as counts
          from (select thread_id, kind, count(*)::int as n from thread_reactions group by thread_id, kind) k
         group by thread_id) c
 where t.id = c.thread_id;
update replies r set reaction_counts = c.counts
  from (select reply_id, jsonb_object_agg(kind, n) as counts
          from (select reply_id, kind, count(*)::int as n from reply_reactions group by reply_id, kind) k
         group by reply_id) c
 where r.id = c.reply_id;
