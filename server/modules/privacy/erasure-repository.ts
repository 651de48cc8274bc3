import type { Queryable } from '../../platform/db/database.js';
import { recountReplies } from '../moderation/repository.js';

/** Tables of a person's own data that erasure empties: their sign-ins, settings, follows and roll-ups. */
const PERSONAL_ROWS: [table: string, column: string][] = [
  ['sessions', 'person_id'],
  ['api_tokens', 'person_id'],
  ['person_identities', 'person_id'],
  ['sign_in_links', 'person_id'],
  ['sign_in_sources', 'person_id'],
  ['invitations', 'person_id'],
  ['mail_preferences', 'person_id'],
  ['mail_mutes', 'person_id'],
  ['mail_recipients', 'person_id'],
  ['outbound_mail', 'person_id'],
  ['outbound_emails', 'recipient_id'],
  ['notifications', 'recipient_id'],
  ['events', 'recipient_id'],
  ['person_follows', 'follower_id'],
  ['person_follows', 'followee_id'],
  ['community_follows', 'person_id'],
  ['hashtag_follows', 'person_id'],
  ['theme_follows', 'person_id'],
  ['thread_follows', 'person_id'],
  ['community_members', 'person_id'],
  ['membership_requests', 'person_id'],
  ['scim_group_members', 'person_id'],
  ['expertise_evidence', 'person_id'],
  ['expertise_scores', 'person_id'],
  ['question_routings', 'person_id'],
  ['idempotency_keys', 'person_id'],
  ['analytics_people', 'person_id'],
  ['analytics_pairs', 'person_id'],
  ['analytics_pairs', 'other_id'],
  ['analytics_ties', 'person_id'],
  ['analytics_ties', 'other_id'],
  ['analytics_person_activity', 'person_id'],
  ['person_active_days', 'person_id'],
  ['person_read_days', 'person_id'],
  ['community_active_days', 'person_id'],
  ['mentions', 'person_id'],
  ['praise_recipients', 'person_id'],
];

export type Identity = { id: string; handle: string; name: string; email: string | null };

/** The organisation's language decides the pseudonym's (Dutch search language: a Dutch organisation). */
export async function organisationIsDutch(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ dutch: boolean }>(
    `select coalesce((select value #>> '{}' from settings where key = 'searchLanguage'), 'dutch') = 'dutch' as dutch`,
  );
  return rows[0]!.dutch;
}

/** Locks the person's row for the erasure; null when there is no such person. */
export async function lockPerson(db: Queryable, handle: string) {
  const { rows } = await db.query<Identity & { erased_at: Date | null }>(
    'select id, handle, name, email, erased_at from people where lower(handle) = lower($1) for update',
    [handle],
  );
  return rows[0] ?? null;
}

export async function deletePersonalRows(db: Queryable, personId: string): Promise<void> {
  // Someone they managed keeps their own profile, without a manager that no longer exists.
  await db.query('update people set manager_id = null where manager_id = $1', [personId]);
  // The member counts follow the memberships that go below.
  await db.query(
    `update communities set member_count = greatest(member_count - 1, 0)
      where id in (select community_id from community_members where person_id = $1)`,
    [personId],
  );
  for (const [table, column] of PERSONAL_ROWS) {
    await db.query(`delete from ${table} where ${column} = $1`, [personId]);
  }
}

/** Replaces the profile by the pseudonym: nothing left that names, reaches or identifies them. */
export async function pseudonymise(db: Queryable, personId: string, handle: string, name: string) {
  await db.query(
    `update people set handle = $2, name = $3, email = null, title = '', department = '', location = '',
            bio = '', skills = '{}', avatar_url = null, password_hash = null, manager_id = null, is_leader = false,
            role = 'member', status = 'deactivated', locale = null, external_id = null, scim_user_name = null,
            scim_data = null, import_source = null, compliance_officer = false, routing_opt_out = true,
            erased_at = now(), updated_at = now()
      where id = $1`,
    [personId, handle, name],
  );
}

export type Rewrite = { needle: string; pattern: string; replacement: string };

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * How the person is named in text, and what stands there after: the address anywhere, the full name as whole
 * words, the handle where it links (@handle, /u/handle) or is a JSON value — never a short handle inside a word.
 */
export function rewritesFor(person: Identity, pseudonym: { handle: string; name: string }, json: boolean) {
  const encode = (text: string) => (json ? JSON.stringify(text).slice(1, -1) : text);
  const rules: Rewrite[] = [];
  if (person.email)
    rules.push({
      needle: encode(person.email),
      pattern: escapeRegex(encode(person.email)),
      replacement: 'erased',
    });
  rules.push({
    needle: encode(person.name),
    pattern: `\\m${escapeRegex(encode(person.name))}\\M`,
    replacement: pseudonym.name,
  });
  rules.push({
    needle: person.handle,
    pattern: `(@|/u/)${escapeRegex(person.handle)}\\M`,
    replacement: `\\1${pseudonym.handle}`,
  });
  if (json)
    rules.push({
      needle: person.handle,
      pattern: `"${escapeRegex(person.handle)}"`,
      replacement: `"${pseudonym.handle}"`,
    });
  return rules;
}

const hit = (column: string) => `strpos(lower(${column}), lower($1)) > 0`;
const swap = (column: string) => `regexp_replace(${column}, $2, $3, 'gi')`;

/** Where others wrote their address, name or handle (mentions, praise, quotes), the pseudonym stands instead. */
export async function neutraliseText(db: Queryable, text: Rewrite[], json: Rewrite[]): Promise<void> {
  for (const { needle, pattern, replacement } of text) {
    const values = [needle, pattern, replacement];
    // The search vectors follow through their triggers.
    await db.query(
      `update threads set title = ${swap('title')}, body_md = ${swap('body_md')}, body_html = ${swap('body_html')}
        where ${hit('title')} or ${hit('body_md')} or ${hit('body_html')}`,
      values,
    );
    await db.query(
      `update replies set body_md = ${swap('body_md')}, body_html = ${swap('body_html')}
        where ${hit('body_md')} or ${hit('body_html')}`,
      values,
    );
    // Earlier versions get what the live text gets.
    await db.query(
      `update post_versions set title = ${swap('title')}, body_md = ${swap('body_md')}
        where ${hit('title')} or ${hit('body_md')}`,
      values,
    );
    await db.query(
      `update moderation_actions set reason = ${swap('reason')}, note = ${swap('note')}
        where ${hit('reason')} or ${hit('note')}`,
      values,
    );
    await db.query(`update reports set note = ${swap('note')} where ${hit('note')}`, values);
  }
  for (const { needle, pattern, replacement } of json) {
    const values = [needle, pattern, replacement];
    await db.query(
      `update notifications set data = ${swap('data::text')}::jsonb where ${hit('data::text')}`,
      values,
    );
    await db.query(
      `update events set payload = ${swap('payload::text')}::jsonb where ${hit('payload::text')}`,
      values,
    );
    // The audit trail keeps who did what to whom (by id), without the data it recorded about them.
    await db.query(
      `update audit_entries set before = ${swap('before::text')}::jsonb, after = ${swap('after::text')}::jsonb
        where ${hit("coalesce(before::text, '') || coalesce(after::text, '')")}`,
      values,
    );
  }
}

/** The organisation's policy said remove: their posts go, as a removal by the admin (replies of others stay). */
export async function removePosts(db: Queryable, personId: string, adminId: string) {
  const threads = await db.query(
    `update threads set title = '', body_md = '', body_html = '', deleted_at = coalesce(deleted_at, now()),
            deleted_by = coalesce(deleted_by, $2)
      where author_id = $1`,
    [personId, adminId],
  );
  const replies = await db.query<{ thread_id: string }>(
    `update replies set body_md = '', body_html = '', deleted_at = coalesce(deleted_at, now()),
            deleted_by = coalesce(deleted_by, $2)
      where author_id = $1 returning thread_id`,
    [personId, adminId],
  );
  await removeVersionsOf(db, personId);
  // Their threads' counts and accepted answers follow the replies anyone can still read (as a moderator's removal).
  for (const threadId of new Set(replies.rows.map((row) => row.thread_id)))
    await recountReplies(db, threadId);
  return { threads: threads.rowCount ?? 0, replies: replies.rowCount ?? 0 };
}

// A hold on the community keeps its posts' versions (docs/PRIVACY.md, "Legal hold"); the person is never held here.
const unheld = (thread: string) =>
  `not exists (select 1 from legal_holds h where h.released_at is null and h.community_id = ${thread}.community_id)`;

/** Their posts' earlier versions go with the posts. */
async function removeVersionsOf(db: Queryable, personId: string): Promise<void> {
  await db.query(
    `delete from post_versions v using threads t
      where v.reply_id is null and v.thread_id = t.id and t.author_id = $1 and ${unheld('t')}`,
    [personId],
  );
  await db.query(
    `delete from post_versions v using replies r join threads t on t.id = r.thread_id
      where v.reply_id = r.id and r.author_id = $1 and ${unheld('t')}`,
    [personId],
  );
}

export async function countPosts(db: Queryable, personId: string) {
  const { rows } = await db.query<{ threads: number; replies: number }>(
    `select (select count(*)::int from threads where author_id = $1) as threads,
            (select count(*)::int from replies where author_id = $1) as replies`,
    [personId],
  );
  return rows[0]!;
}

/** Entries about the person keep what happened (action, actor, time), not what their profile said. */
export async function redactAuditAbout(db: Queryable, personId: string): Promise<void> {
  await db.query(
    `update audit_entries set before = case when before is null then null else '{"erased": true}'::jsonb end,
            after = case when after is null then null else '{"erased": true}'::jsonb end
      where target_type = 'person' and target_id = $1::text and action <> 'privacy.erase'`,
    [personId],
  );
}
