import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportUpload } from '../../../contract/import.js';
import type { SearchResults } from '../../../contract/search.js';
import { unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { rowCounts } from '../../test/row-counts.js';
import { type Actor, actor } from '../threads/testing.js';
import { zipOf } from './testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
let admin: Actor;
let member: Actor;
const MAX = 20_000;

beforeAll(async () => {
  ctx = await testApp({ config: { importMaxBytes: MAX } });
  admin = await actor(ctx.app, ctx.db.pool, { role: 'admin' });
  member = await actor(ctx.app, ctx.db.pool);
});

/** A one-group Workplace download whose only post carries the word. */
const archive = async (word: string) =>
  readFileSync(
    await zipOf({
      'groups/g/group.json': JSON.stringify({ id: 'g1', name: `Werkplaats ${word}`, privacy: 'OPEN' }),
      'groups/g/posts.json': JSON.stringify([
        {
          id: 'p1',
          from: { id: 'u1', name: 'Oud Collega' },
          message: `Hoe vraag ik ${word} verlof aan?`,
          created_time: '2021-02-03T09:00:00Z',
          comments: {
            data: [
              { id: 'c1', from: { id: 'u1' }, message: 'Via HR.', created_time: '2021-02-03T10:00:00Z' },
            ],
          },
        },
      ]),
    }),
  );

/** Row counts of everything an import would write: the upload's own state row is left out. */
const importedRows = async () => {
  const { import_uploads: _upload, ...counts } = await rowCounts(ctx.db.pool);
  return counts;
};

const upload = (who: Actor, body: Buffer, name = 'workplace.zip', type = 'application/zip') =>
  who.api.send('POST', `/api/v1/admin/imports?name=${name}&source=${unique('wp').toLowerCase()}`, body, {
    headers: { 'content-type': type },
  });

describe('the admin upload of an export', () => {
  it('checks first (a dry run that writes nothing), then runs on request and reports its progress and result', async () => {
    const word = unique('verlof').replace(/[^a-z]/g, '');
    const before = await importedRows();
    const checked = await upload(admin, await archive(word));
    expect(checked.statusCode).toBe(201);
    const body = checked.json() as ImportUpload;
    expect(body).toMatchObject({ format: 'workplace', status: 'checked', total: 4, result: null });
    expect(body.dryRun?.records).toMatchObject({ person: 1, community: 1, thread: 1, reply: 1 });
    expect(await importedRows()).toEqual(before);

    const started = await admin.api.post(`/api/v1/admin/imports/${body.id}/run`);
    expect(started.statusCode).toBe(200);
    let state = started.json() as ImportUpload;
    while (state.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = (await admin.api.get(`/api/v1/admin/imports/${body.id}`)).json() as ImportUpload;
    }
    expect(state).toMatchObject({ status: 'done', done: 4, total: 4 });
    expect(state.result?.counts.thread).toMatchObject({ created: 1 });
    const found = (await member.api.get(`/api/v1/search?q=${word}`)).json() as SearchResults;
    expect(found.counts.threads.count).toBe(1);

    const again = await admin.api.post(`/api/v1/admin/imports/${body.id}/run`);
    expect(again.statusCode).toBe(409);
  });

  it('keeps its state in the database: one node takes the upload, another runs it, and the first reports it', async () => {
    const other = await testApp({ config: { importMaxBytes: MAX } });
    const otherAdmin = await actor(other.app, other.db.pool, { role: 'admin' });
    const word = unique('reis').replace(/[^a-z]/g, '');
    const checked = (await upload(admin, await archive(word))).json() as ImportUpload;
    const seen = (await otherAdmin.api.get(`/api/v1/admin/imports/${checked.id}`)).json() as ImportUpload;
    expect(seen).toEqual(checked);

    const started = await otherAdmin.api.post(`/api/v1/admin/imports/${checked.id}/run`);
    expect(started.json()).toMatchObject({ status: 'running' });
    expect((await admin.api.post(`/api/v1/admin/imports/${checked.id}/run`)).statusCode).toBe(409);
    let state = (await admin.api.get(`/api/v1/admin/imports/${checked.id}`)).json() as ImportUpload;
    expect(['running', 'done']).toContain(state.status);
    while (state.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = (await admin.api.get(`/api/v1/admin/imports/${checked.id}`)).json() as ImportUpload;
    }
    expect(state).toMatchObject({ status: 'done', done: 4, total: 4 });
    expect(state.result?.counts.thread).toMatchObject({ created: 1 });
    const row = await ctx.db.pool.query('select status, done, total from import_uploads where id = $1', [
      checked.id,
    ]);
    expect(row.rows).toEqual([{ status: 'done', done: 4, total: 4 }]);
    await other.app.close();
  });

  it('lets a run whose node stopped be run again from any node, which completes it', async () => {
    const checked = (await upload(admin, await archive(unique('kas').replace(/[^a-z]/g, '')))).json();
    // As a node leaves it that stopped right after taking the run: running, and no sign of life since.
    const stalled = async (minutes: number) =>
      ctx.db.pool.query(
        `update import_uploads set status = 'running', updated_at = now() - make_interval(mins => $2)
          where id = $1`,
        [checked.id, minutes],
      );
    await stalled(1);
    expect((await admin.api.post(`/api/v1/admin/imports/${checked.id}/run`)).statusCode).toBe(409);
    await stalled(10);
    expect((await admin.api.post(`/api/v1/admin/imports/${checked.id}/run`)).json()).toMatchObject({
      status: 'running',
    });
    let state = (await admin.api.get(`/api/v1/admin/imports/${checked.id}`)).json() as ImportUpload;
    while (state.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = (await admin.api.get(`/api/v1/admin/imports/${checked.id}`)).json() as ImportUpload;
    }
    expect(state).toMatchObject({ status: 'done', done: 4, total: 4 });
  });

  it('refuses an archive over the limit with a 413 problem, and a bad one with its problems, writing nothing', async () => {
    const before = await importedRows();
    const big = await upload(admin, Buffer.alloc(MAX + 1, 1));
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(big.json().detail).toMatch(/larger than/);

    const bad = await upload(
      admin,
      readFileSync(await zipOf({ 'groups/g/group.json': '{"id": "g", "name": "G", "privacy": ' })),
    );
    expect(bad.statusCode).toBe(201);
    expect(bad.json()).toMatchObject({
      status: 'refused',
      problems: [
        { file: expect.stringMatching(/group\.json$/), message: expect.stringMatching(/malformed JSON/) },
      ],
    });
    const run = await admin.api.post(`/api/v1/admin/imports/${bad.json().id}/run`);
    expect(run.statusCode).toBe(409);

    const notArchive = await upload(admin, Buffer.from('hello'), 'notes.txt', 'application/octet-stream');
    expect(notArchive.statusCode).toBe(422);
    expect(await importedRows()).toEqual(before);
  });

  it('is for admins only, and only this route takes an archive', async () => {
    expect((await upload(member, await archive('x'))).statusCode).toBe(403);
    const elsewhere = await admin.api.send('POST', '/api/v1/me/tokens', Buffer.from('PK'), {
      headers: { 'content-type': 'application/zip' },
    });
    expect(elsewhere.statusCode).toBe(415);
  });
});
