import type { Queryable } from '../../../platform/db/database.js';

export type MappedKind = 'person' | 'community' | 'thread' | 'reply';
export type SourceRef = { source: string; id: string };

/** The key a (source, source id) pair goes by in the loader's maps. */
export const sourceKey = (source: string, id: string) => `${source}\u0001${id}`;

const pairs = (refs: readonly SourceRef[]) => [refs.map((r) => r.source), refs.map((r) => r.id)];

/** Which of these source ids an earlier run imported. */
export async function knownSourceIds(db: Queryable, kind: MappedKind, refs: readonly SourceRef[]) {
  return new Set((await resolveIds(db, kind, refs)).keys());
}

/** Source id → Plein id of what earlier batches or runs imported. */
export async function resolveIds(
  db: Queryable,
  kind: MappedKind,
  refs: readonly SourceRef[],
): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const { rows } = await db.query<{ source: string; source_id: string; plein_id: string }>(
    `select s.source, s.source_id, s.plein_id from import_sources s
       join unnest($2::text[], $3::text[]) as r(source, source_id) using (source, source_id)
      where s.kind = $1`,
    [kind, ...pairs(refs)],
  );
  return new Map(rows.map((row) => [sourceKey(row.source, row.source_id), row.plein_id]));
}

export async function insertMappings(
  db: Queryable,
  kind: MappedKind,
  rows: { source: string; sourceId: string; pleinId: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `insert into import_sources (kind, source, source_id, plein_id)
     select $1, * from unnest($2::text[], $3::text[], $4::bigint[]) on conflict do nothing`,
    [kind, rows.map((r) => r.source), rows.map((r) => r.sourceId), rows.map((r) => r.pleinId)],
  );
}

/** Ids drawn from a table's own sequence, so a batch's rows can refer to each other before they are written. */
export async function nextIds(
  db: Queryable,
  table: 'people' | 'communities' | 'threads' | 'replies',
  count: number,
): Promise<string[]> {
  if (count === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `select nextval(pg_get_serial_sequence($1, 'id'))::text as id from generate_series(1, $2)`,
    [table, count],
  );
  return rows.map((row) => row.id);
}

/**
 * Of these lower-case bases, every handle (or slug) already taken that claimName could pick for one: the base
 * itself or the base and digits. People by an index range
 * (handles that start with the base); communities, a few hundred, by a scan.
 */
export async function takenNames(
  db: Queryable,
  table: 'people' | 'communities',
  bases: string[],
): Promise<Set<string>> {
  if (bases.length === 0) return new Set();
  const { rows } = await db.query<{ name: string }>(
    table === 'people'
      ? `select lower(p.handle) as name from unnest($1::text[]) as b(base)
           join people p on lower(p.handle) ~>=~ b.base and lower(p.handle) ~<~ (b.base || chr(1114111))
          where ltrim(substr(lower(p.handle), length(b.base) + 1), '0123456789') = ''`
      : `select lower(c.slug) as name from unnest($1::text[]) as b(base)
           join communities c on left(lower(c.slug), length(b.base)) = b.base
          where ltrim(substr(lower(c.slug), length(b.base) + 1), '0123456789') = ''`,
    [bases],
  );
  return new Set(rows.map((row) => row.name));
}

/** Existing people by address (lower-case), so an import uses them instead of making a second. */
export async function peopleByEmail(db: Queryable, emails: string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; email: string }>(
    `select id, lower(email) as email from people where lower(email) = any($1::text[])`,
    [emails],
  );
  return new Map(rows.map((row) => [row.email, row.id]));
}

export type PersonFacts = { id: string; handle: string; isLeader: boolean };

/** Imported people with what a post needs of them: a handle for mentions, the leader flag for origin. */
export async function resolvePeople(db: Queryable, source: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, PersonFacts>();
  const { rows } = await db.query<{ source_id: string; id: string; handle: string; is_leader: boolean }>(
    `select s.source_id, p.id, lower(p.handle) as handle, p.is_leader
       from import_sources s join people p on p.id = s.plein_id
      where s.kind = 'person' and s.source = $1 and s.source_id = any($2::text[])`,
    [source, ids],
  );
  return new Map(rows.map((r) => [r.source_id, { id: r.id, handle: r.handle, isLeader: r.is_leader }]));
}

export type CommunityFacts = { id: string; visibility: 'open' | 'closed' | 'secret' };

export async function resolveCommunities(db: Queryable, source: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, CommunityFacts>();
  const { rows } = await db.query<{
    source_id: string;
    id: string;
    visibility: CommunityFacts['visibility'];
  }>(
    `select s.source_id, c.id, c.visibility
       from import_sources s join communities c on c.id = s.plein_id
      where s.kind = 'community' and s.source = $1 and s.source_id = any($2::text[])`,
    [source, ids],
  );
  return new Map(rows.map((r) => [r.source_id, { id: r.id, visibility: r.visibility }]));
}

export type ThreadFacts = {
  id: string;
  authorId: string;
  communityId: string | null;
  visibility: CommunityFacts['visibility'] | null;
  kind: string;
  title: string;
  bodyMd: string;
  deleted: boolean;
};

export async function resolveThreads(db: Queryable, source: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, ThreadFacts>();
  const { rows } = await db.query<{
    source_id: string;
    id: string;
    author_id: string;
    community_id: string | null;
    visibility: ThreadFacts['visibility'];
    kind: string;
    title: string;
    body_md: string;
    deleted: boolean;
  }>(
    `select s.source_id, t.id, t.author_id, t.community_id, c.visibility, t.kind, t.title, t.body_md,
            t.deleted_at is not null as deleted
       from import_sources s join threads t on t.id = s.plein_id
       left join communities c on c.id = t.community_id
      where s.kind = 'thread' and s.source = $1 and s.source_id = any($2::text[])`,
    [source, ids],
  );
  return new Map(
    rows.map((r) => [
      r.source_id,
      {
        id: r.id,
        authorId: r.author_id,
        communityId: r.community_id,
        visibility: r.visibility,
        kind: r.kind,
        title: r.title,
        bodyMd: r.body_md,
        deleted: r.deleted,
      },
    ]),
  );
}

export type ReplyFacts = {
  id: string;
  threadId: string;
  parentId: string | null;
  bodyMd: string;
  deleted: boolean;
};

export async function resolveReplies(db: Queryable, source: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, ReplyFacts>();
  const { rows } = await db.query<{
    source_id: string;
    id: string;
    thread_id: string;
    parent_id: string | null;
    body_md: string;
    deleted: boolean;
  }>(
    `select s.source_id, r.id, r.thread_id, r.parent_id, r.body_md, r.deleted_at is not null as deleted
       from import_sources s join replies r on r.id = s.plein_id
      where s.kind = 'reply' and s.source = $1 and s.source_id = any($2::text[])`,
    [source, ids],
  );
  return new Map(
    rows.map((r) => [
      r.source_id,
      { id: r.id, threadId: r.thread_id, parentId: r.parent_id, bodyMd: r.body_md, deleted: r.deleted },
    ]),
  );
}

/** Who took part in a community that is not open was a member of it: the only way they could have. */
export async function insertMembers(
  db: Queryable,
  rows: { communityId: string; personId: string; role: 'owner' | 'member'; joinedAt: string }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db.query(
    `insert into community_members (community_id, person_id, role, joined_at)
     select distinct on (c, p) c, p, r, j
       from unnest($1::bigint[], $2::bigint[], $3::text[], $4::timestamptz[]) as m(c, p, r, j)
      order by c, p, r = 'owner' desc, j
     on conflict (community_id, person_id) do nothing`,
    [
      rows.map((r) => r.communityId),
      rows.map((r) => r.personId),
      rows.map((r) => r.role),
      rows.map((r) => r.joinedAt),
    ],
  );
  return result.rowCount ?? 0;
}

/** The author and everyone who replied follow a thread, as they do when they post live. */
export async function insertFollows(
  db: Queryable,
  rows: { threadId: string; personId: string; at: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `insert into thread_follows (thread_id, person_id, created_at)
     select distinct on (t, p) t, p, a from unnest($1::bigint[], $2::bigint[], $3::timestamptz[]) as f(t, p, a)
      order by t, p, a
     on conflict do nothing`,
    [rows.map((r) => r.threadId), rows.map((r) => r.personId), rows.map((r) => r.at)],
  );
}

export async function insertMentions(
  db: Queryable,
  rows: { threadId: string; replyId: string | null; personId: string; at: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `insert into mentions (thread_id, reply_id, person_id, created_at)
     select * from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::timestamptz[])`,
    [
      rows.map((r) => r.threadId),
      rows.map((r) => r.replyId),
      rows.map((r) => r.personId),
      rows.map((r) => r.at),
    ],
  );
}

/** Makes the stored mentions of one post exactly these people (a later export changed its text). */
export async function replacePostMentions(
  db: Queryable,
  target: { threadId: string; replyId: string | null },
  personIds: string[],
  at: string,
): Promise<void> {
  await db.query(
    `delete from mentions where thread_id = $1 and reply_id is not distinct from $2::bigint
        and person_id <> all($3::bigint[])`,
    [target.threadId, target.replyId, personIds],
  );
  await db.query(
    `insert into mentions (thread_id, reply_id, person_id, created_at)
     select $1, $2::bigint, p, $4 from unnest($3::bigint[]) p
      where not exists (select 1 from mentions m where m.thread_id = $1
                          and m.reply_id is not distinct from $2::bigint and m.person_id = p)`,
    [target.threadId, target.replyId, personIds, at],
  );
}

/** Tags and their threads; a tag first seen on an old post is as old as that post. */
export async function insertThreadHashtags(
  db: Queryable,
  rows: { threadId: string; tag: string; at: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = [rows.map((r) => r.threadId), rows.map((r) => r.tag), rows.map((r) => r.at)];
  await db.query(
    `insert into hashtags (tag, created_at)
     select tag, min(at) from unnest($1::text[], $2::timestamptz[]) as h(tag, at) group by tag order by tag
     on conflict (tag) do nothing`,
    [values[1], values[2]],
  );
  await db.query(
    `insert into thread_hashtags (thread_id, hashtag_id, last_activity_at)
     select distinct on (t.thread_id, h.id) t.thread_id, h.id, t.at
       from unnest($1::bigint[], $2::text[], $3::timestamptz[]) as t(thread_id, tag, at)
       join hashtags h on h.tag = t.tag
     on conflict do nothing`,
    values,
  );
}

/** Soft delete, as a deletion in Plein does: the row stays, every list skips it. */
export async function softDelete(
  db: Queryable,
  table: 'threads' | 'replies',
  rows: { id: string; at: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `update ${table} x set deleted_at = d.at from unnest($1::bigint[], $2::timestamptz[]) as d(id, at)
      where x.id = d.id and x.deleted_at is null`,
    [rows.map((r) => r.id), rows.map((r) => r.at)],
  );
}

/** Who acted on a thread in a closed or secret community was a member of it: the only way they could have. */
export async function insertActorMemberships(
  db: Queryable,
  rows: { threadId: string; personId: string; at: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `insert into community_members (community_id, person_id, role, joined_at)
     select distinct on (t.community_id, x.person_id) t.community_id, x.person_id, 'member', x.at
       from unnest($1::bigint[], $2::bigint[], $3::timestamptz[]) as x(thread_id, person_id, at)
       join threads t on t.id = x.thread_id
       join communities c on c.id = t.community_id and c.visibility <> 'open'
      order by t.community_id, x.person_id, x.at
     on conflict (community_id, person_id) do nothing`,
    [rows.map((r) => r.threadId), rows.map((r) => r.personId), rows.map((r) => r.at)],
  );
}
