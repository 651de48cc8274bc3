import { ContentFilters } from '../../../contract/moderation.js';
import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';

export type ModerationState = 'hidden' | 'held' | 'removed';
export type TargetType = 'thread' | 'reply' | 'person';

const FILTERS_KEY = 'contentFilters';

/** The organisation's word and link filters (none until an admin sets them). */
export async function loadFilters(db: Queryable): Promise<ContentFilters> {
  const { rows } = await db.query<{ value: unknown }>('select value from settings where key = $1', [
    FILTERS_KEY,
  ]);
  return rows[0] ? ContentFilters.parse(rows[0].value) : { words: [], domains: [] };
}

export async function saveFilters(db: Queryable, filters: ContentFilters, by: string, now: Date) {
  await db.query(
    `insert into settings (key, value, updated_at, updated_by) values ($1, $2, $3, $4)
     on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at,
                                      updated_by = excluded.updated_by`,
    [FILTERS_KEY, JSON.stringify(filters), now, by],
  );
}

export type PostState = { deleted_at: Date | null; moderation_state: ModerationState | null };

/**
 * Hides, holds or removes a post (deleted_at set, so every list skips it; the state says why), or with null
 * brings it back. Returns the state before, or null when there is no such post.
 */
export async function setPostState(
  db: Queryable,
  table: 'threads' | 'replies',
  id: string,
  state: ModerationState | null,
  by: string | null,
  now: Date,
): Promise<PostState | null> {
  const { rows } = await db.query<PostState>(
    `select deleted_at, moderation_state from ${table} where id = $1 for update`,
    [id],
  );
  if (!rows[0]) return null;
  await db.query(
    `update ${table} set
            deleted_at = case when $2::text is null then null else coalesce(deleted_at, $3) end,
            deleted_by = case when $2::text is null then null else coalesce(deleted_by, $4) end,
            moderation_state = $2
      where id = $1`,
    [id, state, now, by],
  );
  return rows[0];
}

/** A reply hidden or back again: its thread's count and first answer follow the replies anyone can read. */
export async function recountReplies(db: Queryable, threadId: string): Promise<void> {
  await db.query(
    `update threads t set
            reply_count = (select count(*) from replies r where r.thread_id = t.id and r.deleted_at is null),
            accepted_reply_id = case when exists (select 1 from replies r where r.id = t.accepted_reply_id
                                                    and r.deleted_at is null) then t.accepted_reply_id end,
            accepted_at = case when exists (select 1 from replies r where r.id = t.accepted_reply_id
                                              and r.deleted_at is null) then t.accepted_at end,
            status = case when t.kind = 'question' and not exists (select 1 from replies r
                            where r.id = t.accepted_reply_id and r.deleted_at is null) then 'open' else t.status end,
            first_reply_at = (select min(r.created_at) from replies r where r.thread_id = t.id
                                and r.deleted_at is null and r.author_id <> t.author_id)
      where t.id = $1`,
    [threadId],
  );
}

export type NewReport = {
  kind: 'report' | 'held' | 'appeal';
  targetType: TargetType;
  threadId: string | null;
  replyId: string | null;
  personId: string;
  communityId: string | null;
  reporterId: string | null;
  reason: string;
  note: string;
  appealOf?: string | null;
};

/** A new queue item; a second open report by the same person of the same thing is the first one. */
export async function insertReport(db: Queryable, report: NewReport, now: Date): Promise<string> {
  const values = [
    report.kind,
    report.targetType,
    report.threadId,
    report.replyId,
    report.personId,
    report.communityId,
    report.reporterId,
    report.reason,
    report.note,
    report.appealOf ?? null,
    now,
  ];
  const { rows } = await db.query<{ id: string }>(
    `insert into reports (kind, target_type, thread_id, reply_id, person_id, community_id, reporter_id, reason,
                          note, appeal_of, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (reporter_id, target_type, coalesce(thread_id, 0), coalesce(reply_id, 0), person_id)
        where status = 'open' and kind = 'report' do nothing
     returning id`,
    values,
  );
  if (rows[0]) return rows[0].id;
  const existing = await db.query<{ id: string }>(
    `select id from reports where status = 'open' and kind = 'report' and reporter_id = $1 and target_type = $2
        and coalesce(thread_id, 0) = coalesce($3::bigint, 0) and coalesce(reply_id, 0) = coalesce($4::bigint, 0)
        and person_id = $5`,
    [report.reporterId, report.targetType, report.threadId, report.replyId, report.personId],
  );
  return existing.rows[0]!.id;
}

export type ReportRow = {
  id: string;
  kind: 'report' | 'held' | 'appeal';
  target_type: TargetType;
  thread_id: string | null;
  reply_id: string | null;
  person_id: string;
  community_id: string | null;
  reporter_id: string | null;
  reason: string;
  note: string;
  appeal_of: string | null;
  status: 'open' | 'resolved';
  created_at: Date;
};

/** A queue item with where it sits as this viewer stands there, and the post it is about. */
export type QueueRow = ReportRow & {
  community_slug: string | null;
  community_name: string | null;
  community_visibility: 'open' | 'closed' | 'secret' | null;
  my_role: 'owner' | 'member' | null;
  post_title: string | null;
  post_body_html: string | null;
  post_author_id: string | null;
  post_state: ModerationState | null;
  thread_locked: boolean;
  thread_company_wide: boolean | null;
  appeal_action: string | null;
  appeal_reason: string | null;
  appeal_note: string | null;
};

const QUEUE_SELECT = `select r.*, c.slug as community_slug, c.name as community_name,
       c.visibility as community_visibility, m.role as my_role,
       t.title as post_title, coalesce(rp.body_html, t.body_html) as post_body_html,
       coalesce(rp.author_id, t.author_id) as post_author_id,
       case when r.reply_id is not null then rp.moderation_state else t.moderation_state end as post_state,
       t.locked_at is not null as thread_locked, t.company_wide as thread_company_wide,
       a.action as appeal_action, a.reason as appeal_reason, a.note as appeal_note
  from reports r
  left join communities c on c.id = r.community_id
  left join community_members m on m.community_id = r.community_id and m.person_id = $1
  left join threads t on t.id = r.thread_id
  left join replies rp on rp.id = r.reply_id
  left join moderation_actions a on a.id = r.appeal_of`;

/**
 * Open queue items, newest first (keyset on id): every one for the organisation's moderators (`everything`), else
 * those in communities the viewer owns.
 */
export async function listQueue(
  db: Queryable,
  viewerId: string,
  options: { everything: boolean; communityId: string | null; beforeId: string | null; limit: number },
): Promise<QueueRow[]> {
  const { rows } = await db.query<QueueRow>(
    `${QUEUE_SELECT}
      where r.status = 'open'
        and ($2 or exists (select 1 from community_members o where o.community_id = r.community_id
                              and o.person_id = $1 and o.role = 'owner'))
        and ($3::bigint is null or r.community_id = $3)
        and ($4::bigint is null or r.id < $4)
      order by r.id desc limit $5`,
    [viewerId, options.everything, options.communityId, options.beforeId, options.limit],
  );
  return rows;
}

export async function findQueueItem(db: Queryable, viewerId: string, id: string): Promise<QueueRow | null> {
  const { rows } = await db.query<QueueRow>(`${QUEUE_SELECT} where r.id = $2 for update of r`, [
    viewerId,
    id,
  ]);
  return rows[0] ?? null;
}

/** Whether the viewer owns any community: owners have a queue too. */
export async function ownsAnyCommunity(db: Queryable, viewerId: string): Promise<boolean> {
  const { rows } = await db.query(
    "select 1 from community_members where person_id = $1 and role = 'owner' limit 1",
    [viewerId],
  );
  return rows.length > 0;
}

export type NewAction = {
  action: string;
  targetType: TargetType;
  threadId: string | null;
  replyId: string | null;
  personId: string | null;
  communityId: string | null;
  actorId: string;
  reason: string;
  note: string;
  until?: Date | null;
};

export async function insertAction(db: Queryable, action: NewAction, now: Date): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into moderation_actions (action, target_type, thread_id, reply_id, person_id, community_id, actor_id,
                                     reason, note, until, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [
      action.action,
      action.targetType,
      action.threadId,
      action.replyId,
      action.personId,
      action.communityId,
      action.actorId,
      action.reason,
      action.note,
      action.until ?? null,
      now,
    ],
  );
  return rows[0]!.id;
}

/** Closes a queue item and the other open reports of the same thing: one decision answers them all. */
export async function resolveReports(
  db: Queryable,
  report: ReportRow,
  actionId: string,
  by: string,
  now: Date,
): Promise<void> {
  await db.query(
    `update reports set status = 'resolved', resolved_by = $2, resolved_at = $3, action_id = $4
      where status = 'open' and (id = $1 or (kind = 'report' and $5 = 'report' and target_type = $6
        and coalesce(thread_id, 0) = coalesce($7::bigint, 0) and coalesce(reply_id, 0) = coalesce($8::bigint, 0)
        and person_id = $9))`,
    [
      report.id,
      by,
      now,
      actionId,
      report.kind,
      report.target_type,
      report.thread_id,
      report.reply_id,
      report.person_id,
    ],
  );
}

export type ActionRow = {
  id: string;
  action: string;
  target_type: TargetType;
  thread_id: string | null;
  reply_id: string | null;
  person_id: string | null;
  community_id: string | null;
  reason: string;
  note: string;
  appealed: boolean;
};

export async function findAction(db: Queryable, id: string): Promise<ActionRow | null> {
  const { rows } = await db.query<ActionRow>(
    `select a.id, a.action, a.target_type, a.thread_id, a.reply_id, a.person_id, a.community_id, a.reason, a.note,
            exists (select 1 from reports r where r.appeal_of = a.id) as appealed
       from moderation_actions a where a.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function setLocked(db: Queryable, threadId: string, at: Date | null): Promise<void> {
  await db.query('update threads set locked_at = $2 where id = $1', [threadId, at]);
}

/** Pins a thread; false when it was pinned there already. */
export async function pin(db: Queryable, threadId: string, scope: string, by: string, now: Date) {
  const { rowCount } = await db.query(
    `insert into thread_pins (thread_id, scope, pinned_by, pinned_at) values ($1, $2, $3, $4)
     on conflict do nothing`,
    [threadId, scope, by, now],
  );
  return (rowCount ?? 0) > 0;
}

export async function unpin(db: Queryable, threadId: string, scope: string): Promise<boolean> {
  const { rowCount } = await db.query('delete from thread_pins where thread_id = $1 and scope = $2', [
    threadId,
    scope,
  ]);
  return (rowCount ?? 0) > 0;
}

/** Pinned live threads, newest pin first: a community's, or the home page's the viewer may read. */
export async function pinnedIds(
  db: Queryable,
  scope: 'community' | 'home',
  communityId: string | null,
  viewerId: string,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select t.id from thread_pins p join threads t on t.id = p.thread_id
      where p.scope = $1 and t.deleted_at is null and ($2::bigint is null or t.community_id = $2)
        and ${readableCommunitySql('t.community_id', '$3')}
      order by p.pinned_at desc, t.id desc limit 10`,
    [scope, communityId, viewerId],
  );
  return rows.map((row) => row.id);
}

/** Moves a thread: its community pin stays behind, open reports follow it to its new owners. */
export async function moveThread(db: Queryable, threadId: string, communityId: string): Promise<void> {
  await db.query('update threads set community_id = $2 where id = $1', [threadId, communityId]);
  await db.query("delete from thread_pins where thread_id = $1 and scope = 'community'", [threadId]);
  await db.query('update reports set community_id = $2 where thread_id = $1', [threadId, communityId]);
}

export async function setSuspendedUntil(db: Queryable, personId: string, until: Date | null) {
  await db.query('update people set suspended_until = $2 where id = $1', [personId, until]);
}

export async function findRules(db: Queryable, communityId: string) {
  const { rows } = await db.query<{ rules_md: string; rules_html: string }>(
    'select rules_md, rules_html from communities where id = $1',
    [communityId],
  );
  return rows[0] ?? { rules_md: '', rules_html: '' };
}

export async function saveRules(db: Queryable, communityId: string, markdown: string, html: string) {
  await db.query('update communities set rules_md = $2, rules_html = $3 where id = $1', [
    communityId,
    markdown,
    html,
  ]);
}
