import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchResults } from '../../../../contract/search.js';
import { manualClock } from '../../../platform/clock.js';
import { unique } from '../../../test/factories.js';
import { testApp } from '../../../test/harness.js';
import { rowCounts } from '../../../test/row-counts.js';
import { type Actor, actor } from '../../threads/testing.js';
import { ImportRefused } from '../report.js';
import { runImport } from '../service.js';
import { csv, newSource, zipOf } from '../testing.js';
import { YAMMER_FILES } from './yammer-columns.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
const clock = manualClock(new Date('2026-12-06T10:00:00Z'));
let member: Actor;
let outsider: Actor;
// Plein's test people have addresses at example.test: the home domain; colleagues get fresh addresses there.
const domain = 'example.test';
const colleague = `${unique('colleague').toLowerCase()}@${domain}`;
const another = `${unique('another').toLowerCase()}@${domain}`;

beforeAll(async () => {
  ctx = await testApp();
  member = await actor(ctx.app, ctx.db.pool);
  outsider = await actor(ctx.app, ctx.db.pool);
});

const MESSAGE_COLUMNS = YAMMER_FILES.messages.known;
type Message = Partial<Record<(typeof MESSAGE_COLUMNS)[number], string>>;
const messagesCsv = (messages: Message[]) =>
  csv([[...MESSAGE_COLUMNS], ...messages.map((m) => MESSAGE_COLUMNS.map((column) => m[column] ?? ''))]);

/** Users: u1 is the Plein member (matched by email), u2 a frontline worker without an address, u3 a guest. */
const usersCsv = () =>
  csv([
    [
      'id',
      'name',
      'email',
      'job_title',
      'location',
      'department',
      'joined_at',
      'deleted_at',
      'suspended_at',
      'state',
    ],
    [
      '1',
      'Member',
      member.email,
      'Planner',
      'Utrecht',
      'Logistics',
      '2018-01-01 09:00:00 UTC',
      '',
      '',
      'active',
    ],
    ['2', 'Frontline Fay', '', '', '', 'Warehouse', '2018-02-01 09:00:00 UTC', '', '', 'active'],
    ['3', 'Guest Gus', 'gus@elsewhere.test', '', '', '', '2018-03-01 09:00:00 UTC', '', '', 'active'],
    ['4', 'Colleague', colleague, '', '', '', '2018-03-01 09:00:00 UTC', '', '', 'active'],
    ['5', 'Another', another, '', '', '', '2018-03-01 09:00:00 UTC', '', '', 'active'],
  ]);

const groupsCsv = (rows: string[][]) => csv([['id', 'name', 'description', 'privacy', 'internal'], ...rows]);

const message = (id: string, m: Message): Message => ({
  id,
  thread_id: id,
  sender_id: '1',
  sender_type: 'user',
  created_at: '2019-05-01T10:00:00Z',
  message_type: 'update',
  ...m,
});

const importYammer = (paths: string[], source: string, more: { privateMessages?: boolean } = {}) =>
  runImport(ctx.db.pool, clock, { paths, format: 'yammer', sourceName: source, homeDomain: domain, ...more });

const search = async (who: Actor, q: string) =>
  (await who.api.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).json() as SearchResults;

describe('reading a Yammer network export', () => {
  it('merges overlapping exports by id: the later export wins, nothing is doubled', async () => {
    const source = newSource();
    const older = await zipOf({
      'Users.csv': usersCsv(),
      'Groups.csv': groupsCsv([['10', 'Planning', '', 'public', 'true']]),
      'Messages.csv': messagesCsv([
        message('100', { group_id: '10', body: 'First draft of the plan' }),
        message('101', {
          thread_id: '100',
          replied_to_id: '100',
          group_id: '10',
          sender_id: '2',
          body: 'Looks good [[user:1]]',
        }),
      ]),
    });
    const newer = await zipOf({
      'Users.csv': usersCsv(),
      'Messages.csv': messagesCsv([
        message('100', { group_id: '10', body: 'Final plan' }),
        message('102', {
          thread_id: '100',
          replied_to_id: '101',
          group_id: '10',
          sender_id: '4',
          body: 'Agreed',
          created_at: '2019-05-02T10:00:00Z',
        }),
      ]),
    });
    const report = await importYammer([older, newer], source);
    expect(report.counts.thread.created).toBe(1);
    expect(report.counts.reply.created).toBe(2);
    const { rows } = await ctx.db.pool.query(
      `select t.body_md, t.reply_count, t.last_activity_at, t.title_invented,
              (select count(*)::int from mentions m where m.thread_id = t.id and m.person_id = $2) as mentions,
              (select count(*)::int from replies r where r.thread_id = t.id and r.parent_id is not null) as nested
         from threads t where t.import_source = $1`,
      [source, member.id],
    );
    expect(rows).toEqual([
      {
        body_md: 'Final plan',
        reply_count: 2,
        last_activity_at: new Date('2019-05-02T10:00:00Z'),
        title_invented: true,
        mentions: 1, // [[user:1]] became a real mention of the member
        nested: 1, // the reply to a reply hangs under it
      },
    ]);
    // A third run of the same exports adds nothing.
    const again = await importYammer([older, newer], source);
    expect(again.counts.reply).toMatchObject({ created: 0, matched: 2 });
  });

  it('keeps secret and private groups from anyone outside them, in search and feed', async () => {
    const source = newSource();
    const word = unique('zeppelin').replace(/[^a-z]/g, '');
    const archive = await zipOf({
      'Users.csv': usersCsv(),
      'Groups.csv': groupsCsv([
        ['20', 'Board', '', 'private', 'true'],
        ['21', 'Unlisted', '', 'unlisted', 'true'],
      ]),
      'Messages.csv': messagesCsv([
        message('200', { group_id: '20', in_private_group: 'true', body: `The ${word} plan` }),
        message('201', { group_id: '21', in_private_group: 'true', body: `Another ${word} plan` }),
      ]),
    });
    await importYammer([archive], source);
    const { rows } = await ctx.db.pool.query(
      'select name, visibility from communities where import_source = $1 order by name',
      [source],
    );
    expect(rows).toEqual([
      { name: 'Board', visibility: 'closed' }, // private: never wider than closed
      { name: 'Unlisted', visibility: 'secret' },
    ]);
    expect((await search(member, word)).counts.threads.count).toBe(2); // the author was a member
    expect((await search(outsider, word)).counts.threads.count).toBe(0);
    const feed = (await outsider.api.get('/api/v1/feed?limit=100')).json() as { items: { title: string }[] };
    expect(feed.items.filter((item) => item.title.includes(word))).toEqual([]);
  });

  it('brings private messages only when asked, readable only by their participants', async () => {
    const source = newSource();
    const word = unique('whisper').replace(/[^a-z]/g, '');
    const archive = await zipOf({
      'Users.csv': usersCsv(),
      'Messages.csv': messagesCsv([
        message('300', {
          in_private_conversation: 'true',
          participants: 'user:1,user:4',
          body: `A ${word} between us`,
        }),
      ]),
    });
    const without = await importYammer([archive], source);
    expect(without.skipped.map((s) => s.reason)).toEqual([
      'private message (import them with --private-messages)',
    ]);
    expect(without.counts.thread.created).toBe(0);
    await importYammer([archive], source, { privateMessages: true });
    expect((await search(member, word)).counts.threads.count).toBe(1);
    expect((await search(outsider, word)).counts.threads.count).toBe(0);
  });

  it('skips deleted messages, and imports people without an address and guests deactivated', async () => {
    const source = newSource();
    const archive = await zipOf({
      'Users.csv': usersCsv(),
      'Messages.csv': messagesCsv([
        message('400', { body: 'Stays', sender_id: '2' }),
        message('401', { body: 'Gone', deleted_at: '2019-05-03T10:00:00Z', deleted_by_id: '1' }),
        message('402', { thread_id: '401', replied_to_id: '401', body: 'Reply to gone' }),
      ]),
    });
    const report = await importYammer([archive], source);
    expect(report.skipped.map((s) => [s.file, s.line, s.sourceId, s.reason])).toEqual([
      ['export.zip/Messages.csv', 4, '402', 'its thread was deleted in the source'],
      ['export.zip/Messages.csv', 3, '401', 'deleted in the source'],
    ]);
    const { rows } = await ctx.db.pool.query(
      `select p.name, p.email, p.status from import_sources s join people p on p.id = s.plein_id
        where s.kind = 'person' and s.source = $1 and s.source_id <> '1'`,
      [source],
    );
    // Colleague and Another came in with an earlier test's source: found again by address, not copied.
    expect(rows).toHaveLength(4);
    expect(rows).toContainEqual({ name: 'Frontline Fay', email: null, status: 'deactivated' });
    expect(rows).toContainEqual({ name: 'Guest Gus', email: 'gus@elsewhere.test', status: 'deactivated' });
    expect(report.notes).toContain(`1 guests (addresses outside ${domain}) come in deactivated.`);
  });
});

describe('a bad Yammer export', () => {
  const refusal = async (files: Record<string, string | Buffer>) => {
    const before = await rowCounts(ctx.db.pool);
    const failure = await importYammer([await zipOf(files, 'bad.zip')], newSource()).catch((error) => error);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect(failure).toBeInstanceOf(ImportRefused);
    const [first] = (failure as ImportRefused).problems;
    return `${first!.file}:${first!.line} ${first!.message}`;
  };
  it('is refused naming file and line, with nothing written', async () => {
    const fine = { 'Users.csv': usersCsv() };
    expect(
      await refusal({
        ...fine,
        'Messages.csv': `${messagesCsv([message('1', { body: 'ok' })])}2,,,"unclosed\n`,
      }),
    ).toMatch(/^bad\.zip\/Messages\.csv:\d+ malformed CSV/);
    expect(
      await refusal({
        ...fine,
        'Messages.csv': Buffer.concat([
          Buffer.from(messagesCsv([message('1', { body: 'ok' })])),
          Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]),
        ]),
      }),
    ).toBe('bad.zip/Messages.csv:3 is not UTF-8 text (wrong encoding)');
    expect(
      await refusal({
        ...fine,
        'Groups.csv': csv([
          ['id', 'name', 'privacy', 'colour'],
          ['1', 'A', 'public', 'red'],
        ]),
      }),
    ).toBe('bad.zip/Groups.csv:1 unknown columns: colour');
    expect(
      await refusal({
        ...fine,
        'Messages.csv': messagesCsv([message('7', { body: 'a' }), message('7', { body: 'b' })]),
      }),
    ).toBe('bad.zip/Messages.csv:3 duplicate id 7 (first on line 2)');
    expect(
      await refusal({
        ...fine,
        'Messages.csv': messagesCsv([
          message('8', { thread_id: '999', replied_to_id: '999', body: 'orphan' }),
        ]),
      }),
    ).toBe('bad.zip/Messages.csv:2 refers to thread 999, which is neither in this file nor imported before');
    expect(
      await refusal({
        ...fine,
        'Messages.csv': messagesCsv([message('9', { body: 'x', created_at: 'soon' })]),
      }),
    ).toBe('bad.zip/Messages.csv:2 created_at: "soon" is not a date and time');
  });
});
