import { beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, buildPerson, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { patchOp, scimClient, scimTokenFor } from '../../test/scim-client.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
let scim: ReturnType<typeof scimClient>;
const ADMINS = 'Plein Admins';
const LEADERS = 'Plein Leaders';

beforeAll(async () => {
  ctx = await testApp({
    config: {
      scim: { testTokenRoute: false, groupRoles: { 'plein admins': 'admin', 'plein leaders': 'leader' } },
    },
  });
  scim = scimClient(ctx.app, await scimTokenFor(ctx.db.pool));
});

async function group(displayName: string, members: string[] = []) {
  const response = await scim.post('/scim/v2/Groups', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    displayName,
    members: members.map((value) => ({ value })),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as {
    id: string;
    displayName: string;
    members?: { value: string; display: string }[];
  };
}

const communityOf = async (groupId: string) => {
  const { rows } = await ctx.db.pool.query(
    `select c.id::text, c.name, c.visibility, c.member_count,
            array(select person_id::text from community_members m where m.community_id = c.id order by person_id) as members
       from scim_groups g join communities c on c.id = g.community_id where g.id = $1`,
    [groupId],
  );
  return rows[0];
};

const rolesOf = async (personId: string) =>
  (await ctx.db.pool.query('select role, is_leader from people where id = $1', [personId])).rows[0];

describe('Groups as communities', () => {
  it('creates a closed community with the members, and keeps membership in step with PATCH and PUT', async () => {
    const [a, b, c] = [
      await buildPerson(ctx.db.pool),
      await buildPerson(ctx.db.pool),
      await buildPerson(ctx.db.pool),
    ];
    const name = unique('Sales NL');
    const created = await group(name, [a.id, b.id]);
    expect(await communityOf(created.id)).toMatchObject({
      name,
      visibility: 'closed',
      member_count: 2,
      members: [a.id, b.id].sort(),
    });

    // Entra: add by value list, remove by value filter (its usual way), capitalised ops.
    const added = await scim.patch(
      `/scim/v2/Groups/${created.id}`,
      patchOp({ op: 'Add', path: 'members', value: [{ value: c.id, display: 'Cees' }] }),
    );
    expect(added.statusCode, added.body).toBe(204);
    const removed = await scim.patch(
      `/scim/v2/Groups/${created.id}`,
      patchOp({ op: 'Remove', path: `members[value eq "${a.id}"]` }),
    );
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await communityOf(created.id)).members).toEqual([b.id, c.id].sort());
    const read = (await scim.get(`/scim/v2/Groups/${created.id}`)).json();
    expect(read.members.map((m: { value: string }) => m.value).sort()).toEqual([b.id, c.id].sort());
    expect(read.members.find((m: { value: string }) => m.value === c.id).display).toBe('Cees');

    // Okta: PUT of the whole group renames the community and replaces the membership.
    const put = await scim.put(`/scim/v2/Groups/${created.id}`, {
      displayName: `${name} renamed`,
      members: [{ value: a.id }],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(await communityOf(created.id)).toMatchObject({
      name: `${name} renamed`,
      members: [a.id],
      member_count: 1,
    });
  });

  it('removes named members with a value list (Entra), or every member without one', async () => {
    const [a, b] = [await buildPerson(ctx.db.pool), await buildPerson(ctx.db.pool)];
    const created = await group(unique('Ops'), [a.id, b.id]);
    await scim.patch(
      `/scim/v2/Groups/${created.id}`,
      patchOp({ op: 'remove', path: 'members', value: [{ value: a.id }] }),
    );
    expect((await communityOf(created.id)).members).toEqual([b.id]);
    await scim.patch(`/scim/v2/Groups/${created.id}`, patchOp({ op: 'remove', path: 'members' }));
    expect((await communityOf(created.id)).members).toEqual([]);
  });

  it('takes over an existing community of the same name instead of making a second one', async () => {
    const owner = await buildPerson(ctx.db.pool);
    const existing = await buildCommunity(ctx.db.pool, { name: unique('Finance'), owners: [owner] });
    const created = await group(existing.name.toUpperCase());
    expect((await communityOf(created.id)).id).toBe(existing.id);
    // Leaving the group does not take an owner out of their community.
    await scim.patch(
      `/scim/v2/Groups/${created.id}`,
      patchOp({ op: 'add', path: 'members', value: [{ value: owner.id }] }),
    );
    await scim.patch(`/scim/v2/Groups/${created.id}`, patchOp({ op: 'remove', path: 'members' }));
    expect((await communityOf(created.id)).members).toContain(owner.id);
  });

  it('filters groups by displayName and by member, and leaves the community when the group is deleted', async () => {
    const person = await buildPerson(ctx.db.pool);
    const name = unique('Filtered');
    const created = await group(name, [person.id]);
    const byName = await scim.get(`/scim/v2/Groups?filter=${encodeURIComponent(`displayName eq "${name}"`)}`);
    expect(byName.json().Resources.map((g: { id: string }) => g.id)).toEqual([created.id]);
    const byMember = await scim.get(
      `/scim/v2/Groups?excludedAttributes=members&filter=${encodeURIComponent(`id eq "${created.id}" and members[value eq "${person.id}"]`)}`,
    );
    expect(byMember.json().totalResults).toBe(1);
    expect(byMember.json().Resources[0].members).toBeUndefined();
    const community = await communityOf(created.id);
    expect((await scim.delete(`/scim/v2/Groups/${created.id}`)).statusCode).toBe(204);
    expect((await scim.get(`/scim/v2/Groups/${created.id}`)).statusCode).toBe(404);
    const { rows } = await ctx.db.pool.query('select name from communities where id = $1', [community.id]);
    expect(rows).toEqual([{ name }]);
  });
});

describe('Groups as roles (PLEIN_SCIM_GROUP_ROLES)', () => {
  it('grants admin and leader to members, and takes each back when they leave, unless another group grants it', async () => {
    const person = await buildPerson(ctx.db.pool);
    const admins = await group(`${ADMINS}`, [person.id]);
    const leaders = await group(LEADERS, [person.id]);
    expect(await rolesOf(person.id)).toEqual({ role: 'admin', is_leader: true });
    expect(await communityOf(admins.id)).toBeUndefined();

    const second = await group(ADMINS, [person.id]);
    await scim.patch(
      `/scim/v2/Groups/${admins.id}`,
      patchOp({ op: 'remove', path: `members[value eq "${person.id}"]` }),
    );
    expect((await rolesOf(person.id)).role).toBe('admin');
    expect((await scim.delete(`/scim/v2/Groups/${second.id}`)).statusCode).toBe(204);
    expect(await rolesOf(person.id)).toEqual({ role: 'member', is_leader: true });
    await scim.patch(`/scim/v2/Groups/${leaders.id}`, patchOp({ op: 'replace', path: 'members', value: [] }));
    expect(await rolesOf(person.id)).toEqual({ role: 'member', is_leader: false });
    const { rows } = await ctx.db.pool.query(
      "select count(*)::int as n from audit_entries where action = 'scim.person.roles' and target_id = $1",
      [person.id],
    );
    expect(rows[0].n).toBe(4);
  });
});
