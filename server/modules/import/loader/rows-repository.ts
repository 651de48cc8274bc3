import type { Queryable } from '../../../platform/db/database.js';
import { editReplyText, editThreadText } from '../../edit-history/repository.js';

/** Columns of a multi-row insert: one array per column, unnested side by side. */
type Columns = Record<string, { type: string; values: unknown[] }>;

async function insertRows(db: Queryable, table: string, columns: Columns, suffix = ''): Promise<void> {
  const names = Object.keys(columns);
  const count = columns[names[0]!]!.values.length;
  if (count === 0) return;
  const params = names.map((name, i) => `$${i + 1}::${columns[name]!.type}[]`).join(', ');
  await db.query(
    `insert into ${table} (${names.join(', ')}) overriding system value
     select * from unnest(${params}) ${suffix}`,
    names.map((name) => columns[name]!.values),
  );
}

const column = <T>(type: string, rows: T[], pick: (row: T) => unknown) => ({ type, values: rows.map(pick) });

export type NewPerson = {
  id: string;
  handle: string;
  email: string | null;
  name: string;
  title: string;
  department: string;
  location: string;
  isLeader: boolean;
  createdAt: string;
};

/** Imported people start deactivated: they take part in the history, and sign in when they join Plein. */
export async function insertPeople(db: Queryable, rows: NewPerson[], source: string, now: Date) {
  await insertRows(db, 'people', {
    id: column('bigint', rows, (r) => r.id),
    handle: column('text', rows, (r) => r.handle),
    email: column('text', rows, (r) => r.email),
    name: column('text', rows, (r) => r.name),
    title: column('text', rows, (r) => r.title),
    department: column('text', rows, (r) => r.department),
    location: column('text', rows, (r) => r.location),
    is_leader: column('boolean', rows, (r) => r.isLeader),
    status: column('text', rows, () => 'deactivated'),
    created_at: column('timestamptz', rows, (r) => r.createdAt),
    updated_at: column('timestamptz', rows, (r) => r.createdAt),
    import_source: column('text', rows, () => source),
    imported_at: column('timestamptz', rows, () => now),
  });
}

/** A later export's profile of someone an earlier run created (never of a person who was already in Plein). */
export async function updateImportedPeople(
  db: Queryable,
  rows: Omit<NewPerson, 'handle' | 'email' | 'createdAt'>[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db.query(
    `update people p set name = u.name, title = u.title, department = u.department, location = u.location,
            is_leader = u.is_leader, updated_at = now()
       from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])
            as u(id, name, title, department, location, is_leader)
      where p.id = u.id and p.import_source is not null
        and (p.name, p.title, p.department, p.location, p.is_leader)
            is distinct from (u.name, u.title, u.department, u.location, u.is_leader)`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.name),
      rows.map((r) => r.title),
      rows.map((r) => r.department),
      rows.map((r) => r.location),
      rows.map((r) => r.isLeader),
    ],
  );
  return result.rowCount ?? 0;
}

export type NewCommunity = {
  id: string;
  slug: string;
  name: string;
  description: string;
  visibility: 'open' | 'closed' | 'secret';
  kind: 'general' | 'specialist';
  threshold: number;
  createdAt: string;
};

export async function insertCommunities(db: Queryable, rows: NewCommunity[], source: string, now: Date) {
  await insertRows(db, 'communities', {
    id: column('bigint', rows, (r) => r.id),
    slug: column('text', rows, (r) => r.slug),
    name: column('text', rows, (r) => r.name),
    description: column('text', rows, (r) => r.description),
    visibility: column('text', rows, (r) => r.visibility),
    kind: column('text', rows, (r) => r.kind),
    viability_threshold: column('integer', rows, (r) => r.threshold),
    created_at: column('timestamptz', rows, (r) => r.createdAt),
    updated_at: column('timestamptz', rows, (r) => r.createdAt),
    import_source: column('text', rows, () => source),
    imported_at: column('timestamptz', rows, () => now),
  });
}

export type NewThread = {
  id: string;
  communityId: string | null;
  authorId: string;
  kind: string;
  title: string;
  titleInvented: boolean;
  bodyMd: string;
  bodyHtml: string;
  origin: 'top_down' | 'bottom_up';
  companyWide: boolean;
  status: string | null;
  createdAt: string;
  editedAt: string | null;
};

/** last_activity_at starts at creation; the finish step moves it to the last reply, as live replies do. */
export async function insertThreads(db: Queryable, rows: NewThread[], source: string, now: Date) {
  await insertRows(db, 'threads', {
    id: column('bigint', rows, (r) => r.id),
    community_id: column('bigint', rows, (r) => r.communityId),
    author_id: column('bigint', rows, (r) => r.authorId),
    kind: column('text', rows, (r) => r.kind),
    title: column('text', rows, (r) => r.title),
    title_invented: column('boolean', rows, (r) => r.titleInvented),
    body_md: column('text', rows, (r) => r.bodyMd),
    body_html: column('text', rows, (r) => r.bodyHtml),
    origin: column('text', rows, (r) => r.origin),
    company_wide: column('boolean', rows, (r) => r.companyWide),
    status: column('text', rows, (r) => r.status),
    created_at: column('timestamptz', rows, (r) => r.createdAt),
    last_activity_at: column('timestamptz', rows, (r) => r.createdAt),
    edited_at: column('timestamptz', rows, (r) => r.editedAt),
    import_source: column('text', rows, () => source),
    imported_at: column('timestamptz', rows, () => now),
  });
}

export type NewReply = {
  id: string;
  threadId: string;
  parentId: string | null;
  authorId: string;
  bodyMd: string;
  bodyHtml: string;
  createdAt: string;
  editedAt: string | null;
};

export async function insertReplies(db: Queryable, rows: NewReply[], source: string, now: Date) {
  await insertRows(db, 'replies', {
    id: column('bigint', rows, (r) => r.id),
    thread_id: column('bigint', rows, (r) => r.threadId),
    parent_id: column('bigint', rows, (r) => r.parentId),
    author_id: column('bigint', rows, (r) => r.authorId),
    body_md: column('text', rows, (r) => r.bodyMd),
    body_html: column('text', rows, (r) => r.bodyHtml),
    created_at: column('timestamptz', rows, (r) => r.createdAt),
    edited_at: column('timestamptz', rows, (r) => r.editedAt),
    import_source: column('text', rows, () => source),
    imported_at: column('timestamptz', rows, () => now),
  });
}

/**
 * A later export changed a post's text: the new text, rendered again (its search vector follows by trigger); the
 * text it replaces is kept as a version, as an edit in Plein would keep it (the author's, as in the source).
 */
export async function updatePostContent(
  db: Queryable,
  table: 'threads' | 'replies',
  row: { id: string; title?: string; bodyMd: string; bodyHtml: string; editedAt: string | null },
  now: Date,
): Promise<void> {
  const edit = { at: row.editedAt ?? now, by: null };
  if (table === 'threads') await editThreadText(db, row.id, { ...row, title: row.title ?? '' }, edit);
  else await editReplyText(db, row.id, row, edit);
}

/** The accepted answer of a question, when the source knows it; never replaces one chosen in Plein. */
export async function acceptAnswers(
  db: Queryable,
  rows: { threadId: string; replyId: string; at: string }[],
) {
  if (rows.length === 0) return;
  await db.query(
    `update threads t set accepted_reply_id = a.reply_id, accepted_at = a.at, status = 'answered'
       from unnest($1::bigint[], $2::bigint[], $3::timestamptz[]) as a(thread_id, reply_id, at)
      where t.id = a.thread_id and t.kind = 'question' and t.accepted_reply_id is null`,
    [rows.map((r) => r.threadId), rows.map((r) => r.replyId), rows.map((r) => r.at)],
  );
}

/** Reactions by kind; the counting triggers keep each post's reaction_counts exact. Returns how many were new. */
export async function insertReactions(
  db: Queryable,
  target: 'thread' | 'reply',
  rows: { postId: string; personId: string; kind: string; at: string }[],
  source: string,
  now: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  const table = target === 'thread' ? 'thread_reactions' : 'reply_reactions';
  const result = await db.query(
    `insert into ${table} (${target}_id, person_id, kind, created_at, import_source, imported_at)
     select distinct on (p, w, k) p, w, k, a, $5, $6
       from unnest($1::bigint[], $2::bigint[], $3::text[], $4::timestamptz[]) as x(p, w, k, a)
      order by p, w, k, a
     on conflict do nothing`,
    [
      rows.map((r) => r.postId),
      rows.map((r) => r.personId),
      rows.map((r) => r.kind),
      rows.map((r) => r.at),
      source,
      now,
    ],
  );
  return result.rowCount ?? 0;
}
