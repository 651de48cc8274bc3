import type { Queryable } from '../../platform/db/database.js';
import { readableCommunitySql } from '../communities/access.js';

type Row = Record<string, unknown>;

/**
 * Everything Plein holds about one person (GDPR art. 15 and 20). `$1` is the person, `$2` the reader: content
 * of others (a thread's title, a community's name) only where the reader may read it, so a secret community
 * never reaches someone else's export; the person's own posts always, unless an admin asks who may not read them.
 */
export async function personData(db: Queryable, subjectId: string, readerId: string) {
  const own =
    subjectId === readerId ? '$2::bigint is not null' : readableCommunitySql('t.community_id', '$2');
  const readable = readableCommunitySql('t.community_id', '$2');
  const q = async (sql: string, values: unknown[] = [subjectId, readerId]) =>
    (await db.query<Row>(sql, values)).rows;
  const [profile] = await q(
    `select p.handle, p.name, p.email, p.title, p.department, p.location, p.time_zone as "timeZone", p.skills,
            p.bio, p.avatar_url as "avatarUrl", p.locale, p.role, p.is_leader as "isLeader", p.status,
            m.handle as manager, p.created_at as "createdAt", p.activated_at as "activatedAt",
            p.provisioned_via as "provisionedVia", p.suspended_until as "suspendedUntil"
       from people p left join people m on m.id = p.manager_id where p.id = $1 and $2::bigint is not null`,
  );
  return {
    profile: profile ?? null,
    threads: await q(
      `select t.id::text, t.kind, t.title, t.body_md as body, c.slug as community, t.status,
              t.created_at as "createdAt", t.edited_at as "editedAt", t.deleted_at is not null as removed
         from threads t left join communities c on c.id = t.community_id
        where t.author_id = $1 and ${own} order by t.id`,
    ),
    withheldThreads: (
      await q(`select count(*)::int as n from threads t where t.author_id = $1 and not ${own}`)
    )[0]!.n as number,
    replies: await q(
      `select r.id::text, r.thread_id::text as "threadId", case when ${readable} then t.title end as "threadTitle",
              r.body_md as body, r.created_at as "createdAt", r.deleted_at is not null as removed
         from replies r join threads t on t.id = r.thread_id
        where r.author_id = $1 and ${own} order by r.id`,
    ),
    // Their posts' earlier versions (edit history), whoever replaced them.
    versions: await q(
      `select v.thread_id::text as "threadId", null as "replyId", v.title, v.body_md as body,
              v.written_at as "writtenAt", v.replaced_at as "replacedAt", e.handle as "replacedBy", v.id
         from threads t join post_versions v on v.thread_id = t.id and v.reply_id is null
         join people e on e.id = v.replaced_by
        where t.author_id = $1 and ${own}
       union all
       select v.thread_id::text, v.reply_id::text, null, v.body_md, v.written_at, v.replaced_at, e.handle, v.id
         from replies r join threads t on t.id = r.thread_id join post_versions v on v.reply_id = r.id
         join people e on e.id = v.replaced_by
        where r.author_id = $1 and ${own}
       order by id`,
    ).then((rows) => rows.map(({ id: _, ...version }) => version)),
    reactions: await q(
      `select 'thread' as on, x.thread_id::text as id, x.kind, x.created_at as "createdAt"
         from thread_reactions x join threads t on t.id = x.thread_id where x.person_id = $1 and ${own}
       union all
       select 'reply', x.reply_id::text, x.kind, x.created_at
         from reply_reactions x join replies r on r.id = x.reply_id join threads t on t.id = r.thread_id
        where x.person_id = $1 and ${own}`,
    ),
    votes: await q(
      `select v.thread_id::text as "threadId", v.created_at as "createdAt"
         from idea_votes v join threads t on t.id = v.thread_id where v.person_id = $1 and ${own}`,
    ),
    praiseReceived: await q(
      `select pr.thread_id::text as "threadId", a.handle as "from", t.created_at as "createdAt"
         from praise_recipients pr join threads t on t.id = pr.thread_id join people a on a.id = t.author_id
        where pr.person_id = $1 and ${readable}`,
    ),
    memberships: await q(
      `select c.slug, c.name, m.role, m.joined_at as "joinedAt"
         from community_members m join communities c on c.id = m.community_id
        where m.person_id = $1 and ${readableCommunitySql('c.id', '$2')}`,
    ),
    follows: {
      people: await q(
        `select p.handle, f.created_at as "createdAt" from person_follows f join people p on p.id = f.followee_id
          where f.follower_id = $1 and $2::bigint is not null`,
      ),
      communities: await q(
        `select c.slug, f.created_at as "createdAt" from community_follows f join communities c on c.id = f.community_id
          where f.person_id = $1 and ${readableCommunitySql('c.id', '$2')}`,
      ),
      hashtags: await q(
        `select h.tag, f.created_at as "createdAt" from hashtag_follows f join hashtags h on h.id = f.hashtag_id
          where f.person_id = $1 and $2::bigint is not null`,
      ),
      themes: await q(
        `select f.theme_id::text as "themeId", f.created_at as "createdAt" from theme_follows f
          where f.person_id = $1 and $2::bigint is not null`,
      ),
    },
    // What happened and when, not the text: a notification quotes others, whose content is theirs.
    notifications: await q(
      `select n.id::text, n.kind, n.thread_id::text as "threadId", n.created_at as "createdAt", n.read_at as "readAt"
         from notifications n left join threads t on t.id = n.thread_id
        where n.recipient_id = $1 and ${readable} order by n.id`,
    ),
    notificationSettings: {
      mail:
        (
          await q(
            `select kinds, digest, quiet_start as "quietStart", quiet_end as "quietEnd", updated_at as "updatedAt"
             from mail_preferences where person_id = $1 and $2::bigint is not null`,
          )
        )[0] ?? null,
      mutes: await q(
        `select x.thread_id::text as "threadId", c.slug as community, x.created_at as "createdAt"
           from mail_mutes x left join communities c on c.id = x.community_id left join threads t on t.id = x.thread_id
          where x.person_id = $1 and ${readable} and ${readableCommunitySql('x.community_id', '$2')}`,
      ),
    },
    signIns: {
      sessions: await q(
        `select created_at as "createdAt", last_seen_at as "lastSeenAt", expires_at as "expiresAt",
                user_agent as "userAgent", ip from sessions where person_id = $1 and $2::bigint is not null`,
      ),
      sources: await q(
        `select source, last_success_at as "lastSuccessAt" from sign_in_sources
          where person_id = $1 and $2::bigint is not null`,
      ),
      identities: await q(
        `select issuer, created_at as "createdAt", last_sign_in_at as "lastSignInAt" from person_identities
          where person_id = $1 and $2::bigint is not null`,
      ),
      apiTokens: await q(
        `select name, created_at as "createdAt", last_used_at as "lastUsedAt", revoked_at as "revokedAt"
           from api_tokens where person_id = $1 and $2::bigint is not null`,
      ),
    },
    // The audit trail about them: admin changes to their profile and role, and their own admin actions' targets.
    audit: await q(
      `select a.action, a.target_type as "targetType", a.target_id as "targetId", a.created_at as "createdAt",
              case when a.target_type = 'person' and a.target_id = $1::text then a.before end as before,
              case when a.target_type = 'person' and a.target_id = $1::text then a.after end as after
         from audit_entries a
        where ((a.target_type = 'person' and a.target_id = $1::text) or a.actor_id = $1::bigint) and $2::bigint is not null
        order by a.id`,
    ),
  };
}

/** The person's own stored files (post attachments and profile photos), for their archive. */
export async function personFiles(db: Queryable, subjectId: string) {
  const { rows } = await db.query<{
    id: string;
    name: string;
    storage_key: string;
    contentType: string;
    sizeBytes: string;
    purpose: string;
    threadId: string | null;
    replyId: string | null;
    createdAt: Date;
  }>(
    `select id::text, name, storage_key, content_type as "contentType", size_bytes::text as "sizeBytes", purpose,
            thread_id::text as "threadId", reply_id::text as "replyId", created_at as "createdAt"
       from attachments where owner_id = $1 and status = 'ready' and purpose in ('post', 'avatar') order by id`,
    [subjectId],
  );
  return rows;
}

/**
 * eDiscovery's scope: content created in [from, to), in one community or person or all. Every community is in it,
 * closed and secret ones included (docs/PRIVACY.md): a legal export that leaves content out is worthless.
 */
export type DiscoveryScope = { from: Date; to: Date; communityId: string | null; personId: string | null };
const scopeValues = (scope: DiscoveryScope) => [scope.from, scope.to, scope.communityId, scope.personId];
const THREADS_IN_SCOPE = `t.created_at >= $1 and t.created_at < $2 and ($3::bigint is null or t.community_id = $3)
  and ($4::bigint is null or t.author_id = $4)`;
const REPLIES_IN_SCOPE = `r.created_at >= $1 and r.created_at < $2 and ($3::bigint is null or t.community_id = $3)
  and ($4::bigint is null or r.author_id = $4)`;
const PAGE = 500;

/** Pages of a keyset query over `id`, for archives written to disk as they are read. */
async function* pages(
  db: Queryable,
  sql: (after: string) => string,
  values: unknown[],
): AsyncGenerator<Row[]> {
  let after = '0';
  for (;;) {
    const { rows } = await db.query<Row>(sql(`$${values.length + 1}`), [...values, after]);
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.id as string;
    if (rows.length < PAGE) return;
  }
}

export const discoveryThreads = (db: Queryable, scope: DiscoveryScope) =>
  pages(
    db,
    (
      after,
    ) => `select t.id::text, t.kind, t.title, t.body_md as body, a.handle as author, c.slug as community,
                       t.created_at as "createdAt", t.edited_at as "editedAt", t.deleted_at as "removedAt",
                       t.moderation_state as "moderationState"
                  from threads t join people a on a.id = t.author_id left join communities c on c.id = t.community_id
                 where ${THREADS_IN_SCOPE} and t.id > ${after}::bigint order by t.id limit ${PAGE}`,
    scopeValues(scope),
  );

export const discoveryReplies = (db: Queryable, scope: DiscoveryScope) =>
  pages(
    db,
    (after) => `select r.id::text, r.thread_id::text as "threadId", r.body_md as body, a.handle as author,
                       r.created_at as "createdAt", r.deleted_at as "removedAt", r.moderation_state as "moderationState"
                  from replies r join threads t on t.id = r.thread_id join people a on a.id = r.author_id
                 where ${REPLIES_IN_SCOPE} and r.id > ${after}::bigint order by r.id limit ${PAGE}`,
    scopeValues(scope),
  );

/** Earlier versions of the threads and replies in scope (edit history), who replaced each and when. */
export const discoveryVersions = (db: Queryable, scope: DiscoveryScope) =>
  pages(
    db,
    (after) => `select v.id::text, v.thread_id::text as "threadId", v.reply_id::text as "replyId",
                       case when v.reply_id is null then v.title end as title, v.body_md as body,
                       v.written_at as "writtenAt", v.replaced_at as "replacedAt", e.handle as "replacedBy"
                  from post_versions v join threads t on t.id = v.thread_id left join replies r on r.id = v.reply_id
                  join people e on e.id = v.replaced_by
                 where v.id > ${after}::bigint
                   and ((v.reply_id is null and ${THREADS_IN_SCOPE}) or (v.reply_id is not null and ${REPLIES_IN_SCOPE}))
                 order by v.id limit ${PAGE}`,
    scopeValues(scope),
  );

/** Files attached to the threads and replies in scope (a thread's own files, not its replies', go with the thread). */
export const discoveryFiles = (db: Queryable, scope: DiscoveryScope) =>
  pages(
    db,
    (after) => `select f.id::text, f.name, f.storage_key, f.content_type as "contentType",
                       f.size_bytes::text as "sizeBytes", f.thread_id::text as "threadId", f.reply_id::text as "replyId"
                  from attachments f join threads t on t.id = f.thread_id left join replies r on r.id = f.reply_id
                 where f.status = 'ready' and f.id > ${after}::bigint
                   and ((f.reply_id is null and ${THREADS_IN_SCOPE}) or (f.reply_id is not null and ${REPLIES_IN_SCOPE}))
                 order by f.id limit ${PAGE}`,
    scopeValues(scope),
  );

/** The communities whose content is in scope, by name and visibility: the audit entry names each of them. */
export async function discoveryCommunities(db: Queryable, scope: DiscoveryScope) {
  const { rows } = await db.query<{ id: string; slug: string; name: string; visibility: string }>(
    `select c.id::text, c.slug, c.name, c.visibility from communities c
      where c.id in (select t.community_id from threads t where ${THREADS_IN_SCOPE}
                     union select t.community_id from replies r join threads t on t.id = r.thread_id
                            where ${REPLIES_IN_SCOPE})
      order by c.id`,
    scopeValues(scope),
  );
  return rows;
}
