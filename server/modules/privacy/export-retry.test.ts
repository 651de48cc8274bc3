import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_MAX_ATTEMPTS } from '../../../contract/privacy.js';
import { manualClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { FileStorage } from '../../platform/storage/storage.js';
import { client } from '../../test/client.js';
import { buildPerson, sessionFor, type TestPerson } from '../../test/factories.js';
import { ownTestDatabase, testApp } from '../../test/harness.js';
import { runExports } from './export-jobs.js';

// The export job takes every waiting export of the database, and here storage fails on purpose: a database of its own.
const clock = manualClock(new Date('2021-03-01T09:00:00Z'));
let own: { db: Database; close: () => Promise<void> };
let ctx: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  own = await ownTestDatabase();
  ctx = await testApp({ db: own.db, clock });
});
afterAll(async () => {
  await ctx?.app.close();
  await own?.close();
});

/** The real storage, except that the next `failures` archives it is given are refused. */
function flakyStorage(failures: number): FileStorage {
  const real = ctx.deps.storage;
  let left = failures;
  return {
    kind: real.kind,
    get: (key) => real.get(key),
    delete: (key) => real.delete(key),
    put: async (key: string, body: Readable, size: number, type: string) => {
      if (left-- > 0) {
        body.destroy();
        throw new Error('storage is down');
      }
      return real.put(key, body, size, type);
    },
  };
}

async function askForExport(person: TestPerson) {
  const api = client(ctx.app, await sessionFor(ctx.db.pool, person));
  expect((await api.post('/api/v1/me/exports')).statusCode).toBe(201);
  return async () => (await api.get('/api/v1/me/exports')).json().items[0];
}

describe('A failing export is retried with backoff, then failed with a reason', () => {
  it(`tries ${EXPORT_MAX_ATTEMPTS} times in all, a minute and then five apart, then says storage failed`, async () => {
    const mine = await askForExport(await buildPerson(ctx.db.pool));
    const deps = { ...ctx.deps, storage: flakyStorage(Number.POSITIVE_INFINITY) };
    const minute = 60_000;

    expect(await runExports(deps)).toBe(1);
    expect(await mine()).toMatchObject({
      status: 'queued',
      attempts: 1,
      retryAt: new Date(clock.now().getTime() + minute).toISOString(),
      failureReason: null,
      downloadUrl: null,
    });
    // Not before its pause is over.
    clock.advance(minute - 1);
    expect(await runExports(deps)).toBe(0);
    clock.advance(1);
    expect(await runExports(deps)).toBe(1);
    expect(await mine()).toMatchObject({
      status: 'queued',
      attempts: 2,
      retryAt: new Date(clock.now().getTime() + 5 * minute).toISOString(),
    });
    clock.advance(5 * minute);
    expect(await runExports(deps)).toBe(1);
    expect(await mine()).toMatchObject({
      status: 'failed',
      attempts: 3,
      retryAt: null,
      failureReason: 'storage',
      finishedAt: clock.now().toISOString(),
    });
    clock.advance(60 * minute);
    expect(await runExports(deps)).toBe(0);
  });

  it('is ready after a failure storage recovers from, and a build abandoned on its last attempt fails as a build', async () => {
    const mine = await askForExport(await buildPerson(ctx.db.pool));
    const deps = { ...ctx.deps, storage: flakyStorage(1) };
    expect(await runExports(deps)).toBe(1);
    expect((await mine()).status).toBe('queued');
    clock.advance(60_000);
    expect(await runExports(deps)).toBe(1);
    expect(await mine()).toMatchObject({ status: 'ready', attempts: 2, failureReason: null, retryAt: null });
    expect((await mine()).downloadUrl).toMatch(/\/download$/);

    // A node died while building it the last time: after the stale time it is failed, not built again.
    const person = await buildPerson(ctx.db.pool);
    const theirs = await askForExport(person);
    await ctx.db.pool.query(
      `update privacy_exports set status = 'running', attempts = $2, started_at = $3 where subject_id = $1`,
      [person.id, EXPORT_MAX_ATTEMPTS, clock.now()],
    );
    clock.advance(31 * 60_000);
    expect(await runExports(ctx.deps)).toBe(0);
    expect(await theirs()).toMatchObject({ status: 'failed', failureReason: 'build' });
  });
});
