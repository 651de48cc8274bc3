import { beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import { buildCommunity, buildPerson, type TestCommunity, tokenFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { rowCounts } from '../../test/row-counts.js';

let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp();
});

async function signedIn(overrides: Parameters<typeof buildPerson>[1] = {}) {
  const person = await buildPerson(ctx.db.pool, overrides);
  return { person, api: client(ctx.app, await tokenFor(ctx.db.pool, person)) };
}

type Api = Awaited<ReturnType<typeof signedIn>>['api'];

const memberUrl = (community: TestCommunity, handle: string) =>
  `/api/v1/groups/${community.slug}/members/${handle}`;

async function memberCount(community: TestCommunity): Promise<number> {
  const { rows } = await ctx.db.pool.query<{ member_count: number; actual: number }>(
    `select member_count, (select count(*)::int from community_members where community_id = $1) as actual
       from communities where id = $1`,
    [community.id],
  );
  // The denormalised count must never drift from the rows it counts.
  expect(rows[0]!.member_count).toBe(rows[0]!.actual);
  return rows[0]!.member_count;
}

const roleOf = async (community: TestCommunity, personId: string) =>
  (
    await ctx.db.pool.query<{ role: string }>(
      'select role from community_members where community_id = $1 and person_id = $2',
      [community.id, personId],
    )
  ).rows[0]?.role ?? null;

const auditActions = async (community: TestCommunity) =>
  (
    await ctx.db.pool.query<{ action: string }>(
      `select action from audit_entries where target_type = 'community' and target_id = $1 order by id`,
      [community.id],
    )
  ).rows.map((row) => row.action);

describe('GET /api/v1/groups/:slug/members', () => {
  it('lists owners first, then the newest members, in keyset pages', async () => {
    const [owner, early, middle, late] = await Promise.all([1, 2, 3, 4].map(() => buildPerson(ctx.db.pool)));
    const community = await buildCommunity(ctx.db.pool, {
      owners: [owner!],
      members: [early!, middle!, late!],
    });
    const joined = [
      [owner!, '2025-06-01T00:00:00.000Z'],
      [early!, '2025-01-01T00:00:00.000Z'],
      [middle!, '2025-02-01T00:00:00.000Z'],
      [late!, '2025-03-01T00:00:00.000Z'],
    ] as const;
    for (const [person, at] of joined) {
      await ctx.db.pool.query(
        'update community_members set joined_at = $3 where community_id = $1 and person_id = $2',
        [community.id, person.id, at],
      );
    }
    const reader = await signedIn();
    const seen: { handle: string; role: string; joinedAt: string }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/groups/${community.slug}/members?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await reader.api.get(url);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      seen.push(
        ...body.items.map((item: { person: { handle: string }; role: string; joinedAt: string }) => ({
          handle: item.person.handle,
          role: item.role,
          joinedAt: item.joinedAt,
        })),
      );
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      { handle: owner!.handle, role: 'owner', joinedAt: '2025-06-01T00:00:00.000Z' },
      { handle: late!.handle, role: 'member', joinedAt: '2025-03-01T00:00:00.000Z' },
      { handle: middle!.handle, role: 'member', joinedAt: '2025-02-01T00:00:00.000Z' },
      { handle: early!.handle, role: 'member', joinedAt: '2025-01-01T00:00:00.000Z' },
    ]);
  });

  it('pages correctly through members who joined within the same millisecond', async () => {
    const people = await Promise.all([1, 2, 3, 4, 5].map(() => buildPerson(ctx.db.pool)));
    const community = await buildCommunity(ctx.db.pool, { members: people });
    // Microseconds apart: a cursor that kept only milliseconds would skip or repeat these.
    await ctx.db.pool.query(
      `update community_members set joined_at = timestamptz '2025-01-01 00:00:00.000100+00' + (person_id % 5) * interval '1 microsecond'
        where community_id = $1`,
      [community.id],
    );
    const reader = await signedIn();
    const handles: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/groups/${community.slug}/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await reader.api.get(url)).json();
      handles.push(...body.items.map((item: { person: { handle: string } }) => item.person.handle));
      cursor = body.nextCursor;
    } while (cursor);
    expect([...handles].sort()).toEqual(people.map((p) => p.handle).sort());
  });

  it('is content: 403 for outsiders of a closed community, 404 for a secret one, a bad cursor 400', async () => {
    const outsider = await signedIn();
    const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed' });
    const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret' });
    expect((await outsider.api.get(`/api/v1/groups/${closed.slug}/members`)).statusCode).toBe(403);
    expect((await outsider.api.get(`/api/v1/groups/${secret.slug}/members`)).statusCode).toBe(404);
    const open = await buildCommunity(ctx.db.pool);
    const forged = Buffer.from(JSON.stringify(['member', 'soon', '1'])).toString('base64url');
    const tooBig = Buffer.from(JSON.stringify(['member', '1', '99999999999999999999'])).toString('base64url');
    for (const cursor of ['abc', forged, tooBig]) {
      const bad = await outsider.api.get(`/api/v1/groups/${open.slug}/members?cursor=${cursor}`);
      expect(bad.statusCode, cursor).toBe(400);
      expect(bad.json().errors[0].field).toBe('cursor');
    }
  });
});

describe('PUT /api/v1/groups/:slug/members/:handle', () => {
  it('joins an open community at once, keeps member_count in step, and is idempotent', async () => {
    const joiner = await signedIn();
    const community = await buildCommunity(ctx.db.pool, { owners: [await buildPerson(ctx.db.pool)] });
    const first = await joiner.api.put(memberUrl(community, joiner.person.handle));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ state: 'member', role: 'member', requestId: null });
    expect(await memberCount(community)).toBe(2);
    const again = await joiner.api.put(memberUrl(community, joiner.person.handle));
    expect(again.statusCode).toBe(200);
    expect(await memberCount(community)).toBe(2);
    const details = (await joiner.api.get(`/api/v1/groups/${community.slug}`)).json();
    expect(details).toMatchObject({ myRole: 'member', memberCount: 2 });
  });

  it('turns joining a closed community into a request, which an owner approves (notifying the requester)', async () => {
    const owner = await signedIn();
    const asking = await signedIn();
    const community = await buildCommunity(ctx.db.pool, { visibility: 'closed', owners: [owner.person] });
    const asked = await asking.api.put(memberUrl(community, asking.person.handle), { message: 'I sell too' });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toMatchObject({ state: 'pending', role: null, joinedAt: null });
    const requestId = asked.json().requestId;
    expect(await roleOf(community, asking.person.id)).toBeNull();
    expect((await asking.api.get(`/api/v1/groups/${community.slug}`)).json().myRequest).toBe('pending');

    // Asking again is the same request, not a second one.
    const before = await rowCounts(ctx.db.pool);
    const repeated = await asking.api.put(memberUrl(community, asking.person.handle));
    expect(repeated.statusCode).toBe(202);
    expect(repeated.json().requestId).toBe(requestId);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);

    const listed = await owner.api.get(`/api/v1/groups/${community.slug}/requests`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([
      expect.objectContaining({
        id: requestId,
        message: 'I sell too',
        status: 'pending',
        decidedAt: null,
        person: expect.objectContaining({ handle: asking.person.handle }),
      }),
    ]);

    const approved = await owner.api.post(`/api/v1/groups/${community.slug}/requests/${requestId}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ id: requestId, status: 'approved' });
    expect(approved.json().decidedAt).not.toBeNull();
    expect(await roleOf(community, asking.person.id)).toBe('member');
    expect(await memberCount(community)).toBe(2);
    expect((await owner.api.get(`/api/v1/groups/${community.slug}/requests`)).json().items).toEqual([]);
    const { rows } = await ctx.db.pool.query(
      'select kind, actor_id, community_id from notifications where recipient_id = $1',
      [asking.person.id],
    );
    expect(rows).toEqual([
      { kind: 'membership_approved', actor_id: owner.person.id, community_id: community.id },
    ]);
    expect(await auditActions(community)).toEqual(['community.request.approve']);

    const afterApproval = await rowCounts(ctx.db.pool);
    const twice = await owner.api.post(`/api/v1/groups/${community.slug}/requests/${requestId}/approve`);
    expect(twice.statusCode).toBe(409);
    expect(await rowCounts(ctx.db.pool)).toEqual(afterApproval);
  });

  it('declines a request: no membership, and the person may ask again later', async () => {
    const owner = await signedIn();
    const asking = await signedIn();
    const community = await buildCommunity(ctx.db.pool, { visibility: 'closed', owners: [owner.person] });
    const requestId = (await asking.api.put(memberUrl(community, asking.person.handle))).json().requestId;
    const declined = await owner.api.post(`/api/v1/groups/${community.slug}/requests/${requestId}/decline`);
    expect(declined.statusCode).toBe(200);
    expect(declined.json().status).toBe('declined');
    expect(await roleOf(community, asking.person.id)).toBeNull();
    expect(await memberCount(community)).toBe(1);
    expect((await asking.api.get(`/api/v1/groups/${community.slug}`)).json().myRequest).toBeNull();
    const again = await asking.api.put(memberUrl(community, asking.person.handle));
    expect(again.statusCode).toBe(202);
    expect(again.json().requestId).not.toBe(requestId);
  });

  it('lets an owner add someone at once (audited), settling their pending request', async () => {
    const owner = await signedIn();
    const asking = await signedIn();
    const community = await buildCommunity(ctx.db.pool, { visibility: 'closed', owners: [owner.person] });
    const requestId = (await asking.api.put(memberUrl(community, asking.person.handle))).json().requestId;
    const added = await owner.api.put(memberUrl(community, asking.person.handle));
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({ state: 'member', role: 'member' });
    expect(await memberCount(community)).toBe(2);
    const { rows } = await ctx.db.pool.query(
      'select status, decided_by from membership_requests where id = $1',
      [requestId],
    );
    expect(rows).toEqual([{ status: 'approved', decided_by: owner.person.id }]);
    expect(await auditActions(community)).toEqual(['community.member.add']);
  });

  it('lets only owners add people to a closed community: not members, outsiders or admins', async () => {
    const member = await signedIn();
    const outsider = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const owner = await signedIn();
    const newcomer = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, {
      visibility: 'closed',
      owners: [owner.person],
      members: [member.person],
    });
    const before = await rowCounts(ctx.db.pool);
    expect((await member.api.put(memberUrl(community, newcomer.handle))).statusCode).toBe(403);
    expect((await outsider.api.put(memberUrl(community, newcomer.handle))).statusCode).toBe(403);
    // Issue 17: membership of a closed community is its readership, the owners' choice (admin-bounds.test.ts).
    expect((await admin.api.put(memberUrl(community, newcomer.handle))).statusCode).toBe(403);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect((await owner.api.put(memberUrl(community, newcomer.handle))).statusCode).toBe(200);
    expect(await roleOf(community, newcomer.id)).toBe('member');
  });

  it('lets only owners add people to a secret community; outsiders and admins get 404', async () => {
    const owner = await signedIn();
    const member = await signedIn();
    const admin = await signedIn({ role: 'admin' });
    const outsider = await signedIn();
    const newcomer = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, {
      visibility: 'secret',
      owners: [owner.person],
      members: [member.person],
    });
    const before = await rowCounts(ctx.db.pool);
    expect((await member.api.put(memberUrl(community, newcomer.handle))).statusCode).toBe(403);
    for (const api of [admin.api, outsider.api]) {
      expect((await api.put(memberUrl(community, newcomer.handle))).statusCode).toBe(404);
    }
    expect((await outsider.api.put(memberUrl(community, outsider.person.handle))).statusCode).toBe(404);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect((await owner.api.put(memberUrl(community, newcomer.handle))).statusCode).toBe(200);
    expect(await memberCount(community)).toBe(3);
  });

  it('refuses unknown, malformed and deactivated people, and an over-long message, changing nothing', async () => {
    const owner = await signedIn();
    const asking = await signedIn();
    const retired = await buildPerson(ctx.db.pool, { status: 'deactivated' });
    const community = await buildCommunity(ctx.db.pool, { owners: [owner.person] });
    const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed', owners: [owner.person] });
    const before = await rowCounts(ctx.db.pool);
    expect((await owner.api.put(memberUrl(community, 'nobody-at-all'))).statusCode).toBe(404);
    const malformed = await owner.api.put(memberUrl(community, 'Not A Handle'));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe('handle');
    const deactivated = await owner.api.put(memberUrl(community, retired.handle));
    expect(deactivated.statusCode).toBe(400);
    expect(deactivated.json().errors).toEqual([
      { field: 'handle', message: 'belongs to a deactivated person' },
    ]);
    const long = await asking.api.put(memberUrl(closed, asking.person.handle), { message: 'm'.repeat(1001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].field).toBe('message');
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });
});

describe('DELETE /api/v1/groups/:slug/members/:handle', () => {
  it('lets a member leave, and keeps member_count in step', async () => {
    const member = await signedIn();
    const community = await buildCommunity(ctx.db.pool, {
      owners: [await buildPerson(ctx.db.pool)],
      members: [member.person],
    });
    expect((await member.api.delete(memberUrl(community, member.person.handle))).statusCode).toBe(204);
    expect(await roleOf(community, member.person.id)).toBeNull();
    expect(await memberCount(community)).toBe(1);
  });

  it('refuses to let the last owner leave with a clear 409, and lets them once there is another owner', async () => {
    const owner = await signedIn();
    const other = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { owners: [owner.person], members: [other] });
    const before = await rowCounts(ctx.db.pool);
    const refused = await owner.api.delete(memberUrl(community, owner.person.handle));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/last owner.*make someone else an owner/);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);

    expect((await owner.api.patch(memberUrl(community, other.handle), { role: 'owner' })).statusCode).toBe(
      200,
    );
    expect((await owner.api.delete(memberUrl(community, owner.person.handle))).statusCode).toBe(204);
    expect(await roleOf(community, other.id)).toBe('owner');
  });

  it('withdraws my pending request when I leave a community I only asked to join', async () => {
    const asking = await signedIn();
    const community = await buildCommunity(ctx.db.pool, { visibility: 'closed' });
    expect((await asking.api.put(memberUrl(community, asking.person.handle))).statusCode).toBe(202);
    expect((await asking.api.delete(memberUrl(community, asking.person.handle))).statusCode).toBe(204);
    const { rows } = await ctx.db.pool.query(
      'select 1 from membership_requests where community_id = $1 and person_id = $2',
      [community.id, asking.person.id],
    );
    expect(rows).toEqual([]);
  });

  it('lets owners remove members (audited), but not members remove each other', async () => {
    const owner = await signedIn();
    const member = await signedIn();
    const other = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, {
      owners: [owner.person],
      members: [member.person, other],
    });
    const before = await rowCounts(ctx.db.pool);
    expect((await member.api.delete(memberUrl(community, other.handle))).statusCode).toBe(403);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect((await owner.api.delete(memberUrl(community, other.handle))).statusCode).toBe(204);
    expect(await roleOf(community, other.id)).toBeNull();
    expect(await memberCount(community)).toBe(2);
    expect(await auditActions(community)).toEqual(['community.member.remove']);
  });

  it('does not let an admin remove the last owner', async () => {
    const owner = await buildPerson(ctx.db.pool);
    const admin = await signedIn({ role: 'admin' });
    const community = await buildCommunity(ctx.db.pool, { owners: [owner] });
    expect((await admin.api.delete(memberUrl(community, owner.handle))).statusCode).toBe(409);
    expect(await roleOf(community, owner.id)).toBe('owner');
  });
});

describe('PATCH /api/v1/groups/:slug/members/:handle', () => {
  it('lets an owner promote and demote (audited), never demoting the last owner', async () => {
    const owner = await signedIn();
    const member = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { owners: [owner.person], members: [member] });
    const promoted = await owner.api.patch(memberUrl(community, member.handle), { role: 'owner' });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ role: 'owner', person: { handle: member.handle } });
    expect(await auditActions(community)).toEqual(['community.member.role']);
    const { rows } = await ctx.db.pool.query(
      `select before, after from audit_entries where target_id = $1 and action = 'community.member.role'`,
      [community.id],
    );
    expect(rows[0]).toMatchObject({ before: { role: 'member' }, after: { role: 'owner' } });

    expect((await owner.api.patch(memberUrl(community, member.handle), { role: 'member' })).statusCode).toBe(
      200,
    );
    const before = await rowCounts(ctx.db.pool);
    const lastOwner = await owner.api.patch(memberUrl(community, owner.person.handle), { role: 'member' });
    expect(lastOwner.statusCode).toBe(409);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
    expect(await roleOf(community, owner.person.id)).toBe('owner');
  });

  it('refuses members, unknown members and bad roles, changing nothing', async () => {
    const owner = await signedIn();
    const member = await signedIn();
    const outsider = await buildPerson(ctx.db.pool);
    const community = await buildCommunity(ctx.db.pool, { owners: [owner.person], members: [member.person] });
    const before = await rowCounts(ctx.db.pool);
    expect(
      (await member.api.patch(memberUrl(community, member.person.handle), { role: 'owner' })).statusCode,
    ).toBe(403);
    expect((await owner.api.patch(memberUrl(community, outsider.handle), { role: 'owner' })).statusCode).toBe(
      404,
    );
    const bad = await owner.api.patch(memberUrl(community, member.person.handle), { role: 'king' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('role');
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });
});

describe('join requests', () => {
  it('are for managers only, and a request id from another community is not found', async () => {
    const owner = await signedIn();
    const member = await signedIn();
    const asking = await signedIn();
    const community = await buildCommunity(ctx.db.pool, {
      visibility: 'closed',
      owners: [owner.person],
      members: [member.person],
    });
    const elsewhere = await buildCommunity(ctx.db.pool, { visibility: 'closed', owners: [owner.person] });
    const requestId = (await asking.api.put(memberUrl(elsewhere, asking.person.handle))).json().requestId;
    expect((await member.api.get(`/api/v1/groups/${community.slug}/requests`)).statusCode).toBe(403);
    const before = await rowCounts(ctx.db.pool);
    const wrongPlace = await owner.api.post(`/api/v1/groups/${community.slug}/requests/${requestId}/approve`);
    expect(wrongPlace.statusCode).toBe(404);
    expect(
      (await member.api.post(`/api/v1/groups/${elsewhere.slug}/requests/${requestId}/approve`)).statusCode,
    ).toBe(403);
    const badId = await owner.api.post(`/api/v1/groups/${community.slug}/requests/abc/approve`);
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].field).toBe('id');
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });

  it('page oldest first with a keyset cursor', async () => {
    const owner = await signedIn();
    const community = await buildCommunity(ctx.db.pool, { visibility: 'closed', owners: [owner.person] });
    const askers: Api[] = [];
    const handles: string[] = [];
    for (let i = 0; i < 3; i++) {
      const asking = await signedIn();
      askers.push(asking.api);
      handles.push(asking.person.handle);
      expect((await asking.api.put(memberUrl(community, asking.person.handle))).statusCode).toBe(202);
    }
    const first = (await owner.api.get(`/api/v1/groups/${community.slug}/requests?limit=2`)).json();
    const second = (
      await owner.api.get(`/api/v1/groups/${community.slug}/requests?limit=2&cursor=${first.nextCursor}`)
    ).json();
    const listed = [...first.items, ...second.items].map(
      (r: { person: { handle: string } }) => r.person.handle,
    );
    expect(listed).toEqual(handles);
    expect(second.nextCursor).toBeNull();
    const forged = Buffer.from(JSON.stringify(['1; drop table people'])).toString('base64url');
    const bad = await owner.api.get(`/api/v1/groups/${community.slug}/requests?cursor=${forged}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('cursor');
  });
});
