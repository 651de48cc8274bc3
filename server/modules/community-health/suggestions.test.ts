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
    await buildPerson(db, { name: 'Anna', department: physics });
    await buildPerson(db, { name: 'Bram', department: physics, skills: [`Photonics${w}`] });
    await buildPerson(db, { name: 'Carl', department: optics });
    await buildPerson(db, {
      name: 'Dirk',
      department: marketing,
      skills: [`Error Correction${w}`],
    });
    await buildPerson(db, { name: 'Eva', department: marketing, skills: [`cryo${w}`] });
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
      // No expertise, related activity or colleagues in this world: nobody ranked, only the figures.
      people: [],
    });
    // A member sees the figures, not the names.
    expect(await suggestion(member, community.slug, 'invite')).toMatchObject({
      candidates: 5,
      people: null,
    });
  });

  it('names the people most likely to join a general community, ranked by evidence, never from a secret one', async () => {
    const w = word();
    const db = ctx.db.pool;
    const topic = `garden${w}`;
    const [ann, ben, cas, dora, eli, fay, rita, sid] = await Promise.all(
      ['Ann', 'Ben', 'Cas', 'Dora', 'Eli', 'Fay', 'Rita', 'Sid'].map((name) =>
        buildPerson(db, { name: `${name} ${w}` }),
      ),
    );
    const gus = await buildPerson(db, { name: `Gus ${w}`, status: 'deactivated' });
    // Eli manages m1; Fay shares Eli as manager with m1: both work with an active member.
    const m1 = await buildPerson(db, { managerId: eli!.id });
    await db.query('update people set manager_id = $2 where id = $1', [fay!.id, eli!.id]);
    const m2 = await buildPerson(db);
    const owner = await actor(ctx.app, db);
    const member = await actor(ctx.app, db);
    const community = await buildCommunity(db, {
      kind: 'general',
      name: `Allotment ${w}`,
      owners: [owner],
      members: [m1, m2, member],
    });
    await activeOn(db, community.id, { [m1.id]: ['2026-03-10'], [m2.id]: ['2026-03-12'] });
    const tagged = async (where: Awaited<ReturnType<typeof buildCommunity>>) => {
      const thread = await buildThread(db, { author: owner, community: where });
      await db.query(
        `insert into thread_hashtags (thread_id, hashtag_id, last_activity_at)
         select $1, id, now() from hashtags where tag = $2`,
        [thread.id, topic],
      );
    };
    await db.query('insert into hashtags (tag) values ($1)', [topic]);
    await tagged(community);
    // Related by members: Plot shares m1 and m2. Related by hashtag: Seeds uses #garden. Shed (secret, the owner
    // is not in it) shares every member, but its people are no one else's business.
    const plot = await buildCommunity(db, { name: `Plot ${w}`, members: [m1, m2] });
    const seeds = await buildCommunity(db, { name: `Seeds ${w}` });
    await tagged(seeds);
    const shed = await buildCommunity(db, { visibility: 'secret', members: [m1, m2, member] });
    await activeOn(db, plot.id, {
      [ann!.id]: ['2026-03-01'],
      [cas!.id]: ['2026-03-19'],
      [rita!.id]: ['2026-02-01'], // before the 28 days
      [m1.id]: ['2026-03-02'], // a member already
    });
    await activeOn(db, seeds.id, { [eli!.id]: ['2026-03-05'] });
    await activeOn(db, shed.id, { [sid!.id]: ['2026-03-15'] });
    // Public expertise on the community's hashtag: accepted answers, or only a skill.
    const expertise = [
      [ann!, 2, false, 10],
      [ben!, 1, false, 5],
      [dora!, 0, true, 3],
      [m2, 4, false, 12], // a member already
      [gus, 3, false, 9], // deactivated
    ] as const;
    for (const [person, accepted, skill, score] of expertise) {
      await db.query(
        `insert into expertise_scores (topic, person_id, accepted_answers, skill, score) values ($1, $2, $3, $4, $5)`,
        [topic, person.id, accepted, skill, score],
      );
    }

    const invite = await suggestion(owner, community.slug, 'invite');
    // Ann 3 (answers) + 2 (Plot) = 5; Ben 3 and Eli 2 (Seeds) + 1 (manages m1) = 3, by name; Cas 2 (Plot); then
    // Dora (knows, 1) and Fay (shares m1's manager, 1) by name: the fifth is Dora.
    expect(
      invite.people.map((p: { person: { handle: string }; score: number }) => [p.person.handle, p.score]),
    ).toEqual([
      [ann!.handle, 5],
      [ben!.handle, 3],
      [eli!.handle, 3],
      [cas!.handle, 2],
      [dora!.handle, 1],
    ]);
    const plotReason = { kind: 'active_in', community: { slug: plot.slug, name: plot.name } };
    expect(invite.people.map((p: { reasons: unknown }) => p.reasons)).toEqual([
      [{ kind: 'answers', topic }, plotReason],
      [{ kind: 'answers', topic }],
      [
        { kind: 'active_in', community: { slug: seeds.slug, name: seeds.name } },
        { kind: 'colleague', members: 1 },
      ],
      [plotReason],
      [{ kind: 'knows', topic }],
    ]);
    expect(JSON.stringify(invite)).not.toContain(sid!.handle);
    expect(JSON.stringify(invite)).not.toContain(shed.slug);
    expect(await suggestion(member, community.slug, 'invite')).toMatchObject({ people: null });
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
