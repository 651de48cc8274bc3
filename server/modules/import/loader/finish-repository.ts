import type { Queryable } from '../../../platform/db/database.js';

/**
 * The columns a live post keeps up as replies arrive, computed once from the imported rows: the live count of
 * replies, the first reply by someone other than the author, the last activity (and each tag's copy of it).
 * Only rows whose value differs are written, so a second run changes nothing.
 */
export async function settleThreads(db: Queryable, sources: string[]): Promise<void> {
  await db.query(
    `update threads t set reply_count = s.replies, first_reply_at = s.first_reply_at,
            last_activity_at = s.last_activity_at
       from (select t.id, count(r.id)::int as replies,
                    min(r.created_at) filter (where r.author_id <> t.author_id) as first_reply_at,
                    greatest(t.created_at, max(r.created_at)) as last_activity_at
               from threads t left join replies r on r.thread_id = t.id and r.deleted_at is null
              where t.import_source = any($1::text[])
              group by t.id) s
      where t.id = s.id
        and (t.reply_count, t.first_reply_at, t.last_activity_at)
            is distinct from (s.replies, s.first_reply_at, s.last_activity_at)`,
    [sources],
  );
  await db.query(
    `update thread_hashtags th set last_activity_at = t.last_activity_at
       from threads t
      where t.id = th.thread_id and t.import_source = any($1::text[])
        and th.last_activity_at is distinct from t.last_activity_at`,
    [sources],
  );
  // The routing sweep asks experts about waiting questions: history is not waiting, so it counts as routed.
  await db.query(
    `insert into question_routing_runs (thread_id, ran_at, routed)
     select t.id, t.imported_at, 0 from threads t
      where t.import_source = any($1::text[]) and t.kind = 'question'
     on conflict do nothing`,
    [sources],
  );
}

export async function settleCommunities(db: Queryable, sources: string[]): Promise<void> {
  await db.query(
    `update communities c set member_count = s.members
       from (select c.id, (select count(*)::int from community_members m where m.community_id = c.id) as members
               from communities c where c.import_source = any($1::text[])) s
      where c.id = s.id and c.member_count <> s.members`,
    [sources],
  );
}

/**
 * Managers, once everyone is in: the org chart need not list a manager before their reports. Returns how many
 * people an earlier run brought got another manager (the people this run, `now`, created have no past to move).
 */
export async function settleManagers(
  db: Queryable,
  links: { source: string; personId: string; managerId: string }[],
  now: Date,
): Promise<number> {
  if (links.length === 0) return 0;
  const { rows } = await db.query<{ earlier: number }>(
    `with moved as (
     update people p set manager_id = m.plein_id
       from unnest($1::text[], $2::text[], $3::text[]) as l(source, person_id, manager_id)
       join import_sources s on s.kind = 'person' and s.source = l.source and s.source_id = l.person_id
       join import_sources m on m.kind = 'person' and m.source = l.source and m.source_id = l.manager_id
      where p.id = s.plein_id and p.import_source is not null and p.id <> m.plein_id
        and p.manager_id is distinct from m.plein_id
     returning p.imported_at)
     select count(*)::int as earlier from moved where imported_at <> $4`,
    [links.map((l) => l.source), links.map((l) => l.personId), links.map((l) => l.managerId), now],
  );
  return rows[0]!.earlier;
}
