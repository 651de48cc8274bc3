import type { ChannelByKind, DigestFrequency } from '../../../contract/mail.js';
import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';
import type { StoredPreferences } from './preferences.js';

export async function storedPreferences(db: Queryable, personId: string): Promise<StoredPreferences | null> {
  const { rows } = await db.query<StoredPreferences>(
    'select kinds, digest, quiet_start, quiet_end from mail_preferences where person_id = $1',
    [personId],
  );
  return rows[0] ?? null;
}

/** Writes what is given, keeping the rest; kinds merge key by key. */
export async function savePreferences(
  db: Queryable,
  personId: string,
  changes: {
    kinds?: Partial<ChannelByKind>;
    digest?: DigestFrequency;
    quiet?: { start: number; end: number } | null;
  },
  now: Date,
): Promise<void> {
  await db.query(
    `insert into mail_preferences (person_id, kinds, digest, quiet_start, quiet_end, updated_at)
     values ($1, $2, $3, $5, $6, $7)
     on conflict (person_id) do update set
       kinds = mail_preferences.kinds || excluded.kinds,
       digest = coalesce(excluded.digest, mail_preferences.digest),
       quiet_start = case when $4 then excluded.quiet_start else mail_preferences.quiet_start end,
       quiet_end = case when $4 then excluded.quiet_end else mail_preferences.quiet_end end,
       updated_at = excluded.updated_at`,
    [
      personId,
      JSON.stringify(changes.kinds ?? {}),
      changes.digest ?? null,
      changes.quiet !== undefined,
      changes.quiet?.start ?? null,
      changes.quiet?.end ?? null,
      now,
    ],
  );
}

export type MuteRow = {
  thread_id: string | null;
  thread_title: string | null;
  community_slug: string | null;
  community_name: string | null;
};

/** The person's mutes, only those about what they may still read. */
export async function mutesOf(db: Queryable, personId: string): Promise<MuteRow[]> {
  const { rows } = await db.query<MuteRow>(
    `select m.thread_id, t.title as thread_title, c.slug as community_slug, c.name as community_name
       from mail_mutes m
       left join threads t on t.id = m.thread_id
       left join communities c on c.id = m.community_id
      where m.person_id = $1
        and (m.thread_id is null or (t.deleted_at is null and ${readableCommunitySql('t.community_id', '$1')}))
        and (m.community_id is null or ${readableCommunitySql('m.community_id', '$1')})
      order by m.created_at desc
      limit 200`,
    [personId],
  );
  return rows;
}

export async function setMute(
  db: Queryable,
  personId: string,
  target: { threadId: string } | { communityId: string },
  on: boolean,
  now: Date,
): Promise<void> {
  const column = 'threadId' in target ? 'thread_id' : 'community_id';
  const id = 'threadId' in target ? target.threadId : target.communityId;
  if (on) {
    await db.query(
      `insert into mail_mutes (person_id, ${column}, created_at) values ($1, $2, $3)
       on conflict (person_id, ${column}) where ${column} is not null do nothing`,
      [personId, id, now],
    );
  } else {
    await db.query(`delete from mail_mutes where person_id = $1 and ${column} = $2`, [personId, id]);
  }
}

export async function personTimeZone(db: Queryable, personId: string): Promise<string | null> {
  const { rows } = await db.query<{ time_zone: string }>(
    `select time_zone from people where id = $1 and status = 'active'`,
    [personId],
  );
  return rows[0]?.time_zone ?? null;
}
