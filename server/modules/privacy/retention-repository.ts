import type { RetentionAction, RetentionCategory } from '../../../contract/privacy.js';
import type { Queryable } from '../../platform/db/database.js';

// A legal hold covers a thread when it holds its community, its author, or anyone who replied in it.
export const THREAD_HELD = `exists (select 1 from legal_holds h where h.released_at is null
  and (h.community_id = t.community_id or h.person_id = t.author_id
       or h.person_id in (select r.author_id from replies r where r.thread_id = t.id)))`;
const PERSON_HELD = (column: string) =>
  `exists (select 1 from legal_holds h where h.released_at is null and h.person_id = ${column})`;

/** Per category but content (content.ts): the rows older than the cutoff ($1) that the sweep removes. */
const SWEEPS: Record<Exclude<RetentionCategory, 'content'>, { table: string; where: string }[]> = {
  notifications: [
    { table: 'notifications n', where: `n.created_at < $1 and not ${PERSON_HELD('n.recipient_id')}` },
  ],
  audit: [
    {
      table: 'audit_entries a',
      where: `a.created_at < $1 and not exists (select 1 from legal_holds h where h.released_at is null
        and ((a.target_type = 'person' and a.target_id = h.person_id::text)
          or (a.target_type = 'community' and a.target_id = h.community_id::text)
          or a.actor_id = h.person_id))`,
    },
  ],
  // Only mail that has left (or given up): queued mail is still on its way.
  mail: [
    {
      table: 'outbound_mail m',
      where: `m.created_at < $1 and m.status in ('sent', 'dead') and not ${PERSON_HELD('m.person_id')}`,
    },
    {
      table: 'outbound_emails m',
      where: `m.created_at < $1 and m.status <> 'queued' and not ${PERSON_HELD('m.recipient_id')}`,
    },
  ],
  sign_ins: [
    { table: 'sign_in_sources s', where: `s.last_success_at < $1 and not ${PERSON_HELD('s.person_id')}` },
    { table: 'sign_in_links s', where: `s.created_at < $1 and not ${PERSON_HELD('s.person_id')}` },
    { table: 'sessions s', where: `s.expires_at < $1 and not ${PERSON_HELD('s.person_id')}` },
  ],
};

export async function countExpired(
  db: Queryable,
  category: Exclude<RetentionCategory, 'content'>,
  cutoff: Date,
): Promise<number> {
  let total = 0;
  for (const { table, where } of SWEEPS[category]) {
    const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, [
      cutoff,
    ]);
    total += rows[0]!.n;
  }
  return total;
}

/** Deletes what is older than the cutoff; audit entries only in a transaction that set plein.privacy. */
export async function deleteExpired(
  db: Queryable,
  category: Exclude<RetentionCategory, 'content'>,
  cutoff: Date,
): Promise<number> {
  let total = 0;
  for (const { table, where } of SWEEPS[category]) {
    const result = await db.query(`delete from ${table} where ${where}`, [cutoff]);
    total += result.rowCount ?? 0;
  }
  return total;
}

/** Lets this transaction delete or redact audit entries (the guard in migration 0037). */
export async function allowAuditChanges(db: Queryable): Promise<void> {
  await db.query(`select set_config('plein.privacy', 'on', true)`);
}

export type PolicyRow = { category: RetentionCategory; days: number };

export async function retentionDays(db: Queryable): Promise<PolicyRow[]> {
  const { rows } = await db.query<PolicyRow>(
    'select category, days from retention_policies order by category',
  );
  return rows;
}

export async function setRetentionDays(
  db: Queryable,
  category: RetentionCategory,
  days: number | null,
  actorId: string,
): Promise<void> {
  if (days === null) {
    await db.query('delete from retention_policies where category = $1', [category]);
    return;
  }
  await db.query(
    `insert into retention_policies (category, days, updated_by) values ($1, $2, $3)
     on conflict (category) do update set days = $2, updated_by = $3, updated_at = now()`,
    [category, days, actorId],
  );
}

export async function erasedPostsPolicy(db: Queryable): Promise<'anonymise' | 'remove'> {
  const { rows } = await db.query<{ erased_posts: 'anonymise' | 'remove' }>(
    'select erased_posts from privacy_policy',
  );
  return rows[0]?.erased_posts ?? 'anonymise';
}

export async function setErasedPostsPolicy(
  db: Queryable,
  value: 'anonymise' | 'remove',
  actorId: string,
): Promise<void> {
  await db.query('update privacy_policy set erased_posts = $1, updated_by = $2, updated_at = now()', [
    value,
    actorId,
  ]);
}

export async function contentAction(db: Queryable): Promise<RetentionAction> {
  const { rows } = await db.query<{ content_action: RetentionAction }>(
    'select content_action from privacy_policy',
  );
  return rows[0]?.content_action ?? 'delete';
}

export async function setContentAction(
  db: Queryable,
  value: RetentionAction,
  actorId: string,
): Promise<void> {
  await db.query('update privacy_policy set content_action = $1, updated_by = $2, updated_at = now()', [
    value,
    actorId,
  ]);
}

export type CommunityRetentionRow = {
  community_id: string;
  slug: string;
  name: string;
  visibility: 'open' | 'closed' | 'secret';
  days: number | null;
  action: RetentionAction;
};

/** Communities with their own content period, those a secret one only for its members (`viewerId`). */
export async function communityRetentions(db: Queryable, viewerId: string): Promise<CommunityRetentionRow[]> {
  const { rows } = await db.query<CommunityRetentionRow>(
    `select cr.community_id::text, c.slug, c.name, c.visibility, cr.days, cr.action
       from community_retention cr join communities c on c.id = cr.community_id
      where c.visibility <> 'secret'
         or exists (select 1 from community_members m where m.community_id = c.id and m.person_id = $1)
      order by lower(c.name), c.id`,
    [viewerId],
  );
  return rows;
}

export async function findCommunityRetention(db: Queryable, communityId: string) {
  const { rows } = await db.query<{ days: number | null; action: RetentionAction }>(
    'select days, action from community_retention where community_id = $1 for update',
    [communityId],
  );
  return rows[0] ?? null;
}

export async function setCommunityRetention(
  db: Queryable,
  communityId: string,
  policy: { days: number | null; action: RetentionAction },
  actorId: string,
): Promise<void> {
  await db.query(
    `insert into community_retention (community_id, days, action, updated_by) values ($1, $2, $3, $4)
     on conflict (community_id) do update set days = $2, action = $3, updated_by = $4, updated_at = now()`,
    [communityId, policy.days, policy.action, actorId],
  );
}

export async function deleteCommunityRetention(db: Queryable, communityId: string): Promise<boolean> {
  const result = await db.query('delete from community_retention where community_id = $1', [communityId]);
  return (result.rowCount ?? 0) > 0;
}
