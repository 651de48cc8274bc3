import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { manualClock } from '../platform/clock.js';
import { type Database, openDatabase, type Queryable } from '../platform/db/database.js';
import { migrate } from '../platform/db/migrate.js';
import { client } from '../test/client.js';
import { sessionFor, type TestPerson } from '../test/factories.js';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { testConfig } from '../test/harness.js';
import { ANCHOR_HANDLES, DEMO_PASSWORD } from './organisation.js';
import { type DemoSummary, seedDemo } from './seed.js';
import { comparableTitle } from './texts/writer.js';

const now = new Date('2026-03-16T10:25:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3600_000);

type Seeded = { fresh: FreshDatabase; db: Database; app: Awaited<ReturnType<typeof buildApp>> };

// Seeded once for the whole file: the full demo organisation, as `npm start` makes it.
let seeded: Seeded & { summary: DemoSummary | null };
let db: Queryable;

beforeAll(async () => {
  const fresh = await freshDatabase();
  const database = await openDatabase(fresh.database);
  await migrate(database.pool);
  const app = await buildApp({ config: testConfig(), db: database, clock: manualClock(now), logger: false });
  const summary = await seedDemo(app.deps);
  seeded = { fresh, db: database, app, summary };
  db = database.pool;
}, 600_000); // the full organisation: how long it takes depends on the machine, so no budget is asserted

afterAll(async () => {
  await seeded.app.app.close();
  await seeded.db.close();
  await seeded.fresh.drop();
});

const count = async (sql: string, params: unknown[] = []) =>
  (await db.query<{ n: number }>(`select count(*)::int as n from (${sql}) x`, params)).rows[0]!.n;
const one = async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0] as T;
const person = async (handle: string) =>
  (await db.query<TestPerson>('select id, handle, email, name from people where handle = $1', [handle]))
    .rows[0]!;

describe('the demo organisation', () => {
  it('seeds an empty database and reports what it made, matching the rows', async () => {
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
      notifications: await count('select * from notifications'),
      themes: await count('select * from themes'),
      goals: await count('select * from goals'),
      ideaVotes: await count('select * from idea_votes'),
      praised: await count('select * from praise_recipients'),
    });
    const summary = seeded.summary!;
    expect(summary.people).toBeGreaterThanOrEqual(550);
    expect(summary.people).toBeLessThanOrEqual(650);
    expect(summary.threads).toBeGreaterThan(1500);
    expect(summary.replies).toBeGreaterThan(summary.threads * 2);
    expect(summary.mentions).toBeGreaterThan(300);
    expect(summary.hashtags).toBeGreaterThan(20);
  });

  it("keeps every post's reaction counts equal to its reactions through the bulk seed", async () => {
    const mismatched = (posts: string, reactions: string, key: string) =>
      count(
        `select p.id from ${posts} p left join (
           select ${key}, jsonb_object_agg(kind, n) as counts
             from (select ${key}, kind, count(*)::int as n from ${reactions} group by ${key}, kind) k
            group by ${key}) c on c.${key} = p.id
          where p.reaction_counts <> coalesce(c.counts, '{}')`,
      );
    expect(await count("select * from threads where reaction_counts <> '{}'")).toBeGreaterThan(500);
    expect(await mismatched('threads', 'thread_reactions', 'thread_id')).toBe(0);
    expect(await mismatched('replies', 'reply_reactions', 'reply_id')).toBe(0);
  });

  it('seeds nothing into a database that has people', async () => {
    const before = await count('select * from people');
    expect(await seedDemo(seeded.app.deps)).toBeNull();
    expect(await count('select * from people')).toBe(before);
  });

  it('has offices in three or more time zones, eight or more departments, and names from both languages', async () => {
    expect(await count('select distinct location from people')).toBeGreaterThanOrEqual(5);
    expect(await count('select distinct time_zone from people')).toBeGreaterThanOrEqual(3);
    expect(await count('select distinct department from people')).toBeGreaterThanOrEqual(8);
    expect(
      await count(`select 1 from people where name ~ '^\\S+ (de|van|van der|van den) '`),
    ).toBeGreaterThan(20);
    expect(await count(`select 1 from people where location = 'Londen'`)).toBeGreaterThan(50);
    // Skills are optional on a profile; who lists them lists at least two.
    expect(await count(`select 1 from people where cardinality(skills) = 1`)).toBe(0);
  });

  it('has one CEO at the top of a manager hierarchy four to six levels deep, and about 5% leaders', async () => {
    const { rows } = await db.query<{
      handle: string;
      manager_id: string | null;
      id: string;
      is_leader: boolean;
    }>('select id, handle, manager_id, is_leader from people');
    const roots = rows.filter((row) => row.manager_id === null);
    expect(roots.map((row) => row.handle)).toEqual(['eva.devries']);
    const managerOf = new Map(rows.map((row) => [row.id, row.manager_id]));
    const depthOf = (id: string) => {
      let depth = 1;
      for (let at = managerOf.get(id); at; at = managerOf.get(at)) depth++;
      return depth;
    };
    const depth = Math.max(...rows.map((row) => depthOf(row.id)));
    expect(depth).toBeGreaterThanOrEqual(4);
    expect(depth).toBeLessThanOrEqual(6);
    const leaderShare = rows.filter((row) => row.is_leader).length / rows.length;
    expect(leaderShare).toBeGreaterThan(0.035);
    expect(leaderShare).toBeLessThan(0.075);
  });

  it('keeps the people the README and browser tests name, in their roles', async () => {
    for (const handle of ANCHOR_HANDLES) expect(await person(handle), handle).toBeDefined();
    expect(await one('select title, is_leader from people where handle = $1', ['eva.devries'])).toEqual({
      title: 'CEO',
      is_leader: true,
    });
    expect((await one<{ role: string }>(`select role from people where handle = 'bram.mulder'`)).role).toBe(
      'admin',
    );
    expect(await count(`select 1 from people where role = 'community_manager'`)).toBeGreaterThan(0);
  });

  it('has one CEO, and no one with the title of the person they report to', async () => {
    expect(await count(`select 1 from people where title = 'CEO'`)).toBe(1);
    expect(
      await count(`select 1 from people p join people ceo on ceo.id = p.manager_id
                    where ceo.handle = 'eva.devries' and p.title = 'CEO'`),
    ).toBe(0);
    expect(
      await count(`select 1 from people p join people m on m.id = p.manager_id where p.title = m.title`),
    ).toBe(0);
  });

  it('makes people members of the communities of their work: support agents of their support team', async () => {
    const memberOf = async (handle: string) =>
      (
        await db.query<{ slug: string }>(
          `select c.slug from community_members m join communities c on c.id = m.community_id
             join people p on p.id = m.person_id where p.handle = $1`,
          [handle],
        )
      ).rows.map((row) => row.slug);
    expect(await memberOf('daan.smit')).toContain('klantenservice-nl');
    const supportTeam: Record<string, string> = {
      Rotterdam: 'klantenservice-nl',
      Antwerpen: 'klantenservice-nl',
      Amsterdam: 'klantenservice-nl',
      Londen: 'customer-support-uk',
      Singapore: 'support-apac',
    };
    const support = await db.query<{ handle: string; location: string }>(
      `select handle, location from people where department = 'Customer Operations'`,
    );
    expect(support.rows.length).toBeGreaterThan(40);
    for (const row of support.rows)
      expect(await memberOf(row.handle), row.handle).toContain(supportTeam[row.location]);
    // Every leader up to team lead is in the managers' community; the finance department in its own.
    expect(
      await count(`select 1 from people p where p.is_leader and not exists (select 1 from community_members m
                     join communities c on c.id = m.community_id where c.slug = 'managers' and m.person_id = p.id)`),
    ).toBe(0);
  });

  it('never repeats a title within a community, not even with another lead-in, case or punctuation', async () => {
    const titles = await db.query<{ community_id: string | null; title: string }>(
      `select community_id, title from threads where title <> ''`,
    );
    expect(titles.rows.length).toBeGreaterThan(1000);
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const { community_id, title } of titles.rows) {
      const key = `${community_id}:${comparableTitle(title)}`;
      if (seen.has(key)) duplicates.push(`${title} ~ ${seen.get(key)}`);
      seen.set(key, title);
    }
    expect(duplicates).toEqual([]);
    // Bodies vary as well: a feed of identical posts reads as generated.
    expect(
      await count(
        `select community_id, body_md from threads group by community_id, body_md having count(*) > 1`,
      ),
    ).toBe(0);
    // And a board of ideas does not offer the same idea under another lead-in ("Idee:", "Wat als we …?").
    const ideas = await db.query<{ community_id: string; title: string }>(
      `select community_id, title from threads where kind = 'idea'`,
    );
    const proposals = new Map<string, number>();
    for (const { community_id, title } of ideas.rows) {
      const proposal = comparableTitle(title).replace(/^(wat als we|zullen we|what if we|shall we) /, '');
      proposals.set(`${community_id}:${proposal}`, (proposals.get(`${community_id}:${proposal}`) ?? 0) + 1);
    }
    expect(Math.max(...proposals.values())).toBeLessThanOrEqual(4);
  });

  it('creates no one after their own first act: post, reply, reaction, vote, follow, membership, sign-in', async () => {
    // Every table with a timestamp and a column referring to a person, read from the schema: a new one is checked too.
    const { rows } = await db.query<{ table_name: string; column_name: string; stamp: string }>(
      `select k.table_name, k.column_name, s.column_name as stamp
         from information_schema.referential_constraints r
         join information_schema.key_column_usage k on k.constraint_name = r.constraint_name
         join information_schema.constraint_column_usage u on u.constraint_name = r.constraint_name
         join lateral (select c.column_name from information_schema.columns c
                        where c.table_name = k.table_name and c.data_type like 'timestamp%'
                          and c.column_name in ('created_at', 'joined_at', 'at')
                        order by c.column_name = 'created_at' desc limit 1) s on true
        where u.table_name = 'people' and u.column_name = 'id' and k.table_name <> 'people'`,
    );
    expect(rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['threads', 'replies', 'thread_reactions', 'community_members', 'idea_votes']),
    );
    const early: string[] = [];
    for (const { table_name: table, column_name: column, stamp } of rows) {
      const n = await count(
        `select 1 from ${table} t join people p on p.id = t.${column} where t.${stamp} < p.created_at`,
      );
      if (n > 0) early.push(`${table}.${column}: ${n}`);
    }
    expect(early).toEqual([]);
    expect(
      await count('select 1 from people where activated_at < created_at or updated_at < created_at'),
    ).toBe(0);
  });

  it('saves no interface language for demo people: the interface follows their browser', async () => {
    expect(await count('select 1 from people where locale is not null')).toBe(0);
  });

  it('has about forty communities: general and specialist, open, closed and secret, sponsored by leaders', async () => {
    const communities = await count('select * from communities');
    expect(communities).toBeGreaterThanOrEqual(35);
    expect(communities).toBeLessThanOrEqual(50);
    for (const visibility of ['open', 'closed']) {
      expect(await count('select 1 from communities where visibility = $1', [visibility])).toBeGreaterThan(2);
    }
    const secret = await count(`select 1 from communities where visibility = 'secret'`);
    expect(secret).toBeGreaterThanOrEqual(1);
    expect(secret).toBeLessThanOrEqual(3);
    expect(await count(`select 1 from communities where kind = 'general'`)).toBeGreaterThan(5);
    expect(await count(`select 1 from communities where kind = 'specialist'`)).toBeGreaterThan(10);
    expect(
      await count(`select 1 from communities c join people p on p.id = c.sponsor_id where not p.is_leader`),
    ).toBe(0);
    expect(await count(`select 1 from communities where sponsor_id is not null`)).toBeGreaterThan(
      communities * 0.85,
    );
    expect(
      await count(`select 1 from communities where slug in ('iedereen', 'kubernetes', 'tendering')`),
    ).toBe(3);
  });

  it('keeps every counter and copy consistent with the rows it summarises', async () => {
    const inconsistent = {
      replyCount: `select 1 from threads t where t.reply_count <> (select count(*) from replies r where r.thread_id = t.id)`,
      memberCount: `select 1 from communities c
        where c.member_count <> (select count(*) from community_members m where m.community_id = c.id)`,
      // Grouped once rather than a subquery per thread: per-thread max/min over replies took 5 s each on PGlite.
      lastActivity: `select 1 from threads t
        left join (select thread_id, max(created_at) as at from replies group by thread_id) r on r.thread_id = t.id
        where t.last_activity_at <> greatest(t.created_at, r.at)`,
      firstReply: `select 1 from threads t
        left join (select r.thread_id, min(r.created_at) as at from replies r join threads o on o.id = r.thread_id
                    where r.author_id <> o.author_id group by r.thread_id) f on f.thread_id = t.id
        where t.first_reply_at is distinct from f.at`,
      tagActivity: `select 1 from thread_hashtags th join threads t on t.id = th.thread_id
        where th.last_activity_at <> t.last_activity_at`,
      // A question is answered exactly when it has an accepted reply of its own, accepted after it was written.
      accepted: `select 1 from threads t left join replies r on r.id = t.accepted_reply_id
        where t.kind = 'question' and ((t.status = 'answered') <> (t.accepted_reply_id is not null)
           or (t.accepted_reply_id is not null and (r.thread_id <> t.id or t.accepted_at < r.created_at
               or r.author_id = t.author_id)))`,
      origin: `select 1 from threads t join people p on p.id = t.author_id
        where t.origin <> case when p.is_leader then 'top_down' else 'bottom_up' end`,
      nesting: `select 1 from replies r join replies p on p.id = r.parent_id
        where p.parent_id is not null or p.thread_id <> r.thread_id or p.created_at > r.created_at`,
      replyBeforeThread: `select 1 from replies r join threads t on t.id = r.thread_id where r.created_at < t.created_at`,
      companyWide: `select 1 from threads where company_wide and (community_id is not null or kind <> 'announcement')`,
      voteCount: `select 1 from threads t where t.vote_count <> (select count(*) from idea_votes v where v.thread_id = t.id)`,
      ideaStatus: `select 1 from threads t where (t.kind = 'idea') <> coalesce(t.status in ('new', 'under_review', 'planned', 'done', 'declined'), false)`,
      questionStatus: `select 1 from threads t where (t.kind = 'question') <> coalesce(t.status in ('open', 'answered'), false)`,
    };
    for (const [check, sql] of Object.entries(inconsistent)) expect(await count(sql), check).toBe(0);
  });

  it('has authors and repliers follow their threads, and everyone who writes in a community be a member', async () => {
    expect(
      await count(`select 1 from threads t where not exists
        (select 1 from thread_follows f where f.thread_id = t.id and f.person_id = t.author_id)`),
    ).toBe(0);
    expect(
      await count(`select 1 from replies r where not exists
        (select 1 from thread_follows f where f.thread_id = r.thread_id and f.person_id = r.author_id)`),
    ).toBe(0);
    expect(
      await count(`select t.community_id, t.author_id from threads t where t.community_id is not null and not exists
        (select 1 from community_members m where m.community_id = t.community_id and m.person_id = t.author_id)`),
    ).toBe(0);
  });

  it('links every stored mention and hashtag in the rendered HTML, and mentions only people who exist', async () => {
    const { rows } = await db.query<{ handle: string; body_md: string; body_html: string }>(
      `select p.handle, coalesce(r.body_md, t.body_md) as body_md, coalesce(r.body_html, t.body_html) as body_html
         from mentions m join people p on p.id = m.person_id join threads t on t.id = m.thread_id
         left join replies r on r.id = m.reply_id`,
    );
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      expect(row.body_md).toContain(`@${row.handle}`);
      expect(row.body_html).toContain(`<a href="/u/${row.handle}" class="mention">@${row.handle}</a>`);
    }
    const tags = await db.query<{ tag: string; body_html: string }>(
      `select h.tag, t.body_html from thread_hashtags th join hashtags h on h.id = th.hashtag_id
         join threads t on t.id = th.thread_id`,
    );
    expect(tags.rows.length).toBeGreaterThan(100);
    for (const row of tags.rows) expect(row.body_html).toContain(`href="/tags/${row.tag}" class="hashtag"`);
  });

  it('spreads six months of history over working days and office hours, and nothing after now', async () => {
    const span = await one<{ earliest: Date; latest: Date }>(
      `select min(at) as earliest, max(at) as latest from (
         select created_at as at from threads union all select created_at from replies
         union all select created_at from thread_reactions union all select created_at from reply_reactions
         union all select created_at from thread_status_changes union all select created_at from notifications) x`,
    );
    expect(span.latest.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(span.earliest.getTime()).toBeLessThan(daysAgo(170).getTime());
    expect(span.earliest.getTime()).toBeGreaterThan(daysAgo(200).getTime());
    expect(
      await count(`select distinct date_trunc('month', created_at) from threads`),
    ).toBeGreaterThanOrEqual(6);
    const local = `(t.created_at at time zone p.time_zone)`;
    const rhythm = await one<{ weekday: number; office: number }>(
      `select avg(case when extract(isodow from ${local}) <= 5 then 1 else 0 end)::float as weekday,
              avg(case when extract(hour from ${local}) between 7 and 18 then 1 else 0 end)::float as office
         from threads t join people p on p.id = t.author_id`,
    );
    expect(rhythm.weekday).toBeGreaterThan(0.9);
    expect(rhythm.office).toBeGreaterThan(0.8);
  });

  it('answers most questions, at delays from minutes to days, and leaves some open', async () => {
    const questions = await one<{ total: number; answered: number; fast: number; slow: number }>(
      `select count(*)::int as total, count(*) filter (where status = 'answered')::int as answered,
              count(*) filter (where first_reply_at < created_at + interval '30 minutes')::int as fast,
              count(*) filter (where first_reply_at > created_at + interval '1 day')::int as slow
         from threads where kind = 'question'`,
    );
    expect(questions.answered / questions.total).toBeGreaterThan(0.55);
    expect(questions.answered / questions.total).toBeLessThan(0.95);
    expect(questions.fast).toBeGreaterThan(10);
    expect(questions.slow).toBeGreaterThan(5);
    expect(await count(`select distinct kind from threads`)).toBeGreaterThanOrEqual(6);
    expect(await count(`select 1 from thread_status_changes`)).toBeGreaterThan(20);
  });

  it('has leaders start more of the early topics, and communities that thrive and that dry up', async () => {
    const share = async (from: number, to: number) =>
      (
        await one<{ share: number }>(
          `select avg(case when origin = 'top_down' then 1 else 0 end)::float as share from threads
            where community_id is not null and created_at between $1 and $2`,
          [daysAgo(from), daysAgo(to)],
        )
      ).share;
    expect(await share(183, 150)).toBeGreaterThan((await share(35, 0)) * 1.3);
    const trend = await db.query<{ slug: string; early: number; late: number }>(
      `select c.slug, count(*) filter (where t.created_at < $1)::int as early,
              count(*) filter (where t.created_at > $2)::int as late
         from threads t join communities c on c.id = t.community_id group by c.slug`,
      [daysAgo(140), daysAgo(43)],
    );
    expect(trend.rows.some((row) => row.early >= 15 && row.late <= row.early / 4)).toBe(true);
    expect(trend.rows.some((row) => row.late >= 15 && row.late >= row.early * 1.4)).toBe(true);
  });

  it('leaves a few unread notifications for people who were active lately', async () => {
    expect(await count('select 1 from notifications where read_at is null')).toBeGreaterThan(50);
    expect(await count('select 1 from notifications where read_at is not null')).toBeGreaterThan(50);
  });

  it('lets demo people sign in with the demo password', async () => {
    const response = await client(seeded.app.app).post('/api/v1/auth/login', {
      email: 'daan.smit@plein.example',
      password: DEMO_PASSWORD,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().person.handle).toBe('daan.smit');
  });

  it('keeps a secret community and its threads from non-members through the API', async () => {
    const secret = await one<{ id: string; slug: string }>(
      `select t.id, c.slug from threads t join communities c on c.id = t.community_id
        where c.visibility = 'secret' order by t.id limit 1`,
    );
    const outsider = await one<TestPerson>(
      `select id, handle, email, name from people p where not exists (select 1 from community_members m
         join communities c on c.id = m.community_id where c.slug = $1 and m.person_id = p.id) order by id limit 1`,
      [secret.slug],
    );
    const member = await one<TestPerson>(
      `select p.id, p.handle, p.email, p.name from people p join community_members m on m.person_id = p.id
         join communities c on c.id = m.community_id where c.slug = $1 order by p.id limit 1`,
      [secret.slug],
    );
    const as = async (viewer: TestPerson) => client(seeded.app.app, await sessionFor(db, viewer));
    expect((await (await as(outsider)).get(`/api/v1/threads/${secret.id}`)).statusCode).toBe(404);
    expect((await (await as(outsider)).get(`/api/v1/groups/${secret.slug}`)).statusCode).toBe(404);
    const seen = await (await as(member)).get(`/api/v1/threads/${secret.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
  });

  // Last, because it empties this file's database and seeds it again.
  it('is deterministic: the same seed and clock give the same organisation, ids included', async () => {
    const fingerprint = async () =>
      one<Record<string, string>>(
        `select (select md5(string_agg(concat_ws('|', id, handle, manager_id, title, is_leader), ',' order by id)) from people) as people,
                (select md5(string_agg(concat_ws('|', community_id, person_id, role), ',' order by community_id, person_id)) from community_members) as members,
                (select md5(string_agg(concat_ws('|', id, community_id, author_id, kind, title, body_html, created_at, last_activity_at, status, theme_id, goal_id, vote_count), ',' order by id)) from threads) as threads,
                (select md5(string_agg(concat_ws('|', id, thread_id, parent_id, author_id, body_md, created_at), ',' order by id)) from replies) as replies,
                (select md5(string_agg(concat_ws('|', thread_id, reply_id, person_id), ',' order by id)) from mentions) as mentions,
                (select md5(string_agg(concat_ws('|', thread_id, person_id, created_at), ',' order by thread_id, person_id)) from idea_votes) as votes,
                (select md5(string_agg(concat_ws('|', id, title, owner_id, state, created_at), ',' order by id)) from themes) as themes,
                (select md5(string_agg(concat_ws('|', theme_id, author_id, body_html, created_at), ',' order by id)) from theme_outcomes) as outcomes,
                (select md5(string_agg(concat_ws('|', id, name, kpi, target, created_at), ',' order by id)) from goals) as goals,
                (select md5(string_agg(concat_ws('|', id, activated_at, avatar_url, bio), ',' order by id)) from people) as profiles`,
      );
    const before = await fingerprint();
    await db.query('truncate people, communities, hashtags, themes, goals restart identity cascade');
    expect(await seedDemo(seeded.app.deps)).toEqual(seeded.summary);
    expect(await fingerprint()).toEqual(before);
  }, 600_000); // a whole second seed: its time depends on the machine, so it gets room rather than a budget
});
