import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { client } from '../../test/client.js';
import { buildCommunity, buildPerson, type TestPerson, tokenFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { rowCounts } from '../../test/row-counts.js';
import { processPendingFiles } from './jobs.js';
import { drain, photoWithExif, tinyPng, upload } from './testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp();
});

// Limits are organisation-wide: every test starts from the defaults.
afterEach(async () => {
  await ctx.db.pool.query(`delete from settings where key = 'attachmentLimits'`);
});

async function signedIn(role: 'member' | 'community_manager' | 'admin' = 'member') {
  const person = await buildPerson(ctx.db.pool, { role });
  return { person, api: client(ctx.app, await tokenFor(ctx.db.pool, person)) };
}

type Api = ReturnType<typeof client>;

async function post(api: Api, communitySlug: string, body: string) {
  return api.post('/api/v1/threads', { communitySlug, kind: 'discussion', title: 'With files', body });
}

describe('uploading and serving files', () => {
  it('stores an image without its EXIF, upright, with its size, a web size and a thumbnail made by the job', async () => {
    const { api } = await signedIn();
    const photo = await photoWithExif(40, 30);
    expect(photo.includes(Buffer.from('52.3702N'))).toBe(true);
    const uploaded = await upload(api, photo, 'office.jpg', { type: 'image/jpeg' });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const file = uploaded.json();
    expect(file).toMatchObject({
      name: 'office.jpg',
      contentType: 'image/jpeg',
      isImage: true,
      status: 'pending',
    });
    // Held until the job has stripped it: nobody gets the bytes with the location in them.
    expect((await api.get(file.url)).statusCode).toBe(409);

    await drain(() => processPendingFiles(ctx.deps));
    const ready = (await api.get(`/api/v1/attachments/${file.id}`)).json();
    expect(ready).toMatchObject({ status: 'ready', width: 40, height: 30 });
    expect(ready.webUrl).toBe(`/api/v1/attachments/${file.id}/content?size=web`);

    const original = await api.get(file.url);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('image/jpeg');
    expect(original.headers['content-disposition']).toMatch(/^inline; filename\*=UTF-8''office\.jpg$/);
    expect(original.headers['x-content-type-options']).toBe('nosniff');
    expect(original.rawPayload.includes(Buffer.from('52.3702N'))).toBe(false);
    expect((await sharp(original.rawPayload).metadata()).exif).toBeUndefined();

    const thumb = await api.get(ready.thumbnailUrl);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await sharp(thumb.rawPayload).metadata()).format).toBe('webp');
  });

  it('takes the type from the bytes, not from the name or the header', async () => {
    const { api } = await signedIn();
    const disguised = await upload(api, await tinyPng(), 'report.pdf', { type: 'application/pdf' });
    expect(disguised.statusCode).toBe(201);
    expect(disguised.json()).toMatchObject({ contentType: 'image/png', isImage: true });
  });

  it('refuses HTML and SVG named as pictures with a 415, storing nothing', async () => {
    const { api } = await signedIn();
    const before = await rowCounts(ctx.db.pool);
    for (const [content, name] of [
      ['<html><script>alert(1)</script></html>', 'cat.png'],
      ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'logo.svg'],
    ] as const) {
      const refused = await upload(api, Buffer.from(content), name, { type: 'image/png' });
      expect(refused.statusCode).toBe(415);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.json().detail).toMatch(/application\/octet-stream/);
    }
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });

  it('serves everything but a raster image as a download, never inline', async () => {
    const { api } = await signedIn();
    const uploaded = (await upload(api, Buffer.from('name,amount\nJan,3\n'), 'cijfers.csv')).json();
    expect(uploaded).toMatchObject({ contentType: 'text/csv', isImage: false, status: 'ready' });
    const response = await api.get(uploaded.url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''cijfers.csv`);
    expect(response.body).toBe('name,amount\nJan,3\n');
  });

  it('answers a request that is not multipart with 415 and one without the field "file" with 400', async () => {
    const { api } = await signedIn();
    const json = await api.post('/api/v1/attachments', {});
    expect(json.statusCode).toBe(415);
    const wrongField = await upload(api, Buffer.from('hello'), 'a.txt', { field: 'picture' });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().errors).toEqual([{ field: 'file', message: 'is required' }]);
  });

  it('refuses a file over the limit per file with a 413, storing nothing', async () => {
    const manager = await signedIn('community_manager');
    expect((await manager.api.patch('/api/v1/settings/attachments', { maxFileBytes: 2048 })).statusCode).toBe(
      200,
    );
    const { api } = await signedIn();
    const before = await rowCounts(ctx.db.pool);
    const refused = await upload(api, Buffer.alloc(5000, 'a'), 'big.txt');
    expect(refused.statusCode).toBe(413);
    expect(refused.json().detail).toMatch(/0 MB|per file/);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect((await upload(api, Buffer.alloc(2000, 'a'), 'small.txt')).statusCode).toBe(201);
  });

  it('refuses a post whose files pass the total per post with a 413, and writes no post', async () => {
    const admin = await signedIn('admin');
    await admin.api.patch('/api/v1/settings/attachments', { maxFileBytes: 2048, maxPostBytes: 3000 });
    const { api, person } = await signedIn();
    const community = await buildCommunity(ctx.db.pool, { members: [person] });
    const a = (await upload(api, Buffer.alloc(2000, 'a'), 'a.txt')).json();
    const b = (await upload(api, Buffer.alloc(2000, 'b'), 'b.txt')).json();
    const before = await rowCounts(ctx.db.pool);
    const refused = await post(api, community.slug, `[a](${a.url}) [b](${b.url})`);
    expect(refused.statusCode).toBe(413);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect((await post(api, community.slug, `[a](${a.url})`)).statusCode).toBe(201);
  });

  it('lets community managers and admins set the limits, audited, and nobody else', async () => {
    const member = await signedIn();
    const manager = await signedIn('community_manager');
    expect((await member.api.get('/api/v1/settings/attachments')).statusCode).toBe(403);
    expect((await member.api.patch('/api/v1/settings/attachments', { maxFileBytes: 4096 })).statusCode).toBe(
      403,
    );
    const changed = await manager.api.patch('/api/v1/settings/attachments', {
      allowedTypes: ['image/png', 'IMAGE/PNG'],
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().allowedTypes).toEqual(['image/png']);
    const { rows } = await ctx.db.pool.query(
      `select after from audit_entries where action = 'settings.attachments.update' and actor_id = $1`,
      [manager.person.id],
    );
    expect(rows[0].after.allowedTypes).toEqual(['image/png']);
    expect((await upload(member.api, Buffer.from('plain words'), 'a.txt')).statusCode).toBe(415);
    const bad = await manager.api.patch('/api/v1/settings/attachments', { maxFileBytes: 10 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('maxFileBytes');
  });
});

describe('the OpenAPI document', () => {
  it('describes the upload as multipart/form-data with the field "file"', async () => {
    const document = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const body = document.paths['/api/v1/attachments'].post.requestBody.content['multipart/form-data'];
    expect(body.schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
  });
});

describe('a file is authorised like the post it belongs to', () => {
  let author: { person: TestPerson; api: Api };
  let outsider: Api;
  let admin: Api;

  beforeAll(async () => {
    author = await signedIn();
    outsider = (await signedIn()).api;
    admin = (await signedIn('admin')).api;
  });

  it('keeps a draft to its uploader until a post refers to it', async () => {
    const file = (await upload(author.api, Buffer.from('draft notes'), 'notes.txt')).json();
    expect((await author.api.get(file.url)).statusCode).toBe(200);
    expect((await outsider.get(file.url)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/attachments/${file.id}`)).statusCode).toBe(404);
  });

  it('hides a file in a secret community from everyone else, by id and by URL, admins included (404)', async () => {
    const member = await signedIn();
    const secret = await buildCommunity(ctx.db.pool, {
      visibility: 'secret',
      members: [author.person, member.person],
    });
    const file = (await upload(author.api, Buffer.from('quarterly figures'), 'q3.txt')).json();
    const thread = (await post(author.api, secret.slug, `See [q3.txt](${file.url})`)).json();
    expect((await member.api.get(file.url)).body).toBe('quarterly figures');
    expect((await member.api.get(`/api/v1/threads/${thread.id}/attachments`)).json().files).toEqual([
      expect.objectContaining({ id: file.id, name: 'q3.txt', threadId: thread.id }),
    ]);
    for (const api of [outsider, admin]) {
      for (const url of [
        file.url,
        `/api/v1/attachments/${file.id}`,
        `/api/v1/threads/${thread.id}/attachments`,
      ]) {
        const response = await api.get(url);
        expect(response.statusCode, url).toBe(404);
        expect(response.body).not.toContain('q3.txt');
      }
    }
  });

  it('answers 403 in a closed community, like the post', async () => {
    const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed', members: [author.person] });
    const file = (await upload(author.api, Buffer.from('closed notes'), 'c.txt')).json();
    await post(author.api, closed.slug, `[c](${file.url})`);
    expect((await outsider.get(file.url)).statusCode).toBe(403);
  });

  it("removes access to a post's files when the post is removed, for its author too", async () => {
    const open = await buildCommunity(ctx.db.pool, { members: [author.person] });
    const file = (await upload(author.api, Buffer.from('soon gone'), 'gone.txt')).json();
    const thread = (await post(author.api, open.slug, `[gone](${file.url})`)).json();
    expect((await outsider.get(file.url)).statusCode).toBe(200);
    expect((await author.api.delete(`/api/v1/threads/${thread.id}`)).statusCode).toBe(204);
    for (const api of [outsider, author.api]) expect((await api.get(file.url)).statusCode).toBe(404);
  });

  it("decides each of a reader's files asked for at once on its own, reading them in fewer statements", async () => {
    const open = await buildCommunity(ctx.db.pool, { members: [author.person] });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [author.person] });
    const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed', members: [author.person] });
    const draft = async (api: Api, name: string) => (await upload(api, Buffer.from(name), name)).json();
    const inPost = async (slug: string, name: string) => {
      const file = await draft(author.api, name);
      await post(author.api, slug, `[${name}](${file.url})`);
      return file;
    };
    const asked = [
      [await inPost(open.slug, 'open.txt'), 200],
      [await inPost(secret.slug, 'secret.txt'), 404],
      [await inPost(closed.slug, 'closed.txt'), 403],
      [await draft(author.api, 'their-draft.txt'), 404],
      [await draft(outsider, 'own-draft.txt'), 200],
    ] as const;
    const query = vi.spyOn(ctx.db.pool, 'query');
    try {
      const answers = await Promise.all(asked.map(([file]) => outsider.get(file.url)));
      expect(answers.map((answer) => answer.statusCode)).toEqual(asked.map(([, status]) => status));
      expect(answers[0]!.body).toBe('open.txt');
      expect(answers[4]!.body).toBe('own-draft.txt');
      const lookups = query.mock.calls.filter(([sql]) =>
        String(JSON.stringify(sql)).includes('from attachments a'),
      );
      expect(lookups.length).toBeGreaterThan(0);
      expect(lookups.length).toBeLessThan(asked.length);
    } finally {
      query.mockRestore();
    }
  });

  it("does not let a post take someone else's draft", async () => {
    const open = await buildCommunity(ctx.db.pool, { members: [author.person] });
    const file = (await upload(outsider, Buffer.from('mine'), 'mine.txt')).json();
    await post(author.api, open.slug, `[taken?](${file.url})`);
    expect((await author.api.get(file.url)).statusCode).toBe(404);
  });
});

describe('the virus-scan hook', () => {
  it('holds a file until scanned, and never serves one found infected', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'plein-scan-'));
    const scanner = join(folder, 'scan.sh');
    await writeFile(scanner, '#!/bin/sh\nif grep -q EICAR-STANDARD "$1"; then exit 1; fi\nexit 0\n');
    await chmod(scanner, 0o755);
    const scanned = await testApp({ config: { scan: { kind: 'command', command: scanner } } });
    const person = await buildPerson(scanned.db.pool);
    const api = client(scanned.app, await tokenFor(scanned.db.pool, person));
    const clean = (await upload(api, Buffer.from('just text'), 'clean.txt')).json();
    const infected = (
      await upload(api, Buffer.from('X5O EICAR-STANDARD-ANTIVIRUS-TEST-FILE'), 'bad.txt')
    ).json();
    expect([clean.status, infected.status]).toEqual(['pending', 'pending']);
    expect((await api.get(clean.url)).statusCode).toBe(409);
    await drain(() => processPendingFiles(scanned.deps));
    expect((await api.get(clean.url)).body).toBe('just text');
    expect((await api.get(`/api/v1/attachments/${infected.id}`)).json().status).toBe('rejected');
    expect((await api.get(infected.url)).statusCode).toBe(409);
    await scanned.app.close();
  });
});
