import type { RetentionAction } from '../../../contract/privacy.js';
import type { Queryable } from '../../platform/db/database.js';
import { THREAD_HELD } from './retention-repository.js';

/** The content periods in force: the organisation's, and each community's own that overrides it. */
export type ContentPolicies = { now: Date; orgDays: number | null; orgAction: RetentionAction };

const LIVING = 'select p.id from people p where p.erased_at is null';

/**
 * Threads past the content period that applies to them: their community's own, else the organisation's. $1 now,
 * $2 the oldest cutoff any period allows (an index range), $3 and $4 the organisation's days and action. Anonymising
 * passes over a thread in which every post is already under a pseudonym.
 */
const OLD_THREADS = `
  from threads t
  left join community_retention cr on cr.community_id = t.community_id
  cross join lateral (
    select case when cr.community_id is null then $3::int else cr.days end as days,
           case when cr.community_id is null then $4::text else cr.action end as action) p
 where t.last_activity_at < $2
   and p.days is not null
   and t.last_activity_at < $1::timestamptz - make_interval(days => p.days)
   and (p.action = 'delete' or t.author_id in (${LIVING})
        or exists (select 1 from replies r where r.thread_id = t.id and r.author_id in (${LIVING})))`;

/** The cutoff before which a thread may be old under some period; null when no period applies to content. */
async function widestCutoff(db: Queryable, policies: ContentPolicies): Promise<Date | null> {
  const { rows } = await db.query<{ days: number | null }>(
    `select min(days)::int as days from (
       select $1::int as days union all select days from community_retention where days is not null) d`,
    [policies.orgDays],
  );
  const days = rows[0]?.days;
  return days ? new Date(policies.now.getTime() - days * 86_400_000) : null;
}

const params = (policies: ContentPolicies, bound: Date) => [
  policies.now,
  bound,
  policies.orgDays,
  policies.orgAction,
];

export type OldThreadsLine = {
  community_id: string | null;
  action: RetentionAction;
  threads: number;
  replies: number;
  files: number;
};

/** What the next sweep does to old threads, per community and action (replies and files as it would count them). */
export async function countOldThreads(db: Queryable, policies: ContentPolicies) {
  const bound = await widestCutoff(db, policies);
  if (!bound) return { lines: [] as OldThreadsLine[], held: 0 };
  const { rows: lines } = await db.query<OldThreadsLine>(
    `select t.community_id::text as community_id, p.action, count(*)::int as threads,
            coalesce(sum((select count(*) from replies r where r.thread_id = t.id
                            and (p.action = 'delete' or r.author_id in (${LIVING})))), 0)::int as replies,
            coalesce(sum(case when p.action = 'delete'
                              then (select count(*) from attachments a where a.thread_id = t.id) else 0 end), 0)::int
              as files
       ${OLD_THREADS} and not ${THREAD_HELD}
      group by t.community_id, p.action
      order by t.community_id nulls first, p.action`,
    params(policies, bound),
  );
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n ${OLD_THREADS} and ${THREAD_HELD}`,
    params(policies, bound),
  );
  return { lines, held: rows[0]!.n };
}

/** Locks the old threads no legal hold covers (a new file or reply waits for the sweep's commit), by action. */
export async function lockOldThreads(db: Queryable, policies: ContentPolicies) {
  const bound = await widestCutoff(db, policies);
  if (!bound) return { delete: [] as string[], anonymise: [] as string[] };
  const { rows } = await db.query<{ id: string; action: RetentionAction }>(
    `select t.id::text as id, p.action ${OLD_THREADS} and not ${THREAD_HELD} order by t.id for update of t`,
    params(policies, bound),
  );
  const of = (action: RetentionAction) => rows.filter((row) => row.action === action).map((row) => row.id);
  return { delete: of('delete'), anonymise: of('anonymise') };
}

/** Deletes threads with their replies (their files' rows and bytes are the caller's, first); returns counts. */
export async function deleteThreads(db: Queryable, ids: string[]) {
  const { rows } = await db.query<{ n: number }>(
    'select count(*)::int as n from replies where thread_id = any($1::bigint[])',
    [ids],
  );
  const threads = await db.query('delete from threads where id = any($1::bigint[])', [ids]);
  return { threads: threads.rowCount ?? 0, replies: rows[0]!.n };
}

/** Puts the threads' posts and files of living people under the pseudonym; the text and the thread stay whole. */
export async function anonymiseThreads(db: Queryable, ids: string[], pseudonymId: string) {
  const values = [ids, pseudonymId];
  await db.query(
    `update threads set author_id = $2 where id = any($1::bigint[]) and author_id in (${LIVING})`,
    values,
  );
  const replies = await db.query(
    `update replies set author_id = $2 where thread_id = any($1::bigint[]) and author_id in (${LIVING})`,
    values,
  );
  await db.query(
    `update attachments set owner_id = $2 where thread_id = any($1::bigint[]) and owner_id in (${LIVING})`,
    values,
  );
  return { threads: ids.length, replies: replies.rowCount ?? 0 };
}

/** The one pseudonym anonymised posts go to, or null before the first anonymisation made it. */
export async function lockRetentionPseudonym(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ id: string | null }>(
    'select retention_pseudonym_id::text as id from privacy_policy for update',
  );
  return rows[0]?.id ?? null;
}

/** A new profile row for the pseudonym (erasure's `pseudonymise` then makes it one), remembered by the policy. */
export async function insertRetentionPseudonym(db: Queryable, name: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into people (handle, name, status) values ('former-colleague-' || gen_random_uuid(), $1, 'deactivated')
     returning id::text`,
    [name],
  );
  const id = rows[0]!.id;
  await db.query('update privacy_policy set retention_pseudonym_id = $1', [id]);
  return id;
}
