import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { readableCommunitySql } from '../modules/communities/access.js';
import { manualClock } from '../platform/clock.js';
import { type Database, openDatabase, type Queryable } from '../platform/db/database.js';
import { migrate } from '../platform/db/migrate.js';
import { client } from '../test/client.js';
import { sessionFor, type TestPerson } from '../test/factories.js';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { testConfig } from '../test/harness.js';
import { DEMO_PASSWORD } from './organisation.js';
import { type DemoSummary, seedDemo } from './seed.js';

const now = new Date('2026-03-16T10:25:00Z');
const weeksAgo = (weeks: number) => new Date(now.getTime() - weeks * 7 * 24 * 3600_000);

type Seeded = { fresh: FreshDatabase; db: Database; app: Awaited<ReturnType<typeof buildApp>> };

async function seededDatabase(): Promise<Seeded & { summary: DemoSummary | null; ms: number }> {
  const fresh = await freshDatabase();
  const db = await openDatabase(fresh.database);
  await migrate(db.pool);
  const app = await buildApp({ config: testConfig(), db, clock: manualClock(now), logger: false });
  const started = performance.now();
  const summary = await seedDemo(app.deps);
  return { fresh, db, app, summary, ms: performance.now() - started };
}

async function close({ fresh, db, app }: Seeded) {
  await app.app.close();
  await db.close();
  await fresh.drop();
}

let seeded: Awaited<ReturnType<typeof seededDatabase>>;
let db: Queryable;

beforeAll(async () => {
  seeded = await seededDatabase();
  db = seeded.db.pool;
});
afterAll(() => close(seeded));

const count = async (sql: string, params: unknown[] = []) =>
  (await db.query<{ n: number }>(`select count(*)::int as n from (${sql}) x`, params)).rows[0]!.n;
const person = async (handle: string) =>
  (await db.query<TestPerson>('select id, handle, email, name from people where handle = $1', [handle]))
    .rows[0]!;

describe('the built-in demo organisation', () => {
  it('seeds an empty database quickly and reports what it made, matching the rows', async () => {
    expect(seeded.ms).toBeLessThan(20_000);
    expect(seeded.summary).toMatchObject({ people: 12, communities: 4, threads: 16, replies: 29 });
    expect(seeded.summary).toEqual({
      people: await count('select * from people'),
      communities: await count('select * from communities'),
      memberships: await count('select * from community_members'),
      threads: await count('select * from threads'),
      replies: await count('select * from replies'),
      reactions:
        (await count('select * from thread_reactions')) + (await count('select * from reply_reactions')),
      mentions: await count('select * from mentions'),
      hashtags: await count('select * from hashtags'),
    });
    expect(seeded.summary!.mentions).toBeGreaterThan(5);
    expect(seeded.summary!.hashtags).toBeGreaterThan(5);
  });

  it('seeds nothing into a database that has people', async () => {
    expect(await seedDemo(seeded.app.deps)).toBeNull();
    expect(await count('select * from people')).toBe(12);
  });

  it('has a CEO, two more leaders, an admin, and a manager hierarchy over three locations', async () => {
    const { rows } = await db.query<{
      handle: string;
      manager: string | null;
      is_leader: boolean;
      role: string;
    }>(
      `select p.handle, m.handle as manager, p.is_leader, p.role from people p
         left join people m on m.id = p.manager_id order by p.id`,
    );
    expect(rows.filter((row) => row.manager === null).map((row) => row.handle)).toEqual(['eva.devries']);
    expect(rows.filter((row) => row.is_leader)).toHaveLength(3);
    expect(rows.filter((row) => row.role === 'admin')).toHaveLength(1);
    // Every chain of managers ends at the CEO.
    const managerOf = new Map(rows.map((row) => [row.handle, row.manager]));
    for (const row of rows) {
      let at: string | null = row.handle;
      for (let steps = 0; managerOf.get(at!) !== null; steps++) {
        expect(steps).toBeLessThan(rows.length);
        at = managerOf.get(at!)!;
      }
      expect(at).toBe('eva.devries');
    }
    const locations = await db.query('select distinct location from people order by location');
    expect(locations.rows.map((row) => row.location)).toEqual(['Amsterdam', 'Londen', 'Rotterdam']);
  });

  it('has an open general, an open specialist, a closed and a secret community', async () => {
    const { rows } = await db.query('select slug, visibility, kind from communities order by id');
    expect(rows).toEqual([
      { slug: 'iedereen', visibility: 'open', kind: 'general' },
      { slug: 'kubernetes', visibility: 'open', kind: 'specialist' },
      { slug: 'klantenservice-nl', visibility: 'closed', kind: 'specialist' },
      { slug: 'board', visibility: 'secret', kind: 'specialist' },
    ]);
  });

  it('has threads of every main kind, with an answered question and a company-wide announcement by a leader', async () => {
    const kinds = await db.query('select distinct kind from threads order by kind');
    expect(kinds.rows.map((row) => row.kind)).toEqual(
      expect.arrayContaining(['announcement', 'discussion', 'idea', 'praise', 'question']),
    );
    expect(
      await count(`select 1 from threads t join people p on p.id = t.author_id
                    where t.company_wide and t.kind = 'announcement' and p.is_leader and t.community_id is null`),
    ).toBe(1);
    expect(
      await count(`select 1 from threads where kind = 'question' and status = 'answered'`),
    ).toBeGreaterThan(0);
    expect(await count('select 1 from replies where parent_id is not null')).toBeGreaterThan(0);
    expect(await count('select 1 from thread_status_changes')).toBeGreaterThan(0);
  });

  it('keeps every counter and copy consistent with the rows it summarises', async () => {
    expect(
      await count(`select 1 from threads t
                    where t.reply_count <> (select count(*) from replies r where r.thread_id = t.id)`),
    ).toBe(0);
    expect(
      await count(`select 1 from communities c
                    where c.member_count <> (select count(*) from community_members m where m.community_id = c.id)`),
    ).toBe(0);
    expect(
      await count(`select 1 from threads t
                    where t.last_activity_at <> greatest(t.created_at,
                            (select max(r.created_at) from replies r where r.thread_id = t.id))`),
    ).toBe(0);
    expect(
      await count(`select 1 from threads t
                    where t.first_reply_at is distinct from
                          (select min(r.created_at) from replies r where r.thread_id = t.id and r.author_id <> t.author_id)`),
    ).toBe(0);
    expect(
      await count(`select 1 from thread_hashtags th join threads t on t.id = th.thread_id
                    where th.last_activity_at <> t.last_activity_at`),
    ).toBe(0);
    // A question is answered exactly when it has an accepted reply of its own.
    expect(
      await count(`select 1 from threads t
                    where (t.kind = 'question') and ((t.status = 'answered') <> (t.accepted_reply_id is not null)
                       or (t.accepted_reply_id is not null and not exists
                             (select 1 from replies r where r.id = t.accepted_reply_id and r.thread_id = t.id)))`),
    ).toBe(0);
    expect(
      await count(`select 1 from threads t join people p on p.id = t.author_id
                    where t.origin <> case when p.is_leader then 'top_down' else 'bottom_up' end`),
    ).toBe(0);
  });

  it('has authors and repliers follow their threads, and posters in communities be members', async () => {
    expect(
      await count(`select 1 from threads t where not exists
                    (select 1 from thread_follows f where f.thread_id = t.id and f.person_id = t.author_id)`),
    ).toBe(0);
    expect(
      await count(`select 1 from replies r where not exists
                    (select 1 from thread_follows f where f.thread_id = r.thread_id and f.person_id = r.author_id)`),
    ).toBe(0);
    expect(
      await count(`select t.community_id, x.author_id from threads t
                     join lateral (select t.author_id union select r.author_id from replies r where r.thread_id = t.id) x on true
                    where t.community_id is not null and not exists
                      (select 1 from community_members m where m.community_id = t.community_id and m.person_id = x.author_id)`),
    ).toBe(0);
  });

  it('links every stored mention and hashtag in the rendered HTML', async () => {
    const { rows } = await db.query<{ handle: string; body_md: string; body_html: string }>(
      `select p.handle, coalesce(r.body_md, t.body_md) as body_md, coalesce(r.body_html, t.body_html) as body_html
         from mentions m join people p on p.id = m.person_id join threads t on t.id = m.thread_id
         left join replies r on r.id = m.reply_id`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.body_md).toContain(`@${row.handle}`);
      expect(row.body_html).toContain(`<a href="/u/${row.handle}" class="mention">@${row.handle}</a>`);
    }
    const tags = await db.query<{ tag: string; body_html: string }>(
      `select h.tag, t.body_html from thread_hashtags th join hashtags h on h.id = th.hashtag_id
         join threads t on t.id = th.thread_id`,
    );
    for (const row of tags.rows) expect(row.body_html).toContain(`href="/tags/${row.tag}" class="hashtag"`);
  });

  it('backdates everything over the past weeks, never after now', async () => {
    const { rows } = await db.query<{ earliest: Date; latest: Date }>(
      `select min(at) as earliest, max(at) as latest from (
         select created_at as at from threads union all select last_activity_at from threads
         union all select created_at from replies union all select created_at from thread_reactions
         union all select created_at from reply_reactions union all select joined_at from community_members
         union all select created_at from thread_status_changes) x`,
    );
    expect(rows[0]!.latest.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(rows[0]!.earliest.getTime()).toBeGreaterThan(weeksAgo(8).getTime());
    const threadDays = await db.query<{ days: number }>(
      `select count(distinct date_trunc('day', created_at))::int as days from threads`,
    );
    expect(threadDays.rows[0]!.days).toBeGreaterThan(10);
  });

  it('lets demo people sign in with the demo password', async () => {
    const response = await client(seeded.app.app).post('/api/v1/auth/login', {
      email: 'daan.smit@plein.example',
      password: DEMO_PASSWORD,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().person.handle).toBe('daan.smit');
  });

  it("keeps the secret community's thread from non-members, by the shared rule and through the API", async () => {
    const secret = (
      await db.query<{ id: string }>(
        `select t.id from threads t join communities c on c.id = t.community_id where c.visibility = 'secret'`,
      )
    ).rows[0]!;
    const outsider = await person('marieke.deboer');
    const admin = await person('bram.mulder');
    const member = await person('sanne.bakker');
    const readable = async (viewer: TestPerson) =>
      (
        await db.query(
          `select 1 from threads t where t.id = $1 and ${readableCommunitySql('t.community_id', '$2')}`,
          [secret.id, viewer.id],
        )
      ).rows.length > 0;
    expect(await readable(outsider)).toBe(false);
    expect(await readable(admin)).toBe(false);
    expect(await readable(member)).toBe(true);

    const as = async (viewer: TestPerson) => client(seeded.app.app, await sessionFor(db, viewer));
    expect((await (await as(outsider)).get(`/api/v1/threads/${secret.id}`)).statusCode).toBe(404);
    expect((await (await as(admin)).get(`/api/v1/threads/${secret.id}`)).statusCode).toBe(404);
    const seen = await (await as(member)).get(`/api/v1/threads/${secret.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().title).toBe('Strategie: uitbreiding naar Duitsland');
  });

  // Last, because it empties this file's database and seeds it again.
  it('is deterministic: the same clock gives the same organisation, ids included', async () => {
    const dump = async () =>
      (
        await db.query(
          `select t.id, t.title, t.body_html, t.created_at, t.last_activity_at, t.reply_count, t.status, p.handle,
                  (select string_agg(r.id || r.body_md || r.created_at::text, '|' order by r.id)
                     from replies r where r.thread_id = t.id) as replies,
                  (select string_agg(m.person_id || ':' || coalesce(m.reply_id, 0), ',' order by m.id)
                     from mentions m where m.thread_id = t.id) as mentions
             from threads t join people p on p.id = t.author_id order by t.id`,
        )
      ).rows;
    const before = await dump();
    await db.query('truncate people, communities, hashtags restart identity cascade');
    expect(await seedDemo(seeded.app.deps)).toEqual(seeded.summary);
    expect(await dump()).toEqual(before);
  });
});
