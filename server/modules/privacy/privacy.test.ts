import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import type { Queryable } from '../../platform/db/database.js';
import { client } from '../../test/client.js';
import {
  buildCommunity,
  buildPerson,
  buildReply,
  buildThread,
  sessionFor,
  type TestPerson,
  unique,
} from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { startS3Server } from '../../test/s3-server.js';
import { processPendingFiles } from '../attachments/jobs.js';
import { drain, photoWithExif, upload } from '../attachments/testing.js';
import { editReplyText, editThreadText } from '../edit-history/repository.js';
import { PSEUDONYM } from './erasure.js';
import { runExports, sweepExports } from './export-jobs.js';
import { previewRetention, sweepRetention } from './retention.js';
import { readZip, storedFile } from './testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  ctx = await testApp();
});

const as = async (person: TestPerson) => client(ctx.app, await sessionFor(ctx.db.pool, person));
/** Letters only, so it survives every text-search configuration as one word. */
const marker = () =>
  `zq${unique('m')
    .replaceAll(/[^a-z0-9]/g, '')
    .replaceAll(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!)}`;

/** An edit as the routes make it (the text it replaces becomes a version), without their checks. */
const edit = (post: { threadId?: string; replyId?: string }, by: TestPerson, text: string, title = '') =>
  post.replyId
    ? editReplyText(
        ctx.db.pool,
        post.replyId,
        { bodyMd: text, bodyHtml: text },
        { at: new Date(), by: by.id },
      )
    : editThreadText(
        ctx.db.pool,
        post.threadId!,
        { title, bodyMd: text, bodyHtml: text },
        { at: new Date(), by: by.id },
      );
const versionTexts = async (column: 'thread_id' | 'reply_id', id: string) =>
  (
    await ctx.db.pool.query<{ body_md: string }>(
      `select body_md from post_versions where ${column} = $1 ${column === 'thread_id' ? 'and reply_id is null' : ''}
        order by id`,
      [id],
    )
  ).rows.map((row) => row.body_md);

/** Every table and text-like column (text, jsonb, arrays, search vectors) in which `needle` occurs. */
async function whereFound(db: Queryable, needle: string): Promise<string[]> {
  const { rows: columns } = await db.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and (c.data_type in ('text', 'character varying', 'jsonb', 'json', 'tsvector') or c.data_type = 'ARRAY')`,
  );
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const { rows } = await db.query(
      `select 1 from "${table_name}" where strpos(lower("${column_name}"::text), lower($1)) > 0 limit 1`,
      [needle],
    );
    if (rows.length > 0) found.push(`${table_name}.${column_name}`);
  }
  return found;
}

describe('Download my data (GET /api/v1/me/export)', () => {
  it("holds a person's profile, posts, reactions and follows, and never someone else's secret content", async () => {
    const subject = await buildPerson(ctx.db.pool, { name: 'Export Subject' });
    const other = await buildPerson(ctx.db.pool);
    const open = await buildCommunity(ctx.db.pool, { members: [subject, other] });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [subject, other] });
    const elsewhere = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [other] });
    const mine = await buildThread(ctx.db.pool, { author: subject, community: open, title: 'My own thread' });
    const mySecret = await buildThread(ctx.db.pool, {
      author: subject,
      community: secret,
      title: 'My secret post',
    });
    const theirSecret = await buildThread(ctx.db.pool, { author: other, community: secret, title: marker() });
    const hidden = await buildThread(ctx.db.pool, { author: other, community: elsewhere, title: marker() });
    const myReply = await buildReply(ctx.db.pool, {
      thread: theirSecret,
      author: subject,
      body: 'my first words',
    });
    await edit({ replyId: myReply.id }, subject, 'my reply there');
    await edit({ threadId: mine.id }, other, 'Fixed by a moderator', 'My own thread');
    // Someone else's post's history is theirs, not the subject's, even where the subject edited it.
    await edit({ threadId: theirSecret.id }, subject, 'edited', theirSecret.title);
    await ctx.db.pool.query(
      "insert into thread_reactions (thread_id, person_id, kind) values ($1, $2, 'like')",
      [mine.id, subject.id],
    );
    await ctx.db.pool.query(
      "insert into notifications (recipient_id, kind, thread_id, data) values ($1, 'mention', $2, '{}')",
      [subject.id, hidden.id],
    );
    await ctx.db.pool.query('insert into person_follows (follower_id, followee_id) values ($1, $2)', [
      subject.id,
      other.id,
    ]);
    // They left the secret community: their own post there is still theirs, the thread they replied to is not.
    await ctx.db.pool.query('delete from community_members where community_id = $1 and person_id = $2', [
      secret.id,
      subject.id,
    ]);

    const file = await storedFile(ctx.db.pool, ctx.deps.storage, {
      ownerId: subject.id,
      threadId: mine.id,
      name: 'notes/../plan.txt',
      content: 'the plan, byte for byte',
    });

    const api = await as(subject);
    const asked = await api.post('/api/v1/me/exports');
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ kind: 'person', status: 'queued', downloadUrl: null });
    // Asking again while it waits is the same request.
    expect((await api.post('/api/v1/me/exports')).json().id).toBe(asked.json().id);
    await drain(() => runExports(ctx.deps));

    const [ready] = (await api.get('/api/v1/me/exports')).json().items;
    expect(ready).toMatchObject({ id: asked.json().id, status: 'ready' });
    expect(new Date(ready.expiresAt).getTime() - new Date(ready.finishedAt).getTime()).toBe(7 * 86_400_000);
    const response = await api.get(ready.downloadUrl);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toContain('attachment');
    const zip = await readZip(response.rawPayload);
    const text = zip.get('data.json')!.toString();
    const data = JSON.parse(text);
    expect(data.format).toBe('plein-export/2');
    expect(data.profile).toMatchObject({
      handle: subject.handle,
      email: subject.email,
      name: 'Export Subject',
    });
    expect(data.threads.map((t: { title: string }) => t.title).sort()).toEqual([
      'My own thread',
      'My secret post',
    ]);
    // Their own post in the secret community they left is still theirs.
    expect(data.threads.map((t: { id: string }) => t.id)).toContain(mySecret.id);
    expect(data.replies).toEqual([expect.objectContaining({ body: 'my reply there', threadTitle: null })]);
    // Their own posts' earlier versions, with who replaced each; the thread they replied to stays untitled.
    expect(data.versions).toEqual([
      expect.objectContaining({
        threadId: theirSecret.id,
        replyId: myReply.id,
        title: null,
        body: 'my first words',
      }),
      expect.objectContaining({
        threadId: mine.id,
        replyId: null,
        title: 'My own thread',
        body: 'A thread body.',
        replacedBy: other.handle,
      }),
    ]);
    expect(data.reactions).toEqual([expect.objectContaining({ on: 'thread', id: mine.id, kind: 'like' })]);
    expect(data.follows.people).toEqual([expect.objectContaining({ handle: other.handle })]);
    expect(data.memberships.map((m: { slug: string }) => m.slug)).toEqual([open.slug]);
    expect(data.notifications).toEqual([]);
    const path = `files/${file.id}-notes_.._plan.txt`;
    expect(data.files).toEqual([expect.objectContaining({ id: file.id, path })]);
    expect(zip.get(path)!.toString()).toBe('the plan, byte for byte');
    expect(text).not.toContain(theirSecret.title);
    expect(text).not.toContain(hidden.title);
    expect(text).not.toContain(elsewhere.slug);

    // Only the person downloads it: to anyone else, admins included, it does not exist.
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    expect((await (await as(other)).get(ready.downloadUrl)).statusCode).toBe(404);
    expect((await (await as(admin)).get(ready.downloadUrl)).statusCode).toBe(404);
    expect((await (await as(other)).get('/api/v1/me/exports')).json().items).toEqual([]);

    // On their behalf: an admin asks, sees its status, and the person downloads it.
    const onBehalf = await (await as(admin)).post(`/api/v1/people/${subject.handle}/exports`);
    expect(onBehalf.statusCode).toBe(201);
    expect(onBehalf.json()).toMatchObject({ subject: { handle: subject.handle }, downloadUrl: null });
    expect((await (await as(other)).post(`/api/v1/people/${subject.handle}/exports`)).statusCode).toBe(403);
    await drain(() => runExports(ctx.deps));
    const status = (await (await as(admin)).get(`/api/v1/people/${subject.handle}/exports`)).json().items;
    expect(status.map((e: { status: string; downloadUrl: null }) => [e.status, e.downloadUrl])).toEqual([
      ['ready', null],
      ['ready', null],
    ]);
    const theirs = (await api.get('/api/v1/me/exports')).json().items[0];
    expect(theirs).toMatchObject({ id: onBehalf.json().id, requestedBy: admin.handle });
    expect((await api.get(theirs.downloadUrl)).statusCode).toBe(200);

    const audit = await ctx.db.pool.query(
      "select actor_id, after->>'onBehalf' as on_behalf from audit_entries where action = 'privacy.export' and target_id = $1 order by id",
      [subject.id],
    );
    expect(audit.rows).toEqual([
      { actor_id: subject.id, on_behalf: 'false' },
      { actor_id: admin.id, on_behalf: 'true' },
    ]);

    // After seven days the sweep deletes the archive; the row says it expired.
    const later = manualClock(new Date(Date.parse(ready.expiresAt) + 1000));
    await drain(() => sweepExports({ ...ctx.deps, clock: later }));
    const key = await ctx.db.pool.query('select storage_key, status from privacy_exports where id = $1', [
      ready.id,
    ]);
    expect(key.rows).toEqual([{ storage_key: null, status: 'expired' }]);
    const expired = await api.get(`/api/v1/exports/${ready.id}/download`);
    expect(expired.statusCode).toBe(409);
    expect(expired.json().detail).toContain('expired');
  });
});

describe('Erasure (POST /api/v1/people/:handle/erasure)', () => {
  it('leaves no trace of name, address or handle in any table, keeps the conversation, and is audited', async () => {
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    const word = marker();
    const subject = await buildPerson(ctx.db.pool, { handle: `h${word}`, name: `Erasmus ${word}` });
    const colleague = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { members: [subject, colleague] });
    const thread = await buildThread(ctx.db.pool, {
      author: subject,
      community,
      body: 'Our plan for the spring.',
    });
    const reply = await buildReply(ctx.db.pool, {
      thread,
      author: colleague,
      body: `Thanks @${subject.handle}, well said, Erasmus ${word}! Mail ${subject.email}.`,
    });
    await ctx.db.pool.query(
      `insert into notifications (recipient_id, kind, actor_id, thread_id, data) values ($1, 'reply', $2, $3, $4)`,
      [colleague.id, subject.id, thread.id, { actorName: subject.name, actorHandle: subject.handle }],
    );
    // Earlier versions that named them: a colleague's reply before its edit, and their own thread's title.
    const edited = await buildReply(ctx.db.pool, {
      thread,
      author: colleague,
      body: `Ask @${subject.handle} (${subject.email}), Erasmus ${word}`,
    });
    await edit({ replyId: edited.id }, colleague, 'Ask them.');
    await edit({ threadId: thread.id }, subject, 'Our plan for the spring.', `Erasmus ${word} on spring`);
    await edit({ threadId: thread.id }, subject, 'Our plan for the spring.', thread.title);
    const adminApi = await as(admin);
    expect(
      (await adminApi.patch(`/api/v1/people/${subject.handle}`, { department: 'Legal' })).statusCode,
    ).toBe(200);
    const subjectApi = await as(subject);
    expect((await subjectApi.get('/api/v1/me')).statusCode).toBe(200);
    // A prepared archive of their data goes with them.
    const exported = (await subjectApi.post('/api/v1/me/exports')).json();
    await drain(() => runExports(ctx.deps));
    const { rows: archived } = await ctx.db.pool.query<{ storage_key: string }>(
      "select storage_key from privacy_exports where id = $1 and status = 'ready'",
      [exported.id],
    );
    const stored = await ctx.deps.storage.get(archived[0]!.storage_key);
    expect(stored).not.toBeNull();
    stored?.destroy();

    // The confirmation step: the handle typed again, or nothing happens.
    const unconfirmed = await adminApi.post(`/api/v1/people/${subject.handle}/erasure`, {
      confirm: 'someone',
    });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().errors[0].field).toBe('confirm');
    expect(await whereFound(ctx.db.pool, word)).toEqual(
      expect.arrayContaining(['people.name', 'post_versions.title', 'post_versions.body_md']),
    );

    const erased = await adminApi.post(`/api/v1/people/${subject.handle}/erasure`, {
      confirm: subject.handle,
    });
    expect(erased.statusCode).toBe(200);
    expect(await ctx.deps.storage.get(archived[0]!.storage_key)).toBeNull();
    expect(
      (await ctx.db.pool.query('select 1 from privacy_exports where subject_id = $1', [subject.id])).rows,
    ).toEqual([]);
    expect(erased.json()).toMatchObject({ id: subject.id, posts: 'anonymise', threads: 1, replies: 0 });
    expect(Object.values(PSEUDONYM)).toContain(erased.json().pseudonym);

    expect(await whereFound(ctx.db.pool, word)).toEqual([]);
    expect(await whereFound(ctx.db.pool, subject.email)).toEqual([]);
    expect((await subjectApi.get('/api/v1/me')).statusCode).toBe(401);

    const read = (await (await as(colleague)).get(`/api/v1/threads/${thread.id}`)).json();
    expect(read.body ?? read.bodyHtml ?? JSON.stringify(read)).toBeTruthy();
    expect(read.author.name).toBe(erased.json().pseudonym);
    const { rows } = await ctx.db.pool.query('select body_md from replies where id = $1', [reply.id]);
    expect(rows[0].body_md).toBe(
      `Thanks @former-colleague-${subject.id}, well said, ${erased.json().pseudonym}! Mail erased.`,
    );
    expect(await versionTexts('reply_id', edited.id)).toEqual([
      `Ask @former-colleague-${subject.id} (erased), ${erased.json().pseudonym}`,
    ]);
    const audit = (await adminApi.get(`/api/v1/audit?targetType=person&targetId=${subject.id}`)).json().items;
    expect(audit[0]).toMatchObject({ action: 'privacy.erase', actor: { handle: admin.handle } });
    expect(audit.find((entry: { action: string }) => entry.action === 'person.update')).toMatchObject({
      action: 'person.update',
      before: { erased: true },
      after: { erased: true },
    });

    const again = await adminApi.post(`/api/v1/people/former-colleague-${subject.id}/erasure`, {
      confirm: `former-colleague-${subject.id}`,
    });
    expect(again.statusCode).toBe(409);
    expect(
      (await adminApi.post(`/api/v1/people/${admin.handle}/erasure`, { confirm: admin.handle })).statusCode,
    ).toBe(409);
  });

  it("removes the person's posts when the organisation's policy says so, keeping others' replies", async () => {
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    const subject = await buildPerson(ctx.db.pool);
    const colleague = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { members: [subject, colleague] });
    const thread = await buildThread(ctx.db.pool, { author: subject, body: 'To be removed' });
    const theirs = await buildReply(ctx.db.pool, { thread, author: colleague, body: 'Stays' });
    const other = await buildThread(ctx.db.pool, { author: colleague, community });
    const theirReply = await buildReply(ctx.db.pool, { thread: other, author: subject, body: 'held words' });
    await buildReply(ctx.db.pool, { thread: other, author: colleague });
    await edit({ threadId: thread.id }, subject, 'Removed with it');
    await edit({ replyId: theirs.id }, colleague, 'Stays, edited');
    const held = await buildCommunity(ctx.db.pool, { members: [subject] });
    const heldThread = await buildThread(ctx.db.pool, {
      author: subject,
      community: held,
      body: 'kept words',
    });
    await edit({ threadId: heldThread.id }, subject, 'later words');
    await ctx.db.pool.query(
      "insert into legal_holds (target_type, community_id, reason, placed_by) values ('community', $1, 'case', $2)",
      [held.id, admin.id],
    );
    await edit({ replyId: theirReply.id }, subject, 'gone words');
    const api = await as(admin);
    expect((await api.put('/api/v1/privacy/retention', { erasedPosts: 'remove' })).json().erasedPosts).toBe(
      'remove',
    );
    try {
      const erased = await api.post(`/api/v1/people/${subject.handle}/erasure`, { confirm: subject.handle });
      expect(erased.json()).toMatchObject({ posts: 'remove', threads: 2, replies: 1 });
    } finally {
      await api.put('/api/v1/privacy/retention', { erasedPosts: 'anonymise' });
    }
    const { rows } = await ctx.db.pool.query(
      'select body_md, deleted_at is not null as removed from threads where id = $1',
      [thread.id],
    );
    expect(rows[0]).toEqual({ body_md: '', removed: true });
    const reply = await ctx.db.pool.query('select body_md from replies where id = $1', [theirs.id]);
    expect(reply.rows[0].body_md).toBe('Stays, edited');
    // Their posts' versions go with the posts, except where a legal hold keeps them; others' stay.
    expect(await versionTexts('thread_id', thread.id)).toEqual([]);
    expect(await versionTexts('reply_id', theirReply.id)).toEqual([]);
    expect(await versionTexts('thread_id', heldThread.id)).toEqual(['kept words']);
    expect(await versionTexts('reply_id', theirs.id)).toEqual(['Stays']);
    await ctx.db.pool.query('update legal_holds set released_at = now() where community_id = $1', [held.id]);
    const counted = await ctx.db.pool.query('select reply_count from threads where id = $1', [other.id]);
    expect(counted.rows[0].reply_count).toBe(1);
    const members = await ctx.db.pool.query('select member_count from communities where id = $1', [
      community.id,
    ]);
    expect(members.rows[0].member_count).toBe(1);
  });
});

/** Every stored object under `dir` (folder storage, or the S3 server's own folder) whose bytes hold `needle`. */
async function storedHolding(dir: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path)).includes(needle)) found.push(path);
  }
  return found;
}

describe("Erasure deletes the person's files, on every storage", () => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  beforeAll(async () => {
    s3 = await startS3Server('plein-erasure');
  });
  afterAll(() => s3.stop());

  it.each(['folder', 's3'] as const)(
    'takes their uploads, sizes of their photo and their profile photo out of %s storage; a colleague’s file stays',
    async (kind) => {
      const app = kind === 'folder' ? ctx : await testApp({ config: { storage: s3.config } });
      const dir = kind === 'folder' ? (ctx.deps.config.storage as { dir: string }).dir : s3.directory;
      const db = app.db.pool;
      const on = async (person: TestPerson) => client(app.app, await sessionFor(db, person));
      const word = marker();
      const admin = await buildPerson(db, { role: 'admin' });
      const subject = await buildPerson(db);
      const colleague = await buildPerson(db);
      const community = await buildCommunity(db, { members: [subject, colleague] });
      const mine = await on(subject);
      const theirs = await on(colleague);

      const posted = (await upload(mine, Buffer.from(`Notes by ${word}`), 'notes.txt')).json();
      const draft = (await upload(mine, Buffer.from(`Draft by ${word}`), 'draft.txt')).json();
      const kept = (await upload(theirs, Buffer.from(`Colleague ${word}`), 'kept.txt')).json();
      const photo = (await upload(mine, await photoWithExif(), 'me.jpg')).json();
      await drain(() => processPendingFiles(app.deps));
      const thread = await mine.post('/api/v1/threads', {
        communitySlug: community.slug,
        kind: 'discussion',
        title: 'Files',
        body: `[notes](${posted.url})`,
      });
      expect(thread.statusCode, thread.body).toBe(201);
      const reply = await theirs.post(`/api/v1/threads/${thread.json().id}/replies`, {
        body: `[kept](${kept.url})`,
      });
      expect(reply.statusCode, reply.body).toBe(201);
      const avatarUrl = `/api/v1/attachments/${photo.id}/content?size=thumb`;
      expect((await mine.patch('/api/v1/me', { avatarUrl })).statusCode).toBe(200);

      const { rows } = await db.query<{ storage_key: string; has_variants: boolean }>(
        'select storage_key, has_variants from attachments where owner_id = $1 order by id',
        [subject.id],
      );
      expect(rows).toHaveLength(3);
      expect(rows.filter((row) => row.has_variants)).toHaveLength(1);
      const keys = rows.flatMap((row) =>
        row.has_variants
          ? [row.storage_key, `${row.storage_key}.web`, `${row.storage_key}.thumb`]
          : [row.storage_key],
      );
      for (const key of keys) {
        const stream = await app.deps.storage.get(key);
        expect(stream, key).not.toBeNull();
        stream?.destroy();
      }
      expect(await storedHolding(dir, word)).toHaveLength(3);

      const erased = await (await on(admin)).post(`/api/v1/people/${subject.handle}/erasure`, {
        confirm: subject.handle,
      });
      expect(erased.statusCode, erased.body).toBe(200);
      expect(erased.json().files).toBe(3);

      for (const key of keys) expect(await app.deps.storage.get(key), key).toBeNull();
      // Only the colleague's file still holds the word, in the database or in storage.
      expect(await storedHolding(dir, word)).toHaveLength(1);
      expect((await theirs.get(kept.url)).body).toBe(`Colleague ${word}`);
      for (const url of [posted.url, draft.url, photo.url, avatarUrl])
        expect((await theirs.get(url)).statusCode, url).toBe(404);
      const left = await db.query(
        'select 1 from attachments where owner_id = $1 or person_id = $1 union all select 1 from storage_deletions where storage_key = any($2)',
        [subject.id, keys],
      );
      expect(left.rows).toEqual([]);
      if (app !== ctx) await app.app.close();
    },
  );

  it('keeps the files of a person under legal hold, bytes included, when their erasure is refused', async () => {
    const db = ctx.db.pool;
    const admin = await buildPerson(db, { role: 'admin' });
    const subject = await buildPerson(db);
    const file = (await upload(await as(subject), Buffer.from('held'), 'held.txt')).json();
    const api = await as(admin);
    const hold = await api.post('/api/v1/privacy/holds', {
      targetType: 'person',
      handle: subject.handle,
      reason: 'Case',
    });
    expect(hold.statusCode).toBe(201);
    const refused = await api.post(`/api/v1/people/${subject.handle}/erasure`, { confirm: subject.handle });
    expect(refused.statusCode).toBe(409);
    const { rows } = await db.query('select storage_key from attachments where id = $1', [file.id]);
    expect(rows).toHaveLength(1);
    const stream = await ctx.deps.storage.get(rows[0].storage_key);
    expect(stream).not.toBeNull();
    stream?.destroy();
    await api.delete(`/api/v1/privacy/holds/${hold.json().id}`);
  });
});

describe('Legal hold (POST/GET/DELETE /api/v1/privacy/holds)', () => {
  it('refuses erasure of a held person with 409, refuses a second hold, and audits placing and release', async () => {
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    const subject = await buildPerson(ctx.db.pool);
    const api = await as(admin);
    const placed = await api.post('/api/v1/privacy/holds', {
      targetType: 'person',
      handle: subject.handle,
      reason: 'Case 2026-14',
    });
    expect(placed.statusCode).toBe(201);
    expect(placed.json()).toMatchObject({
      targetType: 'person',
      target: { handle: subject.handle },
      placedBy: admin.handle,
    });
    const twice = await api.post('/api/v1/privacy/holds', {
      targetType: 'person',
      handle: subject.handle,
      reason: 'x',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.headers['content-type']).toContain('application/problem+json');

    const refused = await api.post(`/api/v1/people/${subject.handle}/erasure`, { confirm: subject.handle });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/legal hold/);
    const still = await ctx.db.pool.query('select name, erased_at from people where id = $1', [subject.id]);
    expect(still.rows[0]).toEqual({ name: subject.name, erased_at: null });

    const listed = (await api.get('/api/v1/privacy/holds')).json().items;
    expect(listed.map((h: { id: string }) => h.id)).toContain(placed.json().id);
    expect((await api.delete(`/api/v1/privacy/holds/${placed.json().id}`)).statusCode).toBe(204);
    expect((await api.delete(`/api/v1/privacy/holds/${placed.json().id}`)).statusCode).toBe(404);
    const actions = await ctx.db.pool.query(
      "select action from audit_entries where target_type = 'person' and target_id = $1 order by id",
      [subject.id],
    );
    expect(actions.rows.map((r) => r.action)).toEqual(['privacy.hold', 'privacy.release']);
    expect(
      (await api.post(`/api/v1/people/${subject.handle}/erasure`, { confirm: subject.handle })).statusCode,
    ).toBe(200);
  });

  it('holds only communities the admin may know exist, and asks for the target it names', async () => {
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret' });
    const api = await as(admin);
    expect(
      (await api.post('/api/v1/privacy/holds', { targetType: 'community', slug: secret.slug, reason: 'x' }))
        .statusCode,
    ).toBe(404);
    const missing = await api.post('/api/v1/privacy/holds', { targetType: 'community', reason: 'x' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('slug');
  });
});

describe('Retention sweep', () => {
  it('deletes what is older than each period on a controlled clock, except what a legal hold covers', async () => {
    const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
    const api = await as(admin);
    const db = ctx.db.pool;
    // 1990: older than anything another test writes, so the sweep touches only this data set.
    const clock = manualClock(new Date('1990-06-01T00:00:00Z'));
    const deps = { ...ctx.deps, clock };
    const old = new Date('1990-01-01T00:00:00Z');
    const author = await buildPerson(db);
    const keeper = await buildPerson(db);
    const community = await buildCommunity(db, { members: [author] });
    const heldCommunity = await buildCommunity(db, { members: [author] });
    const gone = await buildThread(db, { author, community, lastActivityAt: old });
    const recent = await buildThread(db, {
      author,
      community,
      lastActivityAt: new Date('1990-05-20T00:00:00Z'),
    });
    const inHeld = await buildThread(db, { author, community: heldCommunity, lastActivityAt: old });
    const repliedByHeld = await buildThread(db, { author, community, lastActivityAt: old });
    await buildReply(db, { thread: repliedByHeld, author: keeper });
    // Edits do not move last activity: the versions go with their thread, or stay with it.
    await edit({ threadId: gone.id }, author, 'gone, edited');
    await edit({ threadId: inHeld.id }, author, 'held, edited');
    for (const [recipient, at] of [
      [author, old],
      [keeper, old],
      [author, new Date('1990-05-30T00:00:00Z')],
    ] as const) {
      await db.query(
        "insert into notifications (recipient_id, kind, data, created_at) values ($1, 'mention', '{}', $2)",
        [recipient.id, at],
      );
    }
    for (const target of [author, keeper]) {
      await db.query(
        `insert into audit_entries (actor_id, action, target_type, target_id, created_at)
         values ($1, 'person.update', 'person', $2, $3)`,
        [admin.id, target.id, old],
      );
    }
    await db.query(
      "insert into sign_in_sources (person_id, source, last_success_at) values ($1, 'device:' || repeat('a', 64), $2)",
      [author.id, old],
    );
    for (const status of ['sent', 'queued']) {
      await db.query(
        `insert into outbound_mail (idempotency_key, person_id, to_address, kind, locale, subject, text_body, html_body,
                                    status, not_before, created_at)
         values ($1, $2, 'a@example.test', 'digest', 'en', 's', 't', 'h', $3, $4, $4)`,
        [unique('retention'), author.id, status, old],
      );
    }
    const holds = [
      { targetType: 'community', slug: heldCommunity.slug, reason: 'Case A' },
      { targetType: 'person', handle: keeper.handle, reason: 'Case B' },
    ];
    const holdIds: string[] = [];
    for (const hold of holds) holdIds.push((await api.post('/api/v1/privacy/holds', hold)).json().id);
    const days = { content: 30, notifications: 30, audit: 60, mail: 30, sign_ins: 30 };
    expect((await api.put('/api/v1/privacy/retention', { days })).json().days).toEqual(days);
    try {
      const viewer = {
        ...admin,
        role: 'admin' as const,
        isLeader: false,
        locale: null,
        via: { kind: 'mail' as const },
      };
      const preview = await previewRetention(deps, viewer);
      expect(preview).toEqual({
        at: '1990-06-01T00:00:00.000Z',
        counts: { content: 1, notifications: 1, audit: 1, mail: 1, sign_ins: 1 },
        content: [
          {
            scope: 'community',
            community: { slug: community.slug, name: community.name },
            action: 'delete',
            threads: 1,
            replies: 0,
            files: 0,
          },
        ],
        heldThreads: 2,
      });
      expect((await sweepRetention(deps)).counts).toEqual(preview.counts);
      const threads = await db.query('select id from threads where id = any($1::bigint[]) order by id', [
        [gone.id, recent.id, inHeld.id, repliedByHeld.id],
      ]);
      expect(threads.rows.map((r) => r.id)).toEqual([recent.id, inHeld.id, repliedByHeld.id]);
      expect(await versionTexts('thread_id', gone.id)).toEqual([]);
      expect(await versionTexts('thread_id', inHeld.id)).toEqual(['A thread body.']);
      const notes = await db.query(
        'select recipient_id from notifications where recipient_id = any($1::bigint[])',
        [[author.id, keeper.id]],
      );
      expect(notes.rows).toHaveLength(2);
      const audits = await db.query(
        "select target_id from audit_entries where action = 'person.update' and target_id = any($1::text[])",
        [[author.id, keeper.id]],
      );
      expect(audits.rows).toEqual([{ target_id: keeper.id }]);
      const mail = await db.query('select status from outbound_mail where person_id = $1', [author.id]);
      expect(mail.rows).toEqual([{ status: 'queued' }]);
      const sweeps = await db.query(
        "select after from audit_entries where action = 'privacy.retention_sweep' order by id desc limit 1",
      );
      expect(sweeps.rows[0].after).toMatchObject(preview.counts);
      // A second run finds nothing more.
      expect(Object.values((await sweepRetention(deps)).counts)).toEqual([0, 0, 0, 0, 0]);
    } finally {
      const none = { content: null, notifications: null, audit: null, mail: null, sign_ins: null };
      await api.put('/api/v1/privacy/retention', { days: none });
      for (const id of holdIds) await api.delete(`/api/v1/privacy/holds/${id}`);
    }
  });

  it('refuses periods out of range and unknown kinds, changing nothing', async () => {
    const api = await as(await buildPerson(ctx.db.pool, { role: 'admin' }));
    const before = (await api.get('/api/v1/privacy/retention')).json();
    const bad = await api.put('/api/v1/privacy/retention', { days: { content: 0, notifications: 10 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toContain('content');
    expect((await api.put('/api/v1/privacy/retention', { days: { photos: 10 } })).statusCode).toBe(400);
    expect((await api.get('/api/v1/privacy/retention')).json()).toEqual(before);
  });
});

describe('eDiscovery (POST /api/v1/compliance/ediscovery)', () => {
  it('is for compliance officers, covers every community in scope (secret ones too), and names them in the audit', async () => {
    const officer = await buildPerson(ctx.db.pool, { role: 'admin' });
    const granter = await buildPerson(ctx.db.pool, { role: 'admin' });
    const author = await buildPerson(ctx.db.pool);
    const open = await buildCommunity(ctx.db.pool, { members: [author] });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [author] });
    const inRange = new Date('2025-03-10T10:00:00Z');
    const thread = await buildThread(ctx.db.pool, { author, community: open, title: marker() });
    const hidden = await buildThread(ctx.db.pool, { author, community: secret, title: marker() });
    const replyBody = marker();
    const reply = await buildReply(ctx.db.pool, { thread: hidden, author, body: replyBody });
    const late = await buildThread(ctx.db.pool, { author, community: open, title: marker() });
    await ctx.db.pool.query('update threads set created_at = $2 where id = any($1)', [
      [thread.id, hidden.id],
      inRange,
    ]);
    await ctx.db.pool.query('update replies set created_at = $2 where id = $1', [reply.id, inRange]);
    await ctx.db.pool.query('update threads set created_at = $2 where id = $1', [
      late.id,
      new Date('2025-04-02T00:00:00Z'),
    ]);
    await edit({ threadId: hidden.id }, author, 'Second thoughts', hidden.title);
    await edit({ replyId: reply.id }, author, 'Edited reply');
    await edit({ threadId: late.id }, author, 'Out of range', late.title);
    const file = await storedFile(ctx.db.pool, ctx.deps.storage, {
      ownerId: author.id,
      threadId: hidden.id,
      replyId: reply.id,
      name: 'minutes.txt',
      content: 'secret minutes',
    });
    const api = await as(officer);
    const url = '/api/v1/compliance/ediscovery';
    const scope = { from: '2025-03-01T00:00:00Z', to: '2025-04-01T00:00:00Z', person: author.handle };
    expect((await api.post(url, scope)).statusCode).toBe(403);
    expect(
      (await (await as(granter)).put(`/api/v1/people/${officer.handle}/compliance-officer`)).statusCode,
    ).toBe(204);
    expect(
      (await (await as(granter)).put(`/api/v1/people/${author.handle}/compliance-officer`)).statusCode,
    ).toBe(409);

    expect((await api.post(url, { ...scope, from: scope.to, to: scope.from })).statusCode).toBe(400);
    expect((await api.post(url, { ...scope, extra: 1 })).statusCode).toBe(400);
    expect((await api.post(url, { ...scope, community: 'no-such-community' })).statusCode).toBe(404);
    const asked = await api.post(url, scope);
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({
      kind: 'ediscovery',
      status: 'queued',
      scope: { person: author.handle },
    });
    const bySecret = await api.post(url, { from: scope.from, to: scope.to, community: secret.slug });
    expect(bySecret.statusCode).toBe(201);
    await drain(() => runExports(ctx.deps));

    const items = (await api.get('/api/v1/me/exports')).json().items;
    const byPerson = items.find((e: { id: string }) => e.id === asked.json().id);
    expect(byPerson.status).toBe('ready');
    const zip = await readZip((await api.get(byPerson.downloadUrl)).rawPayload);
    const threads = JSON.parse(zip.get('threads.json')!.toString());
    expect(threads.map((t: { title: string }) => t.title).sort()).toEqual(
      [thread.title, hidden.title].sort(),
    );
    expect(JSON.parse(zip.get('replies.json')!.toString())).toEqual([
      expect.objectContaining({ id: reply.id, body: 'Edited reply' }),
    ]);
    // The text before each edit of what is in scope, and only that.
    expect(JSON.parse(zip.get('versions.json')!.toString())).toEqual([
      expect.objectContaining({
        threadId: hidden.id,
        replyId: null,
        title: hidden.title,
        body: 'A thread body.',
      }),
      expect.objectContaining({ threadId: hidden.id, replyId: reply.id, title: null, body: replyBody }),
    ]);
    expect(zip.get(`files/${file.id}-minutes.txt`)!.toString()).toBe('secret minutes');
    const manifest = JSON.parse(zip.get('manifest.json')!.toString());
    expect(manifest.counts).toEqual({ threads: 2, replies: 1, versions: 2, files: 1 });
    expect(manifest.communities.map((c: { slug: string }) => c.slug).sort()).toEqual(
      [open.slug, secret.slug].sort(),
    );

    // The officer still reads nothing of the secret community in the app, and nobody else downloads the archive.
    expect((await api.get(`/api/v1/threads/${hidden.id}`)).statusCode).toBe(404);
    expect((await (await as(granter)).get(byPerson.downloadUrl)).statusCode).toBe(404);

    const audit = await ctx.db.pool.query(
      "select after from audit_entries where action = 'privacy.ediscovery' and actor_id = $1",
      [officer.id],
    );
    const entries = audit.rows.map((row) => row.after);
    expect(entries).toHaveLength(2);
    const personEntry = entries.find((after) => after.export === asked.json().id);
    expect(personEntry).toMatchObject({
      from: '2025-03-01T00:00:00.000Z',
      to: '2025-04-01T00:00:00.000Z',
      person: author.handle,
      community: null,
      threads: 2,
      replies: 1,
      versions: 2,
      files: 1,
    });
    expect(personEntry.communities).toEqual(
      expect.arrayContaining([
        { slug: secret.slug, name: secret.name, visibility: 'secret' },
        expect.objectContaining({ slug: open.slug, visibility: 'open' }),
      ]),
    );
    const secretEntry = entries.find((after) => after.export === bySecret.json().id);
    expect(secretEntry).toMatchObject({ community: secret.slug, threads: 1, replies: 1 });
    expect(secretEntry.communities.map((c: { slug: string }) => c.slug)).toEqual([secret.slug]);
  });
});
