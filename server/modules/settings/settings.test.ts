import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import { buildPerson, tokenFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { rowCounts } from '../../test/row-counts.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
// Analytics tests on a shared database set the minimum group size lower (analytics/testing.ts); not this file's.
const minimum = expect.any(Number);

beforeAll(async () => {
  ctx = await testApp();
});

async function signedIn(role: 'member' | 'admin' = 'member') {
  const person = await buildPerson(ctx.db.pool, { role });
  return { person, api: client(ctx.app, await tokenFor(ctx.db.pool, person)) };
}

// Settings are organisation-wide: leave the default for every other test on this database.
afterEach(async () => {
  await ctx.db.pool.query(`update settings set value = '"admins"' where key = 'secretCommunityCreators'`);
  await ctx.db.pool.query(`delete from settings where key = 'loopClosureDays'`);
});

describe('settings', () => {
  it('shows the defaults to admins only', async () => {
    const admin = await signedIn('admin');
    const member = await signedIn();
    const response = await admin.api.get('/api/v1/settings');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      secretCommunityCreators: 'admins',
      loopClosureDays: 30,
      editHistoryForReaders: false,
      analyticsMinimumGroup: minimum,
    });
    expect((await member.api.get('/api/v1/settings')).statusCode).toBe(403);
    expect((await client(ctx.app).get('/api/v1/settings')).statusCode).toBe(401);
  });

  it('lets an admin open secret-community creation to everyone, audited with before and after', async () => {
    const admin = await signedIn('admin');
    const member = await signedIn();
    expect(
      (await member.api.post('/api/v1/groups', { name: 'Quiet', visibility: 'secret' })).statusCode,
    ).toBe(403);
    const changed = await admin.api.patch('/api/v1/settings', { secretCommunityCreators: 'everyone' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({
      secretCommunityCreators: 'everyone',
      loopClosureDays: 30,
      editHistoryForReaders: false,
      analyticsMinimumGroup: minimum,
    });
    expect((await admin.api.get('/api/v1/settings')).json().secretCommunityCreators).toBe('everyone');
    const { rows } = await ctx.db.pool.query(
      `select actor_id, before, after from audit_entries where action = 'settings.update' and actor_id = $1`,
      [admin.person.id],
    );
    expect(rows).toEqual([
      {
        actor_id: admin.person.id,
        before: {
          secretCommunityCreators: 'admins',
          loopClosureDays: 30,
          editHistoryForReaders: false,
          analyticsMinimumGroup: minimum,
        },
        after: {
          secretCommunityCreators: 'everyone',
          loopClosureDays: 30,
          editHistoryForReaders: false,
          analyticsMinimumGroup: minimum,
        },
      },
    ]);
    const stored = await ctx.db.pool.query(
      `select updated_by from settings where key = 'secretCommunityCreators'`,
    );
    expect(stored.rows[0].updated_by).toBe(admin.person.id);
    expect(
      (await member.api.post('/api/v1/groups', { name: 'Quiet', visibility: 'secret' })).statusCode,
    ).toBe(201);
  });

  it("sets the scorecard's feedback-loop window in whole days from 1 to 365", async () => {
    const admin = await signedIn('admin');
    // 60, not less: the scorecard tests on a shared database judge their themes alike with 30 and 60 days.
    const changed = await admin.api.patch('/api/v1/settings', { loopClosureDays: 60 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({
      secretCommunityCreators: 'admins',
      loopClosureDays: 60,
      editHistoryForReaders: false,
      analyticsMinimumGroup: minimum,
    });
    for (const [value, message] of [
      [0, 'must be at least 1'],
      [366, 'must be at most 365'],
      [1.5, 'must be a whole number of days'],
    ] as const) {
      const bad = await admin.api.patch('/api/v1/settings', { loopClosureDays: value });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0]).toEqual({ field: 'loopClosureDays', message });
    }
    expect((await admin.api.get('/api/v1/settings')).json().loopClosureDays).toBe(60);
  });

  it('refuses a minimum group size for analytics below 3 (admins may lower it that far, not further)', async () => {
    const admin = await signedIn('admin');
    for (const [value, message] of [
      [2, 'must be at least 3: a figure about fewer people is about a person'],
      [101, 'must be at most 100'],
      [4.5, 'must be a whole number of people'],
    ] as const) {
      const bad = await admin.api.patch('/api/v1/settings', { analyticsMinimumGroup: value });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0]).toEqual({ field: 'analyticsMinimumGroup', message });
    }
  });

  it('writes nothing when nothing changes', async () => {
    const admin = await signedIn('admin');
    const before = await rowCounts(ctx.db.pool);
    const response = await admin.api.patch('/api/v1/settings', { secretCommunityCreators: 'admins' });
    expect(response.statusCode).toBe(200);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });

  it('refuses non-admins and bad values, changing nothing', async () => {
    const admin = await signedIn('admin');
    const member = await signedIn();
    const before = await rowCounts(ctx.db.pool);
    expect(
      (await member.api.patch('/api/v1/settings', { secretCommunityCreators: 'everyone' })).statusCode,
    ).toBe(403);
    const bad = await admin.api.patch('/api/v1/settings', { secretCommunityCreators: 'anyone' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('secretCommunityCreators');
    const unknown = await admin.api.patch('/api/v1/settings', { theme: 'dark' });
    expect(unknown.statusCode).toBe(400);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect((await admin.api.get('/api/v1/settings')).json().secretCommunityCreators).toBe('admins');
  });
});
