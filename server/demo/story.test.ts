import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scorecard } from '../../contract/analytics.js';
import { buildApp } from '../app.js';
import { scorecard } from '../modules/analytics/service.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { manualClock } from '../platform/clock.js';
import { type Database, openDatabase, type Queryable } from '../platform/db/database.js';
import { migrate } from '../platform/db/migrate.js';
import { renderMarkdown } from '../platform/markdown/render.js';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { testConfig } from '../test/harness.js';
import { seedDemo } from './seed.js';

// The six conditions as the demo organisation tells them; every expected figure is recomputed here from the rows.
const now = new Date('2026-03-16T10:25:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3600_000);

let fresh: FreshDatabase;
let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let db: Queryable;

beforeAll(async () => {
  fresh = await freshDatabase();
  database = await openDatabase(fresh.database);
  await migrate(database.pool);
  app = await buildApp({ config: testConfig(), db: database, clock: manualClock(now), logger: false });
  await seedDemo(app.deps);
  db = database.pool;
}, 600_000);

afterAll(async () => {
  await app.app.close();
  await database.close();
  await fresh.drop();
});

const count = async (sql: string, params: unknown[] = []) =>
  (await db.query<{ n: number }>(`select count(*)::int as n from (${sql}) x`, params)).rows[0]!.n;
const rows = async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows as T[];

/** Minutes inside Mon–Fri 09:00–18:00 in a time zone between two instants, walked minute by minute; stops past `cap`. */
function officeMinutes(from: Date, to: Date, timeZone: string, cap: number): number {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  let minutes = 0;
  for (let t = from.getTime(); t + 60_000 <= to.getTime() && minutes <= cap; t += 60_000) {
    const parts = Object.fromEntries(format.formatToParts(t).map((p) => [p.type, p.value]));
    const clock = Number(parts.hour) * 60 + Number(parts.minute);
    if (!['Sat', 'Sun'].includes(parts.weekday!) && clock >= 9 * 60 && clock < 18 * 60) minutes++;
  }
  return minutes;
}

describe('the demo organisation tells the six conditions', () => {
  it('has strategic themes opened by leaders, with linked conversation and outcome updates by leaders', async () => {
    const themes = await rows<{
      id: string;
      title: string;
      owner_leader: boolean;
      state: string;
      created_at: Date;
      linked: number;
      linked_open: number;
      outcomes: number;
      kickoff: number;
    }>(
      `select th.id, th.title, th.state, th.created_at, o.is_leader as owner_leader,
              (select count(*)::int from threads t where t.theme_id = th.id) as linked,
              (select count(*)::int from threads t join communities c on c.id = t.community_id
                where t.theme_id = th.id and c.visibility = 'open') as linked_open,
              (select count(*)::int from theme_outcomes x where x.theme_id = th.id) as outcomes,
              (select count(*)::int from threads t where t.theme_id = th.id and t.author_id = th.owner_id
                 and t.title = th.title) as kickoff
         from themes th join people o on o.id = th.owner_id order by th.id`,
    );
    expect(themes.length).toBeGreaterThanOrEqual(4);
    for (const theme of themes) {
      expect(theme.owner_leader, theme.title).toBe(true);
      expect(theme.kickoff, theme.title).toBe(1);
      expect(theme.linked, theme.title).toBeGreaterThanOrEqual(5);
    }
    // Mostly in open communities, where everyone can join in.
    const sum = (pick: (t: (typeof themes)[number]) => number) => themes.reduce((n, t) => n + pick(t), 0);
    expect(sum((t) => t.linked_open) / sum((t) => t.linked)).toBeGreaterThan(0.5);
    expect(themes.filter((t) => t.outcomes > 0).length).toBeGreaterThanOrEqual(3);
    expect(themes.some((t) => t.state === 'closed')).toBe(true);
    // The loop left open: a theme waiting for its first outcome for two months or more.
    expect(
      themes.some(
        (t) => t.state === 'open' && t.outcomes === 0 && t.created_at.getTime() <= daysAgo(60).getTime(),
      ),
    ).toBe(true);
    const outcomes = await rows<{ is_leader: boolean; body_md: string; body_html: string; late: boolean }>(
      `select p.is_leader, x.body_md, x.body_html, x.created_at < th.created_at as late
         from theme_outcomes x join people p on p.id = x.author_id join themes th on th.id = x.theme_id`,
    );
    for (const outcome of outcomes) {
      expect(outcome.is_leader).toBe(true);
      expect(outcome.late).toBe(false);
      expect(outcome.body_html).toBe(renderMarkdown(outcome.body_md).html);
    }
    // Threads link only while their theme is open.
    expect(
      await count(`select 1 from threads t join themes th on th.id = t.theme_id
                    where t.created_at < th.created_at or t.created_at >= coalesce(th.closed_at, th.ends_at, 'infinity')`),
    ).toBe(0);
  });

  it('has a first-response goal that is met and a resolution goal that is missed, computed from the replies', async () => {
    const goals = await rows<{ id: string; kpi: string; target: number; attainment_target: number }>(
      `select g.id, g.kpi, g.target::float as target, g.attainment_target::float as attainment_target
         from goals g join people p on p.id = g.owner_id where p.is_leader order by g.id`,
    );
    expect(goals.length).toBe(await count('select * from goals'));
    const firstResponse = goals.find((g) => g.kpi === 'first_response_time')!;
    const resolution = goals.find((g) => g.kpi === 'resolution_time')!;
    expect(firstResponse.target).toBe(60);
    // Last 28 days; first response = first non-deleted reply by someone else, in office hours of the asker's zone.
    const questions = await rows<{ created_at: Date; first: Date | null; time_zone: string }>(
      `select t.created_at, p.time_zone,
              (select min(r.created_at) from replies r
                where r.thread_id = t.id and r.author_id <> t.author_id and r.deleted_at is null) as first
         from threads t join people p on p.id = t.author_id
        where t.goal_id = $1 and t.kind = 'question' and t.deleted_at is null and t.created_at >= $2 and t.created_at < $3`,
      [firstResponse.id, daysAgo(28), now],
    );
    let hits = 0;
    let misses = 0;
    for (const q of questions) {
      const minutes = officeMinutes(q.created_at, q.first ?? now, q.time_zone, 60);
      if (q.first && minutes <= 60) hits++;
      else if (minutes > 60) misses++;
    }
    expect(hits + misses).toBeGreaterThanOrEqual(15);
    expect((100 * hits) / (hits + misses)).toBeGreaterThanOrEqual(firstResponse.attainment_target);
    // Resolution has no calendar: plain minutes from asking to the accepted answer.
    const resolved = await rows<{ hit: number; miss: number }>(
      `select count(*) filter (where accepted_at <= created_at + make_interval(mins => $4))::int as hit,
              count(*) filter (where accepted_at > created_at + make_interval(mins => $4)
                or (accepted_at is null and $3 > created_at + make_interval(mins => $4)))::int as miss
         from threads where goal_id = $1 and kind = 'question' and deleted_at is null and created_at >= $2 and created_at < $3`,
      [resolution.id, daysAgo(28), now, resolution.target],
    );
    const { hit, miss } = resolved[0]!;
    expect(hit + miss).toBeGreaterThanOrEqual(10);
    expect((100 * hit) / (hit + miss)).toBeLessThan(resolution.attainment_target);
    // Every linked thread is in its goal's scope: one of its communities or hashtags.
    expect(
      await count(`select 1 from threads t where t.goal_id is not null and not exists
          (select 1 from goal_communities gc where gc.goal_id = t.goal_id and gc.community_id = t.community_id)
        and not exists (select 1 from goal_hashtags gh join thread_hashtags th on th.hashtag_id = gh.hashtag_id
          where gh.goal_id = t.goal_id and th.thread_id = t.id)`),
    ).toBe(0);
  });

  it('has ideas in every status, votes counted on the thread, and each change noted by an owner, sponsor or leader', async () => {
    const statuses = await rows<{ status: string }>(
      `select distinct status from threads where kind = 'idea'`,
    );
    expect(statuses.map((s) => s.status).sort()).toEqual([
      'declined',
      'done',
      'new',
      'planned',
      'under_review',
    ]);
    const inconsistent = {
      voteCount: `select 1 from threads t where t.vote_count <> (select count(*) from idea_votes v where v.thread_id = t.id)`,
      votesOnIdeasOnly: `select 1 from idea_votes v join threads t on t.id = v.thread_id
        where t.kind <> 'idea' or v.person_id = t.author_id or v.created_at < t.created_at or v.created_at > $1`,
      lastChange: `select 1 from threads t where t.kind = 'idea' and t.status is distinct from coalesce(
        (select s.to_status from thread_status_changes s where s.thread_id = t.id order by s.created_at desc limit 1), 'new')`,
      decider: `select 1 from thread_status_changes s join threads t on t.id = s.thread_id
        join communities c on c.id = t.community_id join people p on p.id = s.changed_by
        where not p.is_leader and c.sponsor_id is distinct from p.id and not exists (select 1 from community_members m
          where m.community_id = c.id and m.person_id = p.id and m.role = 'owner')`,
      emptyNote: `select 1 from thread_status_changes where length(trim(note)) = 0`,
    };
    for (const [check, sql] of Object.entries(inconsistent)) {
      expect(await count(sql, sql.includes('$1') ? [now] : []), check).toBe(0);
    }
    expect(await count(`select 1 from idea_votes`)).toBeGreaterThan(300);
  });

  it('names the colleagues every praise recognises, as its text mentions them', async () => {
    expect(await count(`select 1 from threads where kind = 'praise'`)).toBeGreaterThan(30);
    expect(
      await count(`select 1 from threads t where t.kind = 'praise'
                    and not exists (select 1 from praise_recipients r where r.thread_id = t.id)`),
    ).toBe(0);
    expect(
      await count(`select 1 from praise_recipients r join threads t on t.id = r.thread_id join people p on p.id = r.person_id
                    where t.kind <> 'praise' or r.person_id = t.author_id or position('@' || p.handle in t.body_md) = 0`),
    ).toBe(0);
  });

  it('has communities above and below their thresholds, and a few without a sponsor', async () => {
    const health = await rows<{ active: number; threshold: number }>(
      `select c.viability_threshold as threshold,
              (select count(distinct d.person_id)::int from community_active_days d
                where d.community_id = c.id and d.day > $1::date - 28 and d.day <= $1::date) as active
         from communities c`,
      [now.toISOString().slice(0, 10)],
    );
    expect(health.filter((c) => c.active >= c.threshold).length).toBeGreaterThanOrEqual(8);
    expect(health.filter((c) => c.active < c.threshold).length).toBeGreaterThanOrEqual(1);
    const unsponsored = await count(`select 1 from communities where sponsor_id is null`);
    expect(unsponsored).toBeGreaterThanOrEqual(1);
    expect(unsponsored).toBeLessThanOrEqual(5);
    expect(
      await count(`select 1 from communities c join people p on p.id = c.sponsor_id where not p.is_leader`),
    ).toBe(0);
  });

  it('rebuilt the participation roll-ups from every post, reply, reaction, idea vote and outcome update', async () => {
    const acts = `select t.author_id as person_id, t.community_id, t.created_at as at from threads t
      union all select r.author_id, t.community_id, r.created_at from replies r join threads t on t.id = r.thread_id
      union all select x.person_id, t.community_id, x.created_at from thread_reactions x join threads t on t.id = x.thread_id
      union all select x.person_id, t.community_id, x.created_at from reply_reactions x
        join replies r on r.id = x.reply_id join threads t on t.id = r.thread_id
      union all select v.person_id, t.community_id, v.created_at from idea_votes v join threads t on t.id = v.thread_id
      union all select o.author_id, null, o.created_at from theme_outcomes o`;
    const days = `select distinct person_id, (at at time zone 'UTC')::date as day from (${acts}) a`;
    expect(await count('select * from person_active_days')).toBe(await count(days));
    expect(await count('select * from community_active_days')).toBe(
      await count(`select distinct community_id, person_id, (at at time zone 'UTC')::date from (${acts}) a
                    where community_id is not null`),
    );
  });

  it('moves from top-down to bottom-up: leaders start a smaller share of threads as the months pass', async () => {
    const share = async (from: number, to: number) =>
      (
        await rows<{ share: number }>(
          `select avg(case when origin = 'top_down' then 1 else 0 end)::float as share from threads
            where created_at >= $1 and created_at < $2`,
          [daysAgo(from), daysAgo(to)],
        )
      )[0]!.share;
    const first = await share(183, 123);
    const middle = await share(123, 60);
    const last = await share(60, 0);
    expect(first).toBeGreaterThan(middle);
    expect(middle).toBeGreaterThan(last);
    expect(first).toBeGreaterThan(last * 1.5);
  });

  it('has a funnel: some never signed in and did nothing, some rarely active, some engaged', async () => {
    const never = await count(`select 1 from people where activated_at is null`);
    expect(never).toBeGreaterThanOrEqual(10);
    expect(never).toBeLessThan(80);
    const acts = `select author_id as person_id, created_at as at from threads
      union all select author_id, created_at from replies
      union all select person_id, created_at from thread_reactions
      union all select person_id, created_at from reply_reactions
      union all select person_id, created_at from idea_votes
      union all select author_id, created_at from theme_outcomes`;
    // Nobody acts before their account exists or before they first signed in.
    expect(
      await count(`select 1 from (${acts}) a join people p on p.id = a.person_id
                    where p.activated_at is null or a.at < p.activated_at or a.at < p.created_at`),
    ).toBe(0);
    const activeDays = await rows<{ days: number }>(
      `select count(d.day)::int as days from people p left join person_active_days d
          on d.person_id = p.id and d.day > $1::date - 28 and d.day <= $1::date
        where p.activated_at is not null group by p.id`,
      [now.toISOString().slice(0, 10)],
    );
    expect(activeDays.filter((p) => p.days >= 1 && p.days <= 2).length).toBeGreaterThan(30);
    expect(activeDays.filter((p) => p.days >= 10).length).toBeGreaterThan(30);
  });

  it('has profiles from complete to bare', async () => {
    const profiles = (
      await rows<{ no_bio: number; no_skills: number; avatar: number; complete: number; total: number }>(
        `select count(*) filter (where bio = '')::int as no_bio,
                count(*) filter (where cardinality(skills) = 0)::int as no_skills,
                count(*) filter (where avatar_url is not null)::int as avatar,
                count(*) filter (where bio <> '' and cardinality(skills) > 0 and avatar_url is not null)::int as complete,
                count(*)::int as total
           from people`,
      )
    )[0]!;
    for (const part of ['no_bio', 'no_skills', 'avatar', 'complete'] as const) {
      expect(profiles[part], part).toBeGreaterThan(profiles.total * 0.05);
      expect(profiles[part], part).toBeLessThan(profiles.total * 0.95);
    }
    expect(await count(`select 1 from people where avatar_url not like 'data:image/svg+xml;base64,%'`)).toBe(
      0,
    );
  });

  it('has replies that cross departments and offices, and questions answered from elsewhere', async () => {
    const crossing = (
      await rows<{ department: number; location: number; zone: number }>(
        `select avg(case when a.department <> b.department then 1 else 0 end)::float as department,
                avg(case when a.location <> b.location then 1 else 0 end)::float as location,
                avg(case when a.time_zone <> b.time_zone then 1 else 0 end)::float as zone
           from replies r join threads t on t.id = r.thread_id
           join people a on a.id = r.author_id join people b on b.id = t.author_id where r.author_id <> t.author_id`,
      )
    )[0]!;
    expect(crossing.department).toBeGreaterThan(0.2);
    expect(crossing.location).toBeGreaterThan(0.2);
    expect(crossing.zone).toBeGreaterThan(0.05);
    expect(
      await count(`select 1 from threads t join replies r on r.id = t.accepted_reply_id
        join people a on a.id = r.author_id join people b on b.id = t.author_id where a.department <> b.department`),
    ).toBeGreaterThan(20);
  });

  it('told people about idea decisions, praise and outcome updates, as the product does', async () => {
    const kinds = await rows<{ kind: string; n: number }>(
      `select kind, count(*)::int as n from notifications group by kind`,
    );
    const n = new Map(kinds.map((k) => [k.kind, k.n]));
    for (const kind of ['idea_status', 'praised', 'theme_outcome'])
      expect(n.get(kind), kind).toBeGreaterThan(0);
    expect(
      await count(`select 1 from notifications where kind = 'idea_status'
                    and not (data ? 'from' and data ? 'to' and data ? 'note')`),
    ).toBe(0);
    expect(
      await count(`select 1 from notifications n where kind = 'theme_outcome' and not exists
                    (select 1 from themes th where th.id::text = n.data->>'themeId' and th.title = n.data->>'themeTitle')`),
    ).toBe(0);
    // Only members write, react and vote in closed and secret communities, and only they hear about it.
    const outsiders = (table: string, person: string, thread: string) =>
      `select 1 from ${table} x join threads t on t.id = ${thread} join communities c on c.id = t.community_id
        where c.visibility <> 'open' and not exists
          (select 1 from community_members m where m.community_id = c.id and m.person_id = x.${person})`;
    expect(await count(outsiders('replies', 'author_id', 'x.thread_id'))).toBe(0);
    expect(await count(outsiders('thread_reactions', 'person_id', 'x.thread_id'))).toBe(0);
    expect(await count(outsiders('idea_votes', 'person_id', 'x.thread_id'))).toBe(0);
    expect(
      await count(`select 1 from notifications n join communities c on c.id = n.community_id
                    where c.visibility <> 'open' and not exists (select 1 from community_members m
                      where m.community_id = c.id and m.person_id = n.recipient_id)`),
    ).toBe(0);
  });
});

describe('the scorecard on the demo organisation compares like with like', () => {
  const day = (days: number) => daysAgo(days).toISOString().slice(0, 10);
  async function analyst(): Promise<Viewer> {
    const [person] = await rows<{ id: string; handle: string; name: string }>(
      `select id, handle, name from people where role = 'admin' and status = 'active' order by id limit 1`,
    );
    return { ...person!, role: 'admin', isLeader: false, locale: null, via: { kind: 'token', tokenId: '0' } };
  }
  const valuesOf = (card: Scorecard) =>
    [...card.conditions.flatMap((c) => c.figures), ...card.benefits.figures].map((f) => ({
      id: f.id,
      value: f.value,
      previous: f.previous,
      now: f.asOf === 'now',
    }));

  it('gives as "previous" exactly what a request for the previous period gives, for every figure and filter', async () => {
    const viewer = await analyst();
    const [place] = await rows<{ department: string; location: string }>(
      `select department, location from people where department > '' group by 1, 2 order by count(*) desc limit 1`,
    );
    const [open] = await rows<{ slug: string }>(
      `select slug from communities where visibility = 'open' order by member_count desc limit 1`,
    );
    const periods = [
      {},
      { from: day(67), to: day(40) },
      { from: day(99), to: day(10) },
      { from: day(106), to: day(100) },
      { from: day(230), to: day(203) },
    ];
    const filters = [
      {},
      { department: place!.department },
      { location: place!.location },
      { community: open!.slug },
    ];
    let compared = 0;
    for (const period of periods) {
      for (const filter of filters) {
        const card = await scorecard(app.deps, viewer, { ...period, ...filter });
        const direct = await scorecard(app.deps, viewer, { ...card.previous, ...filter });
        const asked = new Map(valuesOf(direct).map((f) => [f.id, f.value]));
        for (const f of valuesOf(card)) {
          const expected = f.now ? null : asked.get(f.id);
          expect(f.previous, `${f.id} ${JSON.stringify({ ...period, ...filter })}`).toBe(expected);
          if (f.previous !== null) compared++;
        }
        // The period trends show the previous period's point beside this one's.
        const enough = card.conditions.find((c) => c.id === 'enough_people')!;
        const directEnough = direct.conditions.find((c) => c.id === 'enough_people')!;
        expect(enough.trend.series[0]!.values[0]).toBe(directEnough.figures[0]!.value);
      }
    }
    // Most figures have a value to compare over these periods.
    expect(compared).toBeGreaterThan(300);
  });

  it('shows a participation ladder that reads true: many read, fewer react and reply, fewest start threads', async () => {
    const card = await scorecard(app.deps, await analyst(), {});
    const value = (id: string) => valuesOf(card).find((f) => f.id === id)!.value!;
    const [readers, reactors, repliers, creators] = [
      value('ladderReaders'),
      value('ladderReactors'),
      value('ladderRepliers'),
      value('ladderCreators'),
    ];
    for (const rung of [readers, reactors, repliers, creators]) expect(rung).toBeGreaterThan(0);
    // Every activated person seen in the 28 days stands on one rung, and none of them is counted twice.
    const [seen] = await rows<{ n: number }>(
      `select count(*)::int as n from people p
        where p.status = 'active' and p.activated_at < $1::date + 1
          and (exists (select 1 from person_read_days r where r.person_id = p.id and r.day between $1::date - 27 and $1)
               or exists (select 1 from person_active_days a
                           where a.person_id = p.id and a.day between $1::date - 27 and $1))`,
      [card.period.to],
    );
    expect(readers + reactors + repliers + creators).toBe(seen!.n);
    expect(readers + reactors + repliers).toBeGreaterThan(creators);
    // Praise counts people: never more people praised than praise posts in the period.
    expect(value('praisePer100')).toBeGreaterThan(0);
  });

  it('says "no data" for a period before anything existed, and refuses a period in the future', async () => {
    const viewer = await analyst();
    const before = await scorecard(app.deps, viewer, { from: day(800), to: day(773) });
    const enough = before.conditions.find((c) => c.id === 'enough_people')!;
    expect(enough.status).toBe('no_data');
    expect(enough.figures.map((f) => f.value)).toEqual([null, null, null]);
    expect(enough.recommendations).toEqual([]);
    const fertile = before.conditions.find((c) => c.id === 'fertile_ground')!;
    expect(fertile.figures.find((f) => f.id === 'sponsorsActive')!.value).toBeNull();
    await expect(scorecard(app.deps, viewer, { from: day(10), to: day(-1) })).rejects.toMatchObject({
      status: 400,
    });
  });
});
