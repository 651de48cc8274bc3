import { beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import { buildCommunity, buildPerson, type TestCommunity, tokenFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { rowCounts } from '../../test/row-counts.js';

// Issue 17, defect 2: admins (and community managers) stay out of closed and secret communities.

let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp();
});

async function signedIn(overrides: Parameters<typeof buildPerson>[1] = {}) {
  const person = await buildPerson(ctx.db.pool, overrides);
  return { person, api: client(ctx.app, await tokenFor(ctx.db.pool, person)) };
}

const groupUrl = (community: TestCommunity) => `/api/v1/groups/${community.slug}`;
const memberUrl = (community: TestCommunity, handle: string) => `${groupUrl(community)}/members/${handle}`;
const appointUrl = (community: TestCommunity) => `/api/v1/admin/communities/${community.slug}/owners`;

const roleOf = async (community: TestCommunity, personId: string) =>
  (
    await ctx.db.pool.query<{ role: string }>(
      'select role from community_members where community_id = $1 and person_id = $2',
      [community.id, personId],
    )
  ).rows[0]?.role ?? null;

const visibilityOf = async (community: TestCommunity) =>
  (
    await ctx.db.pool.query<{ visibility: string }>('select visibility from communities where id = $1', [
      community.id,
    ])
  ).rows[0]!.visibility;

/** Asks to join as `asking` and returns the pending request's id. */
async function askToJoin(community: TestCommunity, asking: Awaited<ReturnType<typeof signedIn>>) {
  const asked = await asking.api.put(memberUrl(community, asking.person.handle));
  expect(asked.statusCode).toBe(202);
  return asked.json().requestId as string;
}

describe('join requests of closed and secret communities are decided by their owners alone', () => {
  it("refuses an admin approving someone's request to a closed community, changing nothing", async () => {
    const owner = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const asking = await signedIn();
    const community = await buildCommunity(ctx.db.pool, { visibility: 'closed', owners: [owner.person] });
    const requestId = await askToJoin(community, asking);
    const before = await rowCounts(ctx.db.pool);
    expect((await admin.api.get(`${groupUrl(community)}/requests`)).statusCode).toBe(403);
    for (const decision of ['approve', 'decline']) {
      const refused = await admin.api.post(`${groupUrl(community)}/requests/${requestId}/${decision}`);
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.json().detail).toMatch(/owners/);
    }
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect(await roleOf(community, asking.person.id)).toBeNull();
  });

  it('refuses an admin approving their own request: the chain ask → approve → owner is closed', async () => {
    const owner = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const community = await buildCommunity(ctx.db.pool, { visibility: 'closed', owners: [owner.person] });
    const requestId = await askToJoin(community, admin);
    const before = await rowCounts(ctx.db.pool);
    const approved = await admin.api.post(`${groupUrl(community)}/requests/${requestId}/approve`);
    expect(approved.statusCode).toBe(403);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect(await roleOf(community, admin.person.id)).toBeNull();
    expect((await admin.api.get(`${groupUrl(community)}/threads`)).statusCode).toBe(403);
  });

  it('refuses anyone approving their own request, even where they may decide others (an opened community)', async () => {
    const owner = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const community = await buildCommunity(ctx.db.pool, { visibility: 'closed', owners: [owner.person] });
    const requestId = await askToJoin(community, admin);
    // Its owner opens it: admins manage open communities, but their own request is still not theirs to decide.
    expect((await owner.api.patch(groupUrl(community), { visibility: 'open' })).statusCode).toBe(200);
    const before = await rowCounts(ctx.db.pool);
    const approved = await admin.api.post(`${groupUrl(community)}/requests/${requestId}/approve`);
    expect(approved.statusCode).toBe(403);
    expect(approved.json().detail).toMatch(/own/);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect(await roleOf(community, admin.person.id)).toBeNull();
  });

  it('refuses a community manager who is a member (not an owner) deciding requests', async () => {
    const owner = await signedIn();
    const manager = await signedIn({ role: 'community_manager' });
    const asking = await signedIn();
    const community = await buildCommunity(ctx.db.pool, {
      visibility: 'closed',
      owners: [owner.person],
      members: [manager.person],
    });
    const requestId = await askToJoin(community, asking);
    const before = await rowCounts(ctx.db.pool);
    expect((await manager.api.post(`${groupUrl(community)}/requests/${requestId}/approve`)).statusCode).toBe(
      403,
    );
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });
});

describe('membership of closed and secret communities is managed by their owners alone', () => {
  it('refuses an admin adding anyone (themselves included) to a closed community', async () => {
    const owner = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const newcomer = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { visibility: 'closed', owners: [owner.person] });
    const before = await rowCounts(ctx.db.pool);
    const added = await admin.api.put(memberUrl(community, newcomer.handle));
    expect(added.statusCode).toBe(403);
    expect(added.json().detail).toMatch(/owners/);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect(await roleOf(community, newcomer.id)).toBeNull();
  });

  it('refuses an admin who is a member (not an owner) of a closed community making themselves owner', async () => {
    const owner = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const community = await buildCommunity(ctx.db.pool, {
      visibility: 'closed',
      owners: [owner.person],
      members: [admin.person],
    });
    const before = await rowCounts(ctx.db.pool);
    const promoted = await admin.api.patch(memberUrl(community, admin.person.handle), { role: 'owner' });
    expect(promoted.statusCode).toBe(403);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect(await roleOf(community, admin.person.id)).toBe('member');
    // Nor may they demote or remove its owner.
    expect(
      (await admin.api.patch(memberUrl(community, owner.person.handle), { role: 'member' })).statusCode,
    ).toBe(403);
    expect((await admin.api.delete(memberUrl(community, owner.person.handle))).statusCode).toBe(403);
    expect(await roleOf(community, owner.person.id)).toBe('owner');
  });

  it('keeps what admins may do in open communities: add people and change roles', async () => {
    const owner = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const newcomer = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { owners: [owner.person] });
    expect((await admin.api.put(memberUrl(community, newcomer.handle))).statusCode).toBe(200);
    expect((await admin.api.patch(memberUrl(community, newcomer.handle), { role: 'owner' })).statusCode).toBe(
      200,
    );
    expect(await roleOf(community, newcomer.id)).toBe('owner');
  });

  it('tells the web app what the viewer may manage', async () => {
    const owner = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed', owners: [owner.person] });
    const open = await buildCommunity(ctx.db.pool, { owners: [owner.person] });
    expect((await admin.api.get(groupUrl(closed))).json()).toMatchObject({
      canManage: true,
      canManageMembers: false,
      canWidenVisibility: false,
    });
    expect((await admin.api.get(groupUrl(open))).json()).toMatchObject({
      canManage: true,
      canManageMembers: true,
      canWidenVisibility: false,
    });
    expect((await owner.api.get(groupUrl(closed))).json()).toMatchObject({
      canManage: true,
      canManageMembers: true,
      canWidenVisibility: true,
    });
  });
});

describe('only owners widen who may see or read a community', () => {
  it('refuses an admin turning a closed community open, changing nothing', async () => {
    const owner = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const community = await buildCommunity(ctx.db.pool, { visibility: 'closed', owners: [owner.person] });
    const before = await rowCounts(ctx.db.pool);
    const widened = await admin.api.patch(groupUrl(community), { visibility: 'open', name: 'Open now' });
    expect(widened.statusCode).toBe(403);
    expect(widened.json().detail).toMatch(/owners/);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect(await visibilityOf(community)).toBe('closed');
  });

  it('refuses an admin who is a member of a secret community making it closed or open', async () => {
    const owner = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const community = await buildCommunity(ctx.db.pool, {
      visibility: 'secret',
      owners: [owner.person],
      members: [admin.person],
    });
    const before = await rowCounts(ctx.db.pool);
    for (const visibility of ['closed', 'open']) {
      expect((await admin.api.patch(groupUrl(community), { visibility })).statusCode).toBe(403);
    }
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect(await visibilityOf(community)).toBe('secret');
  });

  it('lets owners widen, and admins still narrow and tidy what they can see', async () => {
    const owner = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', owners: [owner.person] });
    expect((await owner.api.patch(groupUrl(secret), { visibility: 'closed' })).statusCode).toBe(200);
    const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed', owners: [owner.person] });
    const renamed = await admin.api.patch(groupUrl(closed), {
      name: 'Tidied by an admin',
      visibility: 'closed',
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('Tidied by an admin');
    const open = await buildCommunity(ctx.db.pool, { owners: [owner.person] });
    expect((await admin.api.patch(groupUrl(open), { visibility: 'closed' })).statusCode).toBe(200);
    expect(await visibilityOf(open)).toBe('closed');
  });
});

describe('POST /api/v1/admin/communities/:slug/owners (appointing an owner where none is active)', () => {
  it('appoints a member owner of a closed community whose owners are all deactivated: audited, members told', async () => {
    const admin = await signedIn({ role: 'admin' });
    const gone = await buildPerson(ctx.db.pool, { status: 'deactivated' });
    const member = await buildPerson(ctx.db.pool);
    const other = await buildPerson(ctx.db.pool);
    const retired = await buildPerson(ctx.db.pool, { status: 'deactivated' });
    const community = await buildCommunity(ctx.db.pool, {
      visibility: 'closed',
      owners: [gone],
      members: [member, other, retired],
    });
    const appointed = await admin.api.post(appointUrl(community), { handle: member.handle });
    expect(appointed.statusCode).toBe(200);
    expect(appointed.json()).toMatchObject({ role: 'owner', person: { handle: member.handle } });
    expect(await roleOf(community, member.id)).toBe('owner');
    // The admin gets no seat, and so still no view.
    expect(await roleOf(community, admin.person.id)).toBeNull();
    expect((await admin.api.get(`${groupUrl(community)}/threads`)).statusCode).toBe(403);

    const { rows: audit } = await ctx.db.pool.query(
      `select actor_id, action, after from audit_entries where target_type = 'community' and target_id = $1`,
      [community.id],
    );
    expect(audit).toEqual([
      {
        actor_id: admin.person.id,
        action: 'community.owner.appoint',
        after: expect.objectContaining({ personId: member.id, handle: member.handle, role: 'owner' }),
      },
    ]);
    const { rows: told } = await ctx.db.pool.query<{ recipient_id: string }>(
      `select recipient_id from notifications
        where kind = 'owner_appointed' and community_id = $1 and actor_id = $2 order by recipient_id`,
      [community.id, admin.person.id],
    );
    // Every active member hears of it (the new owner too); deactivated people do not.
    expect(told.map((row) => row.recipient_id)).toEqual(
      [member.id, other.id].sort((a, b) => Number(a) - Number(b)),
    );
    const otherApi = client(ctx.app, await tokenFor(ctx.db.pool, other));
    const listed = (await otherApi.get('/api/v1/notifications')).json();
    expect(listed.items[0]).toMatchObject({
      kind: 'owner_appointed',
      actor: { handle: admin.person.handle },
      community: { slug: community.slug },
    });
  });

  it('refuses while the community has an active owner (409), and 404s a secret one the admin cannot see', async () => {
    const admin = await signedIn({ role: 'admin' });
    const owner = await buildPerson(ctx.db.pool);
    const member = await buildPerson(ctx.db.pool);
    const closed = await buildCommunity(ctx.db.pool, {
      visibility: 'closed',
      owners: [owner],
      members: [member],
    });
    const secret = await buildCommunity(ctx.db.pool, {
      visibility: 'secret',
      owners: [owner],
      members: [member],
    });
    const before = await rowCounts(ctx.db.pool);
    const refused = await admin.api.post(appointUrl(closed), { handle: member.handle });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/active owner/);
    expect((await admin.api.post(appointUrl(secret), { handle: member.handle })).statusCode).toBe(404);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });

  it('appoints for a secret community without owners, adding a non-member as its owner', async () => {
    const admin = await signedIn({ role: 'admin' });
    const gone = await buildPerson(ctx.db.pool, { status: 'deactivated' });
    const member = await buildPerson(ctx.db.pool);
    const successor = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, {
      visibility: 'secret',
      owners: [gone],
      members: [member],
    });
    const appointed = await admin.api.post(appointUrl(community), { handle: successor.handle });
    expect(appointed.statusCode).toBe(200);
    expect(await roleOf(community, successor.id)).toBe('owner');
    const { rows } = await ctx.db.pool.query<{ n: number }>(
      `select count(*)::int as n from notifications where kind = 'owner_appointed' and community_id = $1`,
      [community.id],
    );
    expect(rows[0]!.n).toBe(2);
    expect((await admin.api.get(groupUrl(community))).statusCode).toBe(404);
  });

  it('refuses appointing oneself, deactivated or unknown people, and anyone but admins', async () => {
    const admin = await signedIn({ role: 'admin' });
    const manager = await signedIn({ role: 'community_manager' });
    const member = await signedIn();
    const gone = await buildPerson(ctx.db.pool, { status: 'deactivated' });
    const community = await buildCommunity(ctx.db.pool, {
      visibility: 'closed',
      owners: [gone],
      members: [member.person],
    });
    const before = await rowCounts(ctx.db.pool);
    const self = await admin.api.post(appointUrl(community), { handle: admin.person.handle });
    expect(self.statusCode).toBe(403);
    expect(self.json().detail).toMatch(/yourself/);
    const deactivated = await admin.api.post(appointUrl(community), { handle: gone.handle });
    expect(deactivated.statusCode).toBe(400);
    expect(deactivated.json().errors).toEqual([
      { field: 'handle', message: 'belongs to a deactivated person' },
    ]);
    expect((await admin.api.post(appointUrl(community), { handle: 'nobody-at-all' })).statusCode).toBe(404);
    expect(
      (await admin.api.post(appointUrl(community), { handle: member.person.handle, x: 1 })).statusCode,
    ).toBe(400);
    for (const api of [manager.api, member.api]) {
      expect((await api.post(appointUrl(community), { handle: member.person.handle })).statusCode).toBe(403);
    }
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });
});
