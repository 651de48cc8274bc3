import { beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import { buildCommunity, buildPerson, tokenFor, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { rowCounts } from '../../test/row-counts.js';

let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp();
});

/** A new person and an API client signed in as them. */
async function signedIn(overrides: Parameters<typeof buildPerson>[1] = {}) {
  const person = await buildPerson(ctx.db.pool, overrides);
  return { person, api: client(ctx.app, await tokenFor(ctx.db.pool, person)) };
}

/** A word no other test uses, safe inside names, slugs and search queries. */
const word = () => unique('w').replaceAll('-', '');

const names = (body: { items: { name: string }[] }) => body.items.map((item) => item.name);

async function setSecretCreators(value: 'admins' | 'everyone') {
  const { api } = await signedIn({ role: 'admin' });
  expect((await api.patch('/api/v1/settings', { secretCommunityCreators: value })).statusCode).toBe(200);
}

describe('GET /api/v1/groups (the directory)', () => {
  it('shows open and closed communities to everyone and secret ones only to their members', async () => {
    const w = word();
    const owner = await signedIn();
    const outsider = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    for (const visibility of ['open', 'closed', 'secret'] as const) {
      await buildCommunity(ctx.db.pool, { visibility, name: `${visibility} ${w}`, owners: [owner.person] });
    }
    const seenBy = async (api: typeof owner.api) => {
      const response = await api.get(`/api/v1/groups?q=${w}`);
      expect(response.statusCode).toBe(200);
      return response.json();
    };
    expect(names(await seenBy(owner.api))).toEqual([`closed ${w}`, `open ${w}`, `secret ${w}`]);
    const outside = await seenBy(outsider.api);
    expect(names(outside)).toEqual([`closed ${w}`, `open ${w}`]);
    expect(JSON.stringify(outside)).not.toContain(`secret ${w}`);
    // Admins have no view into secret communities either (access.ts).
    expect(names(await seenBy(admin.api))).toEqual([`closed ${w}`, `open ${w}`]);
    const mine = (await seenBy(owner.api)).items;
    expect(mine.map((item: { myRole: string }) => item.myRole)).toEqual(['owner', 'owner', 'owner']);
    expect(outside.items.map((item: { myRole: string | null }) => item.myRole)).toEqual([null, null]);
  });

  it('searches slugs as well as names, never revealing a secret slug to outsiders', async () => {
    const w = word();
    const owner = await signedIn({ role: 'admin' });
    const outsider = await signedIn();
    for (const visibility of ['open', 'secret'] as const) {
      const created = await owner.api.post('/api/v1/groups', {
        name: `Plain ${visibility}`,
        slug: `${visibility}-${w}`,
        visibility,
      });
      expect(created.statusCode).toBe(201);
    }
    const slugs = (body: { items: { slug: string }[] }) => body.items.map((item) => item.slug);
    expect(slugs((await owner.api.get(`/api/v1/groups?q=${w}`)).json())).toEqual([
      `open-${w}`,
      `secret-${w}`,
    ]);
    expect(slugs((await outsider.api.get(`/api/v1/groups?q=${w}`)).json())).toEqual([`open-${w}`]);
    expect((await outsider.api.get(`/api/v1/groups?q=secret-${w}`)).json().items).toEqual([]);
  });

  it('pages by name with a keyset cursor, without gaps or repeats', async () => {
    const w = word();
    const owner = await signedIn();
    for (const n of [3, 1, 5, 2, 4]) {
      await buildCommunity(ctx.db.pool, { name: `${w} ${n}`, owners: [owner.person] });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/v1/groups?q=${w}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await owner.api.get(query)).json();
      seen.push(...names(body));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual([1, 2, 3, 4, 5].map((n) => `${w} ${n}`));
    expect(pages).toBe(3);
  });

  it('filters by kind and by my own communities', async () => {
    const w = word();
    const me = await signedIn();
    const other = await signedIn();
    await buildCommunity(ctx.db.pool, { name: `${w} general mine`, owners: [me.person] });
    await buildCommunity(ctx.db.pool, {
      name: `${w} specialist mine`,
      kind: 'specialist',
      members: [me.person],
    });
    await buildCommunity(ctx.db.pool, {
      name: `${w} specialist theirs`,
      kind: 'specialist',
      owners: [other.person],
    });
    expect(names((await me.api.get(`/api/v1/groups?q=${w}&kind=specialist`)).json())).toEqual([
      `${w} specialist mine`,
      `${w} specialist theirs`,
    ]);
    expect(names((await me.api.get(`/api/v1/groups?q=${w}&member=me`)).json())).toEqual([
      `${w} general mine`,
      `${w} specialist mine`,
    ]);
    expect(names((await me.api.get(`/api/v1/groups?q=${w}&member=me&kind=specialist`)).json())).toEqual([
      `${w} specialist mine`,
    ]);
  });

  it('describes each community: counts, threshold, sponsor, my role and my pending request', async () => {
    const w = word();
    const sponsor = await buildPerson(ctx.db.pool, { leader: true, name: `Sponsor ${w}` });
    const owner = await buildPerson(ctx.db.pool);
    const member = await buildPerson(ctx.db.pool);
    const asking = await signedIn();
    const community = await buildCommunity(ctx.db.pool, {
      name: `Described ${w}`,
      visibility: 'closed',
      kind: 'specialist',
      sponsor,
      owners: [owner],
      members: [member],
    });
    expect(
      (await asking.api.put(`/api/v1/groups/${community.slug}/members/${asking.person.handle}`)).statusCode,
    ).toBe(202);
    const [item] = (await asking.api.get(`/api/v1/groups?q=${w}`)).json().items;
    expect(item).toMatchObject({
      id: community.id,
      slug: community.slug,
      name: `Described ${w}`,
      visibility: 'closed',
      kind: 'specialist',
      memberCount: 2,
      viabilityThreshold: 25,
      sponsor: { handle: sponsor.handle, isLeader: true },
      myRole: null,
      myRequest: 'pending',
    });
    expect(item.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('rejects a bad cursor, limit or kind with a problem naming the field', async () => {
    const { api } = await signedIn();
    for (const [query, field] of [
      ['cursor=nonsense', 'cursor'],
      [`cursor=${Buffer.from(JSON.stringify(['name', 'not-an-id'])).toString('base64url')}`, 'cursor'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['kind=huge', 'kind'],
      ['member=you', 'member'],
    ]) {
      const response = await api.get(`/api/v1/groups?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});

describe('POST /api/v1/groups', () => {
  it('creates a community with its creator as owner, a slug from its name and the default threshold', async () => {
    const w = word();
    const { person, api } = await signedIn();
    const response = await api.post('/api/v1/groups', { name: `Café & Co ${w}`, description: 'Coffee' });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      slug: `cafe-co-${w}`,
      name: `Café & Co ${w}`,
      description: 'Coffee',
      visibility: 'open',
      kind: 'general',
      viabilityThreshold: 250,
      memberCount: 1,
      myRole: 'owner',
      sponsor: null,
      canRead: true,
      canManage: true,
    });
    expect(body.owners.map((o: { handle: string }) => o.handle)).toEqual([person.handle]);
    const { rows } = await ctx.db.pool.query(
      'select role from community_members where community_id = $1 and person_id = $2',
      [body.id, person.id],
    );
    expect(rows).toEqual([{ role: 'owner' }]);
    const audit = await ctx.db.pool.query(
      `select actor_id from audit_entries where action = 'community.create' and target_id = $1`,
      [body.id],
    );
    expect(audit.rows).toEqual([{ actor_id: person.id }]);

    const again = await api.post('/api/v1/groups', { name: `Café & Co ${w}` });
    expect(again.json().slug).toBe(`cafe-co-${w}-2`);
  });

  it('gives specialist communities a threshold of 25, and keeps one an admin chooses', async () => {
    const { api } = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const specialist = await api.post('/api/v1/groups', { name: word(), kind: 'specialist' });
    expect(specialist.json().viabilityThreshold).toBe(25);
    const chosen = await admin.api.post('/api/v1/groups', { name: word(), viabilityThreshold: 40 });
    expect(chosen.json().viabilityThreshold).toBe(40);
  });

  it("refuses a member's own threshold (admins only), but accepts the kind's default", async () => {
    const { api } = await signedIn();
    const before = await rowCounts(ctx.db.pool);
    const refused = await api.post('/api/v1/groups', { name: word(), viabilityThreshold: 40 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/Only admins set a community's viability threshold/);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    const stated = await api.post('/api/v1/groups', {
      name: word(),
      kind: 'specialist',
      viabilityThreshold: 25,
    });
    expect(stated.statusCode).toBe(201);
  });

  it('attaches a leader as sponsor', async () => {
    const leader = await buildPerson(ctx.db.pool, { leader: true });
    const { api } = await signedIn();
    const response = await api.post('/api/v1/groups', { name: word(), sponsorHandle: leader.handle });
    expect(response.statusCode).toBe(201);
    expect(response.json().sponsor.handle).toBe(leader.handle);
  });

  it('answers 409 for a slug that is taken, whatever its case, and stores nothing', async () => {
    const { api } = await signedIn();
    const slug = `taken-${word()}`;
    expect((await api.post('/api/v1/groups', { name: 'First', slug })).statusCode).toBe(201);
    const before = await rowCounts(ctx.db.pool);
    const response = await api.post('/api/v1/groups', { name: 'Second', slug });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors).toEqual([{ field: 'slug', message: 'is taken' }]);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });

  it('rejects bad input with a 400 naming the field, and stores nothing', async () => {
    const { api } = await signedIn();
    const plain = await buildPerson(ctx.db.pool);
    const retired = await buildPerson(ctx.db.pool, { leader: true, status: 'deactivated' });
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', slug: 'Bad Slug' }, 'slug'],
      [{ name: 'x', slug: '-dash' }, 'slug'],
      [{ name: 'x'.repeat(121) }, 'name'],
      [{ name: '   ' }, 'name'],
      [{}, 'name'],
      [{ name: 'x', description: 'd'.repeat(5001) }, 'description'],
      [{ name: 'x', visibility: 'hidden' }, 'visibility'],
      [{ name: 'x', kind: 'huge' }, 'kind'],
      [{ name: 'x', viabilityThreshold: 0 }, 'viabilityThreshold'],
      [{ name: 'x', sponsorHandle: `nobody-${word()}` }, 'sponsorHandle'],
      [{ name: 'x', sponsorHandle: plain.handle }, 'sponsorHandle'],
      [{ name: 'x', sponsorHandle: retired.handle }, 'sponsorHandle'],
      [{ name: 'x', colour: 'red' }, 'request'],
    ];
    const before = await rowCounts(ctx.db.pool);
    for (const [body, field] of cases) {
      const response = await api.post('/api/v1/groups', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const nonLeader = await api.post('/api/v1/groups', { name: 'x', sponsorHandle: plain.handle });
    expect(nonLeader.json().errors[0].message).toBe('must be a leader');
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });

  it('lets only admins create secret communities until the setting allows everyone', async () => {
    const member = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const before = await rowCounts(ctx.db.pool);
    const refused = await member.api.post('/api/v1/groups', { name: word(), visibility: 'secret' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/secretCommunityCreators/);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect((await admin.api.post('/api/v1/groups', { name: word(), visibility: 'secret' })).statusCode).toBe(
      201,
    );

    await setSecretCreators('everyone');
    try {
      const allowed = await member.api.post('/api/v1/groups', { name: word(), visibility: 'secret' });
      expect(allowed.statusCode).toBe(201);
      expect(allowed.json()).toMatchObject({ visibility: 'secret', myRole: 'owner' });
    } finally {
      await setSecretCreators('admins');
    }
    expect((await member.api.post('/api/v1/groups', { name: word(), visibility: 'secret' })).statusCode).toBe(
      403,
    );
  });
});

describe('GET /api/v1/groups/:slug', () => {
  it("shows a closed community's details and owners to outsiders, but not its content", async () => {
    const owner = await buildPerson(ctx.db.pool);
    const outsider = await signedIn();
    const community = await buildCommunity(ctx.db.pool, { visibility: 'closed', owners: [owner] });
    const response = await outsider.api.get(`/api/v1/groups/${community.slug}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      slug: community.slug,
      visibility: 'closed',
      memberCount: 1,
      canRead: false,
      canManage: false,
      myRole: null,
    });
    expect(response.json().owners.map((o: { handle: string }) => o.handle)).toEqual([owner.handle]);
    expect((await outsider.api.get(`/api/v1/groups/${community.slug}/members`)).statusCode).toBe(403);
  });

  it('answers 404 for a secret community to everyone outside it, admins included', async () => {
    const member = await signedIn();
    const outsider = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const community = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [member.person] });
    for (const api of [outsider.api, admin.api]) {
      const response = await api.get(`/api/v1/groups/${community.slug}`);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain(community.name);
    }
    const inside = await member.api.get(`/api/v1/groups/${community.slug}`);
    expect(inside.statusCode).toBe(200);
    expect(inside.json()).toMatchObject({ myRole: 'member', canRead: true, canManage: false });
  });

  it('answers 400 for a malformed slug and 404 for an unknown one', async () => {
    const { api } = await signedIn();
    const bad = await api.get('/api/v1/groups/Not_A_Slug');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('slug');
    expect((await api.get(`/api/v1/groups/unknown-${word()}`)).statusCode).toBe(404);
  });
});

describe('PATCH /api/v1/groups/:slug', () => {
  it('lets an owner change a community, audits before and after, and moves a default threshold with the kind', async () => {
    const leader = await buildPerson(ctx.db.pool, { leader: true });
    const owner = await signedIn();
    const community = await buildCommunity(ctx.db.pool, { owners: [owner.person] });
    const response = await owner.api.patch(`/api/v1/groups/${community.slug}`, {
      name: 'Renamed',
      description: 'New words',
      kind: 'specialist',
      visibility: 'closed',
      sponsorHandle: leader.handle,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: 'Renamed',
      description: 'New words',
      kind: 'specialist',
      visibility: 'closed',
      viabilityThreshold: 25,
      sponsor: { handle: leader.handle },
    });
    const { rows } = await ctx.db.pool.query(
      `select actor_id, before, after from audit_entries
        where action = 'community.update' and target_id = $1`,
      [community.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].actor_id).toBe(owner.person.id);
    expect(rows[0].before).toMatchObject({ visibility: 'open', kind: 'general', sponsor_id: null });
    expect(rows[0].after).toMatchObject({ visibility: 'closed', kind: 'specialist', sponsor_id: leader.id });

    const cleared = await owner.api.patch(`/api/v1/groups/${community.slug}`, { sponsorHandle: null });
    expect(cleared.json().sponsor).toBeNull();
  });

  it('lets only admins set the threshold; a new kind brings its default unless one is given', async () => {
    const owner = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const community = await buildCommunity(ctx.db.pool, { owners: [owner.person] });
    const url = `/api/v1/groups/${community.slug}`;
    const before = await rowCounts(ctx.db.pool);
    const refused = await owner.api.patch(url, { viabilityThreshold: 100 });
    expect(refused.statusCode).toBe(403);
    // Keeping the kind's default while changing the kind is a threshold of the owner's own too.
    expect((await owner.api.patch(url, { kind: 'specialist', viabilityThreshold: 250 })).statusCode).toBe(
      403,
    );
    expect(await rowCounts(ctx.db.pool)).toEqual(before);

    expect((await admin.api.patch(url, { viabilityThreshold: 100 })).json().viabilityThreshold).toBe(100);
    // Even a threshold chosen on purpose gives way to the new kind's default when none is given.
    expect((await owner.api.patch(url, { kind: 'specialist' })).json().viabilityThreshold).toBe(25);
    const both = await admin.api.patch(url, { kind: 'general', viabilityThreshold: 180 });
    expect(both.json()).toMatchObject({ kind: 'general', viabilityThreshold: 180 });
    // Restating the current threshold is no change, so owners may send it.
    expect((await owner.api.patch(url, { viabilityThreshold: 180, name: 'Kept' })).statusCode).toBe(200);

    const unchanged = await rowCounts(ctx.db.pool);
    expect((await owner.api.patch(url, {})).statusCode).toBe(200);
    expect((await owner.api.patch(url, { kind: 'general' })).statusCode).toBe(200);
    expect(await rowCounts(ctx.db.pool)).toEqual(unchanged);
  });

  it('accepts only an active leader as sponsor, and lets owners clear it', async () => {
    const owner = await signedIn();
    const community = await buildCommunity(ctx.db.pool, { owners: [owner.person] });
    const url = `/api/v1/groups/${community.slug}`;
    const plain = await buildPerson(ctx.db.pool);
    const retired = await buildPerson(ctx.db.pool, { leader: true, status: 'deactivated' });
    const before = await rowCounts(ctx.db.pool);
    for (const [handle, message] of [
      [plain.handle, 'must be a leader'],
      [retired.handle, 'belongs to a deactivated person'],
    ] as const) {
      const response = await owner.api.patch(url, { sponsorHandle: handle });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ field: 'sponsorHandle', message }]);
    }
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });

  it('lets admins manage what they can see, and refuses members and outsiders without changing anything', async () => {
    const member = await signedIn();
    const outsider = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const open = await buildCommunity(ctx.db.pool, { members: [member.person] });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [member.person] });
    const before = await rowCounts(ctx.db.pool);
    expect((await member.api.patch(`/api/v1/groups/${open.slug}`, { name: 'Mine now' })).statusCode).toBe(
      403,
    );
    expect((await outsider.api.patch(`/api/v1/groups/${open.slug}`, { name: 'Mine now' })).statusCode).toBe(
      403,
    );
    expect((await member.api.patch(`/api/v1/groups/${secret.slug}`, { name: 'Mine now' })).statusCode).toBe(
      403,
    );
    expect((await admin.api.patch(`/api/v1/groups/${secret.slug}`, { name: 'Mine now' })).statusCode).toBe(
      404,
    );
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    const byAdmin = await admin.api.patch(`/api/v1/groups/${open.slug}`, { name: 'Tidied by an admin' });
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json().name).toBe('Tidied by an admin');
  });

  it('needs the secret-creation right to make a community secret', async () => {
    const owner = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const community = await buildCommunity(ctx.db.pool, { owners: [owner.person] });
    const url = `/api/v1/groups/${community.slug}`;
    const before = await rowCounts(ctx.db.pool);
    expect((await owner.api.patch(url, { visibility: 'secret' })).statusCode).toBe(403);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    const madeSecret = await admin.api.patch(url, { visibility: 'secret' });
    expect(madeSecret.statusCode).toBe(200);
    expect(madeSecret.json()).toMatchObject({ visibility: 'secret', canRead: false });
    // The admin is no member: from now on the community is hidden from them, not from its owner.
    expect((await admin.api.get(url)).statusCode).toBe(404);
    expect((await owner.api.get(url)).json().visibility).toBe('secret');
  });

  it('rejects bad changes with a 400 naming the field, and stores nothing', async () => {
    const owner = await signedIn();
    const plain = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { owners: [owner.person] });
    const before = await rowCounts(ctx.db.pool);
    for (const [body, field] of [
      [{ sponsorHandle: plain.handle }, 'sponsorHandle'],
      [{ sponsorHandle: `nobody-${word()}` }, 'sponsorHandle'],
      [{ name: 'n'.repeat(121) }, 'name'],
      [{ viabilityThreshold: -1 }, 'viabilityThreshold'],
      [{ slug: 'renamed' }, 'request'],
    ] as const) {
      const response = await owner.api.patch(`/api/v1/groups/${community.slug}`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });
});
