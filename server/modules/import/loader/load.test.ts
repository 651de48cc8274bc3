import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../platform/clock.js';
import { buildPerson, unique } from '../../../test/factories.js';
import { testDatabase } from '../../../test/harness.js';
import { rowCounts } from '../../../test/row-counts.js';
import { ImportRefused } from '../report.js';
import { importedRows, interchangeFile, newSource } from '../testing.js';
import { loadInterchange } from './load.js';

let db: Awaited<ReturnType<typeof testDatabase>>;
const clock = manualClock(new Date('2026-12-06T10:00:00Z'));

beforeAll(async () => {
  db = await testDatabase();
});

/** A small network: two people (one without an address), a group, a question with two replies and reactions. */
function history(existingEmail: string) {
  return [
    { type: 'person', sourceId: 'u1', name: 'Ann Asker', email: existingEmail },
    {
      type: 'person',
      sourceId: 'u2',
      name: 'Frank Frontline',
      department: 'Warehouse',
      managerSourceId: 'u3',
    },
    { type: 'person', sourceId: 'u3', name: 'Lea Leader', email: `lea-${existingEmail}`, isLeader: true },
    { type: 'community', sourceId: 'g1', name: 'Warehouse floor', visibility: 'closed' },
    { type: 'membership', sourceId: 'g1:u3', communitySourceId: 'g1', personSourceId: 'u3', role: 'owner' },
    {
      type: 'thread',
      sourceId: 'm1',
      communitySourceId: 'g1',
      authorSourceId: 'u1',
      kind: 'question',
      body: 'How do we stack pallets safely? Asking [[person:u2]] #safety',
      createdAt: '2019-03-05T10:00:00Z',
    },
    {
      type: 'reply',
      sourceId: 'm2',
      threadSourceId: 'm1',
      authorSourceId: 'u1',
      body: 'More detail.',
      createdAt: '2019-03-05T10:05:00Z',
    },
    {
      type: 'reply',
      sourceId: 'm3',
      threadSourceId: 'm1',
      authorSourceId: 'u2',
      body: 'Heaviest at the bottom.',
      createdAt: '2019-03-05T11:00:00Z',
      accepted: true,
    },
    {
      type: 'reply',
      sourceId: 'm4',
      threadSourceId: 'm1',
      parentReplySourceId: 'm3',
      authorSourceId: 'u3',
      body: 'Agreed.',
      createdAt: '2019-03-06T09:00:00Z',
    },
    {
      type: 'reaction',
      sourceId: 'r1',
      target: 'thread',
      targetSourceId: 'm1',
      personSourceId: 'u3',
      kind: 'like',
      createdAt: '2019-03-05T12:00:00Z',
    },
    {
      type: 'reaction',
      sourceId: 'r2',
      target: 'reply',
      targetSourceId: 'm3',
      personSourceId: 'u1',
      kind: 'thanks',
      createdAt: '2019-03-05T12:00:00Z',
    },
  ];
}

describe('the interchange loader', () => {
  it('brings history in with its own timestamps, and derived columns as live writes keep them', async () => {
    const asker = await buildPerson(db.pool);
    const source = newSource();
    const before = await rowCounts(db.pool);
    const report = await loadInterchange(db.pool, interchangeFile(history(asker.email), source), { clock });
    expect(report.counts.person).toMatchObject({ created: 2, matched: 1 });
    expect(report.counts.reply.created).toBe(3);

    const { rows: threads } = await db.pool.query(
      `select t.*, c.member_count from threads t join communities c on c.id = t.community_id where t.import_source = $1`,
      [source],
    );
    const t = threads[0];
    expect(t.author_id).toBe(asker.id); // matched by email, not copied
    expect(t.created_at.toISOString()).toBe('2019-03-05T10:00:00.000Z');
    expect(t.last_activity_at.toISOString()).toBe('2019-03-06T09:00:00.000Z');
    expect(t.first_reply_at.toISOString()).toBe('2019-03-05T11:00:00.000Z'); // the asker's own detail does not count
    expect(t.reply_count).toBe(3);
    expect(t.status).toBe('answered');
    expect(t.accepted_reply_id).not.toBeNull();
    expect(t.reaction_counts).toEqual({ like: 1 });
    expect(t.title).toBe('How do we stack pallets safely? Asking @frank.frontline #safety');
    expect(t.title_invented).toBe(true);
    expect(t.body_html).toContain('<a href="/u/frank.frontline" class="mention">@frank.frontline</a>');
    // Owner (membership), asker (posted), frontline worker and leader (replied in a closed group).
    expect(t.member_count).toBe(3);
    expect(t.origin).toBe('bottom_up');

    const { rows: frank } = await db.pool.query(
      `select p.email, p.status, m.name as manager from people p join people m on m.id = p.manager_id
        where p.handle = 'frank.frontline' and p.import_source = $1`,
      [source],
    );
    expect(frank).toEqual([{ email: null, status: 'deactivated', manager: 'Lea Leader' }]);
    const { rows: nested } = await db.pool.query(
      `select r.parent_id = top.id as under_top from replies r join import_sources s on s.plein_id = r.id and s.kind = 'reply'
         join import_sources ts on ts.kind = 'reply' and ts.source = s.source and ts.source_id = 'm3'
         join replies top on top.id = ts.plein_id where s.source = $1 and s.source_id = 'm4'`,
      [source],
    );
    expect(nested).toEqual([{ under_top: true }]);
    const { rows: mentions } = await db.pool.query(
      `select count(*)::int as n from mentions m join threads t on t.id = m.thread_id where t.import_source = $1`,
      [source],
    );
    expect(mentions[0].n).toBe(1);
    // Nothing told anyone: no notification, no live event, no mail.
    const after = await rowCounts(db.pool);
    for (const table of ['notifications', 'events', 'outbound_emails', 'question_routings']) {
      expect(after[table], table).toBe(before[table]);
    }
  });

  it('writes nothing the second time', async () => {
    const asker = await buildPerson(db.pool);
    const source = newSource();
    const file = interchangeFile(history(asker.email), source);
    await loadInterchange(db.pool, file, { clock });
    const first = await importedRows(db.pool, source);
    const again = await loadInterchange(db.pool, file, { clock });
    expect(await importedRows(db.pool, source)).toEqual(first);
    expect(again.counts.thread).toMatchObject({ created: 0, matched: 1, updated: 0 });
    expect(again.counts.reaction).toMatchObject({ created: 0, matched: 2 });
  });

  it('skips what the source deleted, and takes away what a later export deletes', async () => {
    const asker = await buildPerson(db.pool);
    const source = newSource();
    const records = history(asker.email);
    const deletedThread = {
      type: 'thread',
      sourceId: 'gone',
      authorSourceId: 'u1',
      body: 'Oops',
      createdAt: '2019-01-01T00:00:00Z',
      deletedAt: '2019-01-02T00:00:00Z',
    };
    const childOfDeleted = {
      type: 'reply',
      sourceId: 'orphan',
      threadSourceId: 'gone',
      authorSourceId: 'u2',
      body: 'Too late',
      createdAt: '2019-01-01T01:00:00Z',
    };
    const report = await loadInterchange(
      db.pool,
      interchangeFile([...records, deletedThread, childOfDeleted], source),
      { clock },
    );
    expect(report.skipped.map((s) => [s.sourceId, s.reason])).toEqual([
      ['orphan', 'its thread was deleted in the source'],
      ['gone', 'deleted in the source'],
    ]);
    const later = records.map((r) => (r.sourceId === 'm3' ? { ...r, deletedAt: '2019-04-01T00:00:00Z' } : r));
    const second = await loadInterchange(db.pool, interchangeFile(later, source), { clock });
    expect(second.counts.reply.removed).toBe(1);
    const { rows } = await db.pool.query(
      `select reply_count, first_reply_at from threads where import_source = $1 and kind = 'question'`,
      [source],
    );
    // m3 gone; its answer m4 stays, as replies to a reply removed in Plein do.
    expect(rows[0].reply_count).toBe(2);
    expect(rows[0].first_reply_at.toISOString()).toBe('2019-03-06T09:00:00.000Z');
  });

  it('refuses a bad file naming the line of each problem, and writes nothing', async () => {
    const source = newSource();
    const before = await rowCounts(db.pool);
    const bad = [
      { type: 'person', sourceId: 'u1', name: 'Ann' },
      { type: 'person', sourceId: 'u1', name: 'Ann again' },
      {
        type: 'thread',
        sourceId: 't1',
        authorSourceId: 'nobody',
        body: 'x',
        createdAt: '2019-01-01T00:00:00Z',
      },
      {
        type: 'reply',
        sourceId: 'r1',
        threadSourceId: 't2',
        authorSourceId: 'u1',
        body: 'x',
        createdAt: '2019-01-01T00:00:00Z',
      },
      { type: 'thread', sourceId: 't2', authorSourceId: 'u1', body: 'x', createdAt: 'yesterday' },
      { type: 'comment', sourceId: 'c1' },
    ];
    const failure = await loadInterchange(db.pool, interchangeFile(bad, source), { clock }).catch((e) => e);
    expect(failure).toBeInstanceOf(ImportRefused);
    expect((failure as ImportRefused).problems.map((p) => [p.line, p.message.split(/[:(,]/)[0]])).toEqual([
      [2, 'duplicate person id u1 '],
      [5, 'createdAt'],
      [6, 'type'],
      [3, 'refers to person nobody'],
      [4, 'refers to thread t2'],
    ]);
    expect(await rowCounts(db.pool)).toEqual(before);
  });

  it('gives new people the first free handles, past those taken in Plein and in earlier batches', async () => {
    // Letters only, so that the numbers the loader appends stand apart from the name.
    const letters = unique('h')
      .toLowerCase()
      .replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!);
    const base = `zelda${letters.replace(/[^a-z]/g, '')}`;
    // Taken: the base and base2; base.smit and basex are other names and take none of base's numbers.
    for (const handle of [base, `${base}2`, `${base}.smit`, `${base}x`])
      await buildPerson(db.pool, { handle });
    const source = newSource();
    const people = [1, 2, 3].map((n) => ({ type: 'person', sourceId: `z${n}`, name: base }));
    await loadInterchange(db.pool, interchangeFile(people, source), { clock, batchSize: 2 });

    const taken = new Set([base, `${base}2`]);
    const expected: string[] = [];
    for (let n = 2; expected.length < 3; n++) if (!taken.has(`${base}${n}`)) expected.push(`${base}${n}`);
    const { rows } = await db.pool.query<{ handle: string }>(
      'select handle from people where import_source = $1 order by handle',
      [source],
    );
    expect(rows.map((r) => r.handle)).toEqual(expected);
  });

  it('checks everything and writes nothing on a dry run', async () => {
    const asker = await buildPerson(db.pool);
    const before = await rowCounts(db.pool);
    const report = await loadInterchange(db.pool, interchangeFile(history(asker.email), newSource()), {
      clock,
      dryRun: true,
    });
    expect(report.total).toBe(11);
    expect(await rowCounts(db.pool)).toEqual(before);
  });
});
