import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { client } from '../../test/client.js';
import { buildPerson, tokenFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { startS3Server } from '../../test/s3-server.js';
import { processPendingFiles, sweepUnusedFiles } from './jobs.js';
import { drain, photoWithExif, upload } from './testing.js';

describe('profile photos', () => {
  it('lets a person make an uploaded photo their avatar, which every signed-in person then sees', async () => {
    const ctx = await testApp();
    const person = await buildPerson(ctx.db.pool);
    const api = client(ctx.app, await tokenFor(ctx.db.pool, person));
    const other = client(ctx.app, await tokenFor(ctx.db.pool, await buildPerson(ctx.db.pool)));
    const photo = (await upload(api, await photoWithExif(), 'me.jpg')).json();
    await drain(() => processPendingFiles(ctx.deps));
    const thumb = `/api/v1/attachments/${photo.id}/content?size=thumb`;
    expect((await other.get(thumb)).statusCode).toBe(404);
    const changed = await api.patch('/api/v1/me', { avatarUrl: thumb });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().avatarUrl).toBe(thumb);
    expect((await other.get(`/api/v1/people/${person.handle}`)).json().avatarUrl).toBe(thumb);
    const seen = await other.get(thumb);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('image/webp');
  });

  it("refuses someone else's upload as an avatar with a 400 naming avatarUrl", async () => {
    const ctx = await testApp();
    const owner = client(ctx.app, await tokenFor(ctx.db.pool, await buildPerson(ctx.db.pool)));
    const thief = client(ctx.app, await tokenFor(ctx.db.pool, await buildPerson(ctx.db.pool)));
    const photo = (await upload(owner, await photoWithExif(), 'owner.jpg')).json();
    const refused = await thief.patch('/api/v1/me', { avatarUrl: photo.url });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('avatarUrl');
    expect((await thief.get(photo.url)).statusCode).toBe(404);
  });
});

describe('drafts nobody used', () => {
  it('are swept with their bytes after 24 hours; files of posts stay', async () => {
    const clock = manualClock(new Date());
    const ctx = await testApp({ clock });
    const person = await buildPerson(ctx.db.pool);
    const api = client(ctx.app, await tokenFor(ctx.db.pool, person));
    const draft = (await upload(api, Buffer.from('forgotten'), 'draft.txt')).json();
    const kept = (await upload(api, Buffer.from('posted'), 'kept.txt')).json();
    await api.post('/api/v1/threads', { kind: 'update', title: '', body: `[kept](${kept.url})` });
    const { rows } = await ctx.db.pool.query('select storage_key from attachments where id = $1', [draft.id]);
    clock.advance(23 * 3600_000);
    await sweepUnusedFiles(ctx.deps);
    expect((await api.get(draft.url)).statusCode).toBe(200);
    clock.advance(2 * 3600_000);
    await sweepUnusedFiles(ctx.deps);
    expect((await api.get(draft.url)).statusCode).toBe(404);
    expect(await ctx.deps.storage.get(rows[0].storage_key)).toBeNull();
    expect((await api.get(kept.url)).body).toBe('posted');
  });
});

describe('on S3-compatible object storage', () => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  beforeAll(async () => {
    s3 = await startS3Server('plein-app');
  });
  afterAll(() => s3.stop());

  it('uploads, processes and serves an image, and two nodes serve the same file', async () => {
    const one = await testApp({ config: { storage: s3.config } });
    const two = await testApp({ config: { storage: s3.config } });
    const person = await buildPerson(one.db.pool);
    const credentials = await tokenFor(one.db.pool, person);
    const photo = (
      await upload(client(one.app, credentials), await photoWithExif(64, 48), 'plan.jpg')
    ).json();
    await drain(() => processPendingFiles(two.deps));
    const served = await client(two.app, credentials).get(photo.url);
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.includes(Buffer.from('52.3702N'))).toBe(false);
    expect((await client(one.app, credentials).get(`/api/v1/attachments/${photo.id}`)).json()).toMatchObject({
      width: 64,
      height: 48,
      status: 'ready',
    });
    await one.app.close();
    await two.app.close();
  });
});
