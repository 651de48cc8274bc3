import type { Queryable } from '../../platform/db/database.js';
import { statement } from '../../platform/db/statement.js';
import { readableCommunitySql } from '../communities/access.js';
import type { StoredPreferences } from './preferences.js';

export type NoticeRow = {
  id: string;
  kind: string;
  recipient_id: string;
  thread_id: string | null;
  reply_id: string | null;
  data: Record<string, unknown>;
  email: string;
  locale: 'nl' | 'en' | null;
  time_zone: string;
  active: boolean;
  bounce_score: number;
  actor_name: string | null;
  title: string | null;
  thread_html: string | null;
  reply_html: string | null;
  parent_id: string | null;
  community_name: string | null;
  /** The recipient may still read what it is about (thread not removed, community readable). */
  readable: boolean;
  muted: boolean;
  preferences: StoredPreferences | null;
};

/**
 * Takes up to `limit` notifications waiting for mail, with all a mail needs; rows another node is composing are
 * skipped (SKIP LOCKED), so two nodes never compose the same one. Call inside a transaction.
 */
export async function takePendingNotices(db: Queryable, limit: number): Promise<NoticeRow[]> {
  const { rows } = await db.query<NoticeRow>(
    `select n.id, n.kind, n.recipient_id, n.thread_id, n.reply_id, n.data,
            p.email, p.locale, p.time_zone, p.status = 'active' as active, coalesce(mr.bounce_score, 0) as bounce_score,
            a.name as actor_name, t.title, t.body_html as thread_html, r.body_html as reply_html, r.parent_id,
            c.name as community_name,
            (${readableCommunitySql('n.community_id', 'n.recipient_id')}
              and (n.thread_id is null or (t.deleted_at is null and ${readableCommunitySql('t.community_id', 'n.recipient_id')}))
              and (n.reply_id is null or r.deleted_at is null)) as readable,
            exists (select 1 from mail_mutes mm
                     where mm.person_id = n.recipient_id
                       and (mm.thread_id = n.thread_id or mm.community_id = coalesce(t.community_id, n.community_id)))
              as muted,
            case when mp.person_id is null then null
                 else json_build_object('kinds', mp.kinds, 'digest', mp.digest, 'quiet_start', mp.quiet_start,
                                        'quiet_end', mp.quiet_end) end as preferences
       from notifications n
       join people p on p.id = n.recipient_id
       left join people a on a.id = n.actor_id
       left join threads t on t.id = n.thread_id
       left join replies r on r.id = n.reply_id
       left join communities c on c.id = coalesce(t.community_id, n.community_id)
       left join mail_recipients mr on mr.person_id = n.recipient_id
       left join mail_preferences mp on mp.person_id = n.recipient_id
      where n.mail_pending
      order by n.id
      limit $1
      for update of n skip locked`,
    [limit],
  );
  return rows;
}

export async function clearPending(db: Queryable, ids: string[]): Promise<void> {
  if (ids.length)
    await db.query('update notifications set mail_pending = false where id = any($1::bigint[])', [ids]);
}

/** An outcome update's content, for the mail about it. */
export async function outcomeHtml(db: Queryable, outcomeId: string): Promise<string | null> {
  const { rows } = await db.query<{ body_html: string }>(
    'select body_html from theme_outcomes where id = $1',
    [outcomeId],
  );
  return rows[0]?.body_html ?? null;
}

const MAIL_CHOICES = statement(
  `select (select value from settings where key = $2) as defaults,
          (select coalesce(jsonb_object_agg(person_id::text, kinds), '{}')
             from mail_preferences where person_id = any($1::bigint[])) as kinds`,
);

/**
 * What notify() needs to pick each notice's channel, in one look-up: the organisation's stored mail defaults
 * (the setting's value, null when never set) and each of these people's own choices per kind.
 */
export async function mailChoicesOf(
  db: Queryable,
  personIds: string[],
  defaultsKey: string,
): Promise<{ defaults: unknown; kinds: Map<string, StoredPreferences['kinds']> }> {
  const { rows } = await db.query<{ defaults: unknown; kinds: Record<string, StoredPreferences['kinds']> }>({
    ...MAIL_CHOICES,
    values: [personIds, defaultsKey],
  });
  return { defaults: rows[0]!.defaults, kinds: new Map(Object.entries(rows[0]!.kinds)) };
}
