import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { buildCommunity, buildPerson, buildThread, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { type Actor, actor } from '../threads/testing.js';
import { activeOn } from './testing.js';

const clock = manualClock(new Date('2026-03-20T10:00:00Z'));
let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp({ clock });
});

/** A word no other test uses, safe inside names, departments and skills. */
const word = () => unique('w').replaceAll('-', '');

const suggestion = async (who: Actor, slug: string, kind: string) => {
  const response = await who.api.get(`/api/v1/groups/${slug}/health`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().suggestions.find((s: { kind: string }) => s.kind === kind);
};

describe('suggestions: invite', () => {
  it('counts people outside the community by its members’ top departments and by skills its texts name', async () => {
    const w = word();
    const db = ctx.db.pool;
    const physics = `Physics${w}`;
    const optics = `Optics${w}`;
    const marketing = `Marketing${w}`;
    const owner = await actor(ctx.app, db, { department: physics });
    const member = await actor(ctx.app, db, { department: physics, skills: [`photonics${w}`] });
    const members = [
      member,
      await buildPerson(db, { department: physics }),
      await buildPerson(db, { department: optics }),
      await buildPerson(db, { department: '' }),
    ];
    const community = await buildCommunity(db, {
      kind: 'specialist',
      name: `Qubit${w} circle`,
      owners: [owner],
      members,
    });
    await db.query('update communities set description = $2 where id = $1', [
      community.id,
      `We discuss error correction${w} and photonics${w}.`,
    ]);
    const thread = await buildThread(db, { author: owner, community });
    const tag = await db.query<{ id: string }>('insert into hashtags (tag) values ($1) returning id', [
      `cryo${w}`,
    ]);
    await db.query(
      'insert into thread_hashtags (thread_id, hashtag_id, last_activity_at) values ($1, $2, now())',
      [thread.id, tag.rows[0]!.id],
    );
    // Outside the community: a, b, c by department (b also by skill), d and e by skill only.
    const a = await buildPerson(db, { name: 'Anna', department: physics });
    const b = await buildPerson(db, { name: 'Bram', department: physics, skills: [`Photonics${w}`] });
    const c = await buildPerson(db, { name: 'Carl', department: optics });
    const d = await buildPerson(db, {
      name: 'Dirk',
      department: marketing,
      skills: [`Error Correction${w}`],
    });
    const e = await buildPerson(db, { name: 'Eva', department: marketing, skills: [`cryo${w}`] });
    // Not candidates: deactivated, or nothing in common.
    await buildPerson(db, { department: physics, status: 'deactivated' });
    await buildPerson(db, { department: marketing, skills: [`unrelated${w}`] });

    const invite = await suggestion(owner, community.slug, 'invite');
    expect(invite).toEqual({
      kind: 'invite',
      candidates: 5,
      byDepartment: 3,
      bySkill: 3,
      departments: [
        { department: physics, members: 3, candidates: 2 },
        { department: optics, members: 1, candidates: 1 },
      ],
      skills: [
        { skill: `cryo${w}`, candidates: 1 },
        { skill: `Error Correction${w}`, candidates: 1 },
        { skill: `Photonics${w}`, candidates: 1 },
      ],
      // Matching both ways first (Bram), then by name.
      examples: [b, a, c, d, e].map((person) => expect.objectContaining({ handle: person.handle })),
    });
    // A member sees the figures, not the names.
    expect(await suggestion(member, community.slug, 'invite')).toMatchObject({
      candidates: 5,
      examples: null,
    });
  });
});

describe('suggestions: merge', () => {
  it('picks the most similar community the viewer may read, by name and shared members, with combined figures', async () => {
    const db = ctx.db.pool;
    const [x, y, z, q] = await Promise.all([1, 2, 3, 4].map(() => buildPerson(db)));
    const xActor = await actor(ctx.app, db);
    const outsider = await actor(ctx.app, db);
    const harbour = await buildCommunity(db, { name: 'Harbour', owners: [xActor], members: [y!, z!] });
    // 'harbour' and 'harbor' share 5 of 10 distinct trigrams: similarity 0.5; one shared member of 4 in all.
    const harbor = await buildCommunity(db, { name: 'Harbor', members: [y!, q!] });
    // No name in common, but all three members of Harbour: only its members may be pointed to it.
    const quay = await buildCommunity(db, {
      name: 'Quay',
      visibility: 'secret',
      owners: [xActor],
      members: [y!, z!],
    });
    await activeOn(db, harbour.id, { [x!.id]: ['2026-03-20'], [y!.id]: ['2026-03-10'] });
    await activeOn(db, harbor.id, {
      [y!.id]: ['2026-03-15'],
      [z!.id]: ['2026-03-20'],
      [q!.id]: ['2026-02-01'], // before the window
    });
    await activeOn(db, quay.id, { [x!.id]: ['2026-03-19'] });

    expect(await suggestion(outsider, harbour.slug, 'merge')).toEqual({
      kind: 'merge',
      community: { slug: harbor.slug, name: 'Harbor', visibility: 'open', kind: 'general' },
      nameSimilarity: 0.5,
      sharedMembers: 1,
      // x and y in Harbour, y and z in Harbor.
      combinedActiveParticipants: 3,
      combinedViable: false,
    });
    expect(await suggestion(xActor, harbour.slug, 'merge')).toEqual({
      kind: 'merge',
      community: { slug: quay.slug, name: 'Quay', visibility: 'secret', kind: 'general' },
      nameSimilarity: 0,
      sharedMembers: 3,
      combinedActiveParticipants: 2,
      combinedViable: false,
    });
  });
});
