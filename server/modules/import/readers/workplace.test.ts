import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchResults } from '../../../../contract/search.js';
import { manualClock } from '../../../platform/clock.js';
import { unique } from '../../../test/factories.js';
import { testApp } from '../../../test/harness.js';
import { rowCounts } from '../../../test/row-counts.js';
import { type Actor, actor } from '../../threads/testing.js';
import { ImportRefused } from '../report.js';
import { runImport } from '../service.js';
import { importedRows, newSource, zipOf } from '../testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
const clock = manualClock(new Date('2026-12-06T10:00:00Z'));
let member: Actor;
let outsider: Actor;

beforeAll(async () => {
  ctx = await testApp();
  member = await actor(ctx.app, ctx.db.pool);
  outsider = await actor(ctx.app, ctx.db.pool);
});

const search = async (who: Actor, q: string) =>
  (await who.api.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).json() as SearchResults;

const importWorkplace = (paths: string[], source: string, dryRun = false) =>
  runImport(ctx.db.pool, clock, { paths, sourceName: source, dryRun });

/**
 * A small Workplace download in the Graph API's shapes: 100 is the Plein member (matched by email), 101 a
 * frontline worker without an address, 102 a colleague who left (deactivated), 103 only appears as an author.
 */
function download(word: string, colleague: string) {
  const people = {
    data: [
      {
        id: '100',
        name: 'Member',
        email: member.email,
        title: 'Planner',
        department: 'Logistiek',
        manager: null,
      },
      { id: '101', first_name: 'Fenna', last_name: 'Vloer', division: 'Magazijn', frontline: true },
      { id: '102', name: 'Gone Gerrit', email: colleague, active: false, manager: { id: '100' } },
    ],
  };
  const dutch = `Wie weet hoe de ${word} printer werkt? @Member weet het vast`;
  const at = dutch.indexOf('@Member');
  return {
    'people.json': JSON.stringify(people),
    'groups/planning/group.json': JSON.stringify({
      id: '9001',
      name: 'Planning',
      privacy: 'OPEN',
      created_time: '2018-04-01T08:00:00+0000',
    }),
    'groups/planning/posts.json': JSON.stringify({
      data: [
        {
          id: '9001_1',
          from: { id: '101', name: 'Fenna Vloer' },
          message: dutch,
          message_tags: [{ id: '100', name: 'Member', type: 'user', offset: at, length: '@Member'.length }],
          formatting: 'PLAINTEXT',
          created_time: '2019-05-01T10:00:00+0000',
          reactions: {
            data: [
              { id: '100', type: 'LIKE' },
              { id: '102', type: 'SAD' },
            ],
          },
          comments: {
            data: [
              {
                id: '9001_1_c1',
                from: { id: '100', name: 'Member' },
                message: 'Press the **green** button.',
                created_time: '2019-05-01T11:00:00+0000',
                reactions: [{ id: '101', type: 'THANKFUL' }],
                comments: {
                  data: [
                    {
                      id: '9001_1_c1_s1',
                      from: { id: '103', name: 'Visiting Vera', email: 'vera@elsewhere.test' },
                      message: 'Thanks, works!',
                      created_time: '2019-05-02T09:00:00+0000',
                    },
                  ],
                },
              },
            ],
          },
        },
      ],
    }),
    'groups/board/group.json': JSON.stringify({
      id: '9002',
      name: 'Board',
      privacy: 'SECRET',
      members: { data: [{ id: '100', administrator: true }, { id: '102' }] },
    }),
    'groups/board/posts.json': JSON.stringify([
      {
        id: '9002_1',
        from: { id: '102' },
        message: `The ${word} merger, *confidential*`,
        formatting: 'MARKDOWN',
        created_time: '2020-01-01T10:00:00Z',
        attachments: { data: [{ title: 'plan.pdf', url: 'https://files.example/plan.pdf', type: 'file' }] },
      },
    ]),
    'groups/ops/group.json': JSON.stringify({ id: '9003', name: 'Operations', privacy: 'CLOSED' }),
    'groups/ops/posts.json': JSON.stringify([
      {
        id: '9003_1',
        from: { id: '101' },
        message: `Dienstrooster ${word} week 12`,
        created_time: '2020-03-01T06:00:00Z',
      },
    ]),
  };
}

describe('reading a Workplace from Meta download', () => {
  it('brings people, groups, posts, comments two deep, mentions and reactions; a second run writes nothing', async () => {
    const source = newSource();
    const word = unique('fiets').replace(/[^a-z]/g, '');
    const colleague = `${unique('gerrit').toLowerCase()}@example.test`;
    const archive = await zipOf(download(word, colleague), 'workplace.zip');

    const dry = await importWorkplace([archive], source, true);
    expect(dry.records).toMatchObject({
      person: 4,
      community: 3,
      membership: 2,
      thread: 3,
      reply: 2,
      reaction: 2,
    });
    expect(await importedRows(ctx.db.pool, source)).toEqual([]);

    const report = await importWorkplace([archive], source);
    expect(report.counts.thread.created).toBe(3);
    expect(report.counts.reply.created).toBe(2);
    expect(report.skipped.map((s) => [s.kind, s.sourceId, s.reason])).toEqual([
      ['reaction', '9001_1:102', 'SAD has no Plein reaction'],
    ]);
    expect(report.attachments).toEqual([
      expect.objectContaining({
        name: 'plan.pdf',
        storage: 'external',
        path: 'https://files.example/plan.pdf',
      }),
    ]);
    expect(report.notes).toContain('1 people were deactivated in Workplace: they come in deactivated.');

    const { rows } = await ctx.db.pool.query(
      `select t.body_md, t.reply_count, t.title_invented, t.created_at, t.reaction_counts,
              (select count(*)::int from mentions m where m.thread_id = t.id and m.person_id = $2) as mentions,
              (select count(*)::int from replies r where r.thread_id = t.id and r.parent_id is not null) as nested
         from threads t join import_sources s on s.plein_id = t.id and s.kind = 'thread'
        where s.source = $1 and s.source_id = '9001_1'`,
      [source, member.id],
    );
    const { body_md, ...thread } = rows[0];
    expect(body_md).toMatch(new RegExp(`^Wie weet hoe de ${word} printer werkt\\? .+ weet het vast$`));
    expect(body_md).not.toContain('@Member');
    expect([thread]).toEqual([
      {
        reply_count: 2,
        title_invented: true,
        created_at: new Date('2019-05-01T10:00:00Z'),
        reaction_counts: { like: 1 },
        mentions: 1,
        nested: 1,
      },
    ]);

    const people = await ctx.db.pool.query(
      `select s.source_id, p.email, p.status from import_sources s join people p on p.id = s.plein_id
        where s.kind = 'person' and s.source = $1 order by s.source_id`,
      [source],
    );
    expect(people.rows).toEqual([
      { source_id: '100', email: member.email.toLowerCase(), status: 'active' }, // the member, matched
      { source_id: '101', email: null, status: 'deactivated' }, // frontline, no address
      { source_id: '102', email: colleague, status: 'deactivated' }, // left the company
      { source_id: '103', email: 'vera@elsewhere.test', status: 'deactivated' }, // only an author
    ]);

    const before = await importedRows(ctx.db.pool, source);
    const again = await importWorkplace([archive], source);
    expect(again.counts.thread).toMatchObject({ created: 0, matched: 3 });
    expect(await importedRows(ctx.db.pool, source)).toEqual(before);
  });

  it('keeps closed and secret groups closed and secret: members find their posts, outsiders nothing', async () => {
    const source = newSource();
    const word = unique('geheim').replace(/[^a-z]/g, '');
    const archive = await zipOf(download(word, `${unique('g').toLowerCase()}@example.test`));
    await importWorkplace([archive], source);
    const { rows } = await ctx.db.pool.query(
      'select name, visibility from communities where import_source = $1 order by name',
      [source],
    );
    expect(rows).toEqual([
      { name: 'Board', visibility: 'secret' },
      { name: 'Operations', visibility: 'closed' },
      { name: 'Planning', visibility: 'open' },
    ]);
    // The member is in Board (group.json members) and Planning: the open post and the secret one.
    expect((await search(member, word)).counts.threads.count).toBe(2);
    // An outsider sees only the open group's post.
    expect((await search(outsider, word)).counts.threads.count).toBe(1);
    const feed = (await outsider.api.get('/api/v1/feed?limit=100')).json() as { items: { title: string }[] };
    expect(feed.items.filter((item) => item.title.includes('merger'))).toEqual([]);
  });

  it('merges downloads by id: the later one wins, nothing is doubled', async () => {
    const source = newSource();
    const word = unique('merge').replace(/[^a-z]/g, '');
    const colleague = `${unique('m').toLowerCase()}@example.test`;
    const older = download(word, colleague);
    const newer = {
      ...download(word, colleague),
      'groups/ops/posts.json': JSON.stringify([
        {
          id: '9003_1',
          from: { id: '101' },
          message: `Rooster ${word} aangepast`,
          created_time: '2020-03-01T06:00:00Z',
        },
      ]),
    };
    await importWorkplace([await zipOf(older, 'old.zip'), await zipOf(newer, 'new.zip')], source);
    const { rows } = await ctx.db.pool.query(
      `select t.body_md from threads t join import_sources s on s.plein_id = t.id and s.kind = 'thread'
        where s.source = $1 and s.source_id = '9003_1'`,
      [source],
    );
    expect(rows).toEqual([{ body_md: `Rooster ${word} aangepast` }]);
  });
});

describe('a bad Workplace download', () => {
  const refusal = async (files: Record<string, string>) => {
    const before = await rowCounts(ctx.db.pool);
    const failure = await importWorkplace([await zipOf(files, 'bad.zip')], newSource()).catch((e) => e);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect(failure).toBeInstanceOf(ImportRefused);
    const [first] = (failure as ImportRefused).problems;
    return `${first!.file}:${first!.line} ${first!.message}`;
  };
  const group = JSON.stringify({ id: '1', name: 'G', privacy: 'OPEN' });
  const post = (id: string, more: object = {}) => ({
    id,
    from: { id: '5', name: 'P' },
    message: 'x',
    created_time: '2020-01-01T00:00:00Z',
    ...more,
  });

  it('is refused naming file and item, with nothing written', async () => {
    expect(await refusal({ 'people.json': '{"data": [' })).toMatch(
      /^bad\.zip\/people\.json:0 malformed JSON/,
    );
    expect(
      await refusal({
        'groups/g/group.json': group,
        'groups/g/posts.json': JSON.stringify([post('1'), post('1')]),
      }),
    ).toBe('bad.zip/groups/g/posts.json:2 duplicate post id 1 (first at bad.zip/groups/g/posts.json:1)');
    expect(
      await refusal({
        'groups/g/group.json': group,
        'groups/g/posts.json': JSON.stringify({ data: [post('1'), post('2', { from: undefined })] }),
      }),
    ).toMatch(/^bad\.zip\/groups\/g\/posts\.json:2 from: /);
    expect(
      await refusal({
        'groups/g/group.json': group,
        'groups/g/posts.json': JSON.stringify([post('1', { created_time: 'gisteren' })]),
      }),
    ).toBe('bad.zip/groups/g/posts.json:1 created_time: "gisteren" is not a date and time');
  });
});
