import { beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import { buildPerson, buildThread, sessionFor, tokenFor, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { rowCounts } from '../../test/row-counts.js';
import { patchOp, scimClient, scimTokenFor } from '../../test/scim-client.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
let scim: ReturnType<typeof scimClient>;

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

beforeAll(async () => {
  ctx = await testApp();
  scim = scimClient(ctx.app, await scimTokenFor(ctx.db.pool));
});

/** A user as Entra ID sends it on creation. */
const entraUser = (tag: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  externalId: `ext-${tag}`,
  userName: `${tag}@example.test`,
  active: true,
  displayName: 'Sanne de Vries',
  title: 'Buyer',
  preferredLanguage: 'nl-NL',
  name: { givenName: 'Sanne', familyName: `Vries${tag.replaceAll('-', '')}`, formatted: 'Sanne de Vries' },
  emails: [{ primary: true, type: 'work', value: `${tag}@example.test` }],
  addresses: [{ type: 'work', locality: 'Utrecht', country: 'NL' }],
  [ENTERPRISE]: { department: 'Purchasing', employeeNumber: '0042' },
  ...extra,
});

async function created(body: unknown) {
  const response = await scim.post('/scim/v2/Users', body);
  expect(response.statusCode, response.body).toBe(201);
  // biome-ignore lint/suspicious/noExplicitAny: a SCIM resource is free-form JSON; each test reads what it checks
  return response.json() as Record<string, any>;
}

async function person(id: string) {
  const { rows } = await ctx.db.pool.query(
    `select handle, email, name, title, department, location, locale, status, manager_id::text, provisioned_via,
            provisioned_at, external_id, scim_deleted_at from people where id = $1`,
    [id],
  );
  return rows[0];
}

describe('POST /scim/v2/Users', () => {
  it('maps the user onto a person: name, email, title, department, location, language, handle, provenance', async () => {
    const tag = unique('sanne');
    const user = await created(entraUser(tag));
    expect(user.userName).toBe(`${tag}@example.test`);
    expect(user.meta).toMatchObject({
      resourceType: 'User',
      location: expect.stringMatching(/\/scim\/v2\/Users\/\d+$/),
    });
    expect(user[ENTERPRISE]).toMatchObject({ department: 'Purchasing', employeeNumber: '0042' });
    const row = await person(user.id);
    expect(row).toMatchObject({
      email: `${tag}@example.test`,
      name: 'Sanne de Vries',
      title: 'Buyer',
      department: 'Purchasing',
      location: 'Utrecht',
      locale: 'nl',
      status: 'active',
      provisioned_via: 'scim',
      external_id: `ext-${tag}`,
    });
    expect(row.handle).toBe(`sanne.vries${tag.replaceAll('-', '')}`.slice(0, 36));
    expect(row.provisioned_at).toBeInstanceOf(Date);
    const { rows: audit } = await ctx.db.pool.query(
      "select action from audit_entries where target_type = 'person' and target_id = $1",
      [user.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['scim.user.create']);
  });

  it('answers in application/scim+json and accepts application/json bodies too', async () => {
    const tag = unique('plainjson');
    const response = await scim.post('/scim/v2/Users', entraUser(tag), {
      'content-type': 'application/json',
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-type']).toMatch(/^application\/scim\+json/);
  });

  it('refuses a second user with the same userName (any case) with 409 uniqueness, and stores nothing', async () => {
    const tag = unique('twice');
    await created(entraUser(tag));
    const before = await rowCounts(ctx.db.pool);
    const again = await scim.post(
      '/scim/v2/Users',
      entraUser(tag, { userName: `${tag.toUpperCase()}@EXAMPLE.TEST` }),
    );
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(again.json()).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '409',
      scimType: 'uniqueness',
      detail: expect.any(String),
    });
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });

  it('refuses a user without userName, and a body that is not JSON, with 400', async () => {
    const missing = await scim.post('/scim/v2/Users', { displayName: 'Nobody' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ status: '400', scimType: 'invalidValue' });
    const junk = await scim.post('/scim/v2/Users', '{"acve": tre,');
    expect(junk.statusCode).toBe(400);
    expect(junk.json()).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
  });

  it('gives a person whose email another person has a placeholder address, never a shared one', async () => {
    const owner = await buildPerson(ctx.db.pool);
    const user = await created(
      entraUser(unique('dup'), { userName: unique('dup'), emails: [{ primary: true, value: owner.email }] }),
    );
    const row = await person(user.id);
    expect(row.email).toMatch(/@scim\.invalid$/);
    expect(user.emails).toEqual([{ primary: true, value: owner.email }]);
  });
});

describe('Entra ID quirks', () => {
  it('reads capitalised ops, "True"/"False" strings and path-less value objects', async () => {
    const user = await created(entraUser(unique('quirk')));
    const response = await scim.patch(
      `/scim/v2/Users/${user.id}`,
      patchOp(
        { op: 'Replace', path: 'title', value: 'Head of Buying' },
        { op: 'Add', value: { displayName: 'Sanne Jansen', 'name.familyName': 'Jansen', Active: 'True' } },
      ),
    );
    expect(response.statusCode, response.body).toBe(204);
    const row = await person(user.id);
    expect(row).toMatchObject({ title: 'Head of Buying', name: 'Sanne Jansen', status: 'active' });
    const read = (await scim.get(`/scim/v2/Users/${user.id}`)).json();
    expect(read.name.familyName).toBe('Jansen');
    expect(read.name.givenName).toBe('Sanne');

    const off = await scim.patch(
      `/scim/v2/Users/${user.id}`,
      patchOp({ op: 'Replace', path: 'active', value: 'False' }),
    );
    expect(off.statusCode).toBe(204);
    expect((await person(user.id)).status).toBe('deactivated');
  });

  it('takes the manager as a bare id string, and removes it again', async () => {
    const manager = await created(entraUser(unique('boss')));
    const user = await created(entraUser(unique('report')));
    const set = await scim.patch(
      `/scim/v2/Users/${user.id}`,
      patchOp({ op: 'Add', path: `${ENTERPRISE}:manager`, value: manager.id }),
    );
    expect(set.statusCode, set.body).toBe(204);
    expect((await person(user.id)).manager_id).toBe(manager.id);
    const read = (await scim.get(`/scim/v2/Users/${user.id}`)).json();
    expect(read[ENTERPRISE].manager).toMatchObject({ value: manager.id, displayName: 'Sanne de Vries' });

    const removed = await scim.patch(
      `/scim/v2/Users/${user.id}`,
      patchOp({ op: 'Remove', path: `${ENTERPRISE}:manager` }),
    );
    expect(removed.statusCode).toBe(204);
    expect((await person(user.id)).manager_id).toBeNull();
  });

  it('replaces emails[type eq "work"].value and addresses[type eq "work"].locality by value filter', async () => {
    const tag = unique('filtered');
    const user = await created(entraUser(tag));
    const response = await scim.patch(
      `/scim/v2/Users/${user.id}`,
      patchOp(
        { op: 'replace', path: 'emails[type eq "work"].value', value: `new-${tag}@example.test` },
        { op: 'replace', path: 'addresses[type eq "work"].locality', value: 'Groningen' },
        { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+31 6 1234 5678' },
      ),
    );
    expect(response.statusCode, response.body).toBe(204);
    const row = await person(user.id);
    expect(row).toMatchObject({ email: `new-${tag}@example.test`, location: 'Groningen' });
    const read = (await scim.get(`/scim/v2/Users/${user.id}`)).json();
    expect(read.phoneNumbers).toEqual([{ type: 'mobile', value: '+31 6 1234 5678' }]);
  });

  it('reads attribute names and paths in any case', async () => {
    const tag = unique('cases');
    const response = await scim.post('/scim/v2/Users', {
      USERNAME: `${tag}@example.test`,
      DisplayName: 'Case Study',
      Emails: [{ Primary: 'true', Type: 'work', Value: `${tag}@example.test` }],
      [ENTERPRISE.toUpperCase()]: { Department: 'Legal' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const id = response.json().id;
    expect(await person(id)).toMatchObject({
      name: 'Case Study',
      department: 'Legal',
      email: `${tag}@example.test`,
    });
    const patched = await scim.patch(
      `/SCIM/V2/users/${id}`,
      patchOp({ op: 'REPLACE', path: 'NAME.GIVENNAME', value: 'Cas' }),
    );
    expect(patched.statusCode, patched.body).toBe(204);
    expect((await scim.get(`/scim/v2/USERS/${id}`)).json().name.givenName).toBe('Cas');
  });
});

describe('Okta', () => {
  it('PUTs the whole user: what it leaves out is cleared, and active=false deactivates', async () => {
    const user = await created(entraUser(unique('okta')));
    const member = { id: user.id, handle: (await person(user.id)).handle, email: '', name: '' };
    const browser = await sessionFor(ctx.db.pool, member);
    const token = await tokenFor(ctx.db.pool, member);
    await buildThread(ctx.db.pool, { author: member, title: 'Kept after deactivation' });
    expect((await client(ctx.app, browser).get('/api/v1/me')).statusCode).toBe(200);

    const response = await scim.put(`/scim/v2/Users/${user.id}`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: user.userName,
      name: { givenName: 'Sanne', familyName: 'de Vries' },
      emails: user.emails,
      active: false,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ active: false, displayName: 'Sanne de Vries' });
    expect(response.json().title).toBeUndefined();
    expect(await person(user.id)).toMatchObject({
      status: 'deactivated',
      title: '',
      department: '',
      location: '',
    });
    // Every session and token ended at once; the posts stay.
    expect((await client(ctx.app, browser).get('/api/v1/me')).statusCode).toBe(401);
    expect((await client(ctx.app, token).get('/api/v1/me')).statusCode).toBe(401);
    const { rows } = await ctx.db.pool.query('select count(*)::int as n from threads where author_id = $1', [
      user.id,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('reactivates with active=true', async () => {
    const user = await created(entraUser(unique('back'), { active: false }));
    expect((await person(user.id)).status).toBe('deactivated');
    await scim.patch(`/scim/v2/Users/${user.id}`, patchOp({ op: 'replace', value: { active: true } }));
    expect((await person(user.id)).status).toBe('active');
  });
});

describe('DELETE /scim/v2/Users/:id', () => {
  it('deactivates, keeps the posts, frees userName and address, and is 404 to SCIM afterwards', async () => {
    const tag = unique('leaver');
    const user = await created(entraUser(tag));
    await buildThread(ctx.db.pool, { author: { id: user.id } as never, title: 'Still here' });
    const response = await scim.delete(`/scim/v2/Users/${user.id}`);
    expect(response.statusCode).toBe(204);
    expect(await person(user.id)).toMatchObject({ status: 'deactivated', scim_deleted_at: expect.any(Date) });
    expect((await scim.get(`/scim/v2/Users/${user.id}`)).statusCode).toBe(404);
    expect((await scim.delete(`/scim/v2/Users/${user.id}`)).statusCode).toBe(404);
    const { rows } = await ctx.db.pool.query('select count(*)::int as n from threads where author_id = $1', [
      user.id,
    ]);
    expect(rows[0].n).toBe(1);
    // A rehire under the same userName and address is a new person with that address.
    const again = await created(entraUser(tag));
    expect((await person(again.id)).email).toBe(`${tag}@example.test`);
  });
});

describe('GET /scim/v2/Users', () => {
  it('filters with eq, co, sw, pr, and/or, parentheses, unquoted values and any-case names', async () => {
    const tag = unique('filter').replaceAll('-', '');
    const a = await created(entraUser(`${tag}a`, { displayName: `${tag} Alpha` }));
    const b = await created(entraUser(`${tag}b`, { displayName: `${tag} Beta`, active: false }));
    const ids = async (filter: string) => {
      const response = await scim.get(`/scim/v2/Users?filter=${encodeURIComponent(filter)}`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().Resources as { id: string }[]).map((r) => r.id).sort();
    };
    expect(await ids(`userName eq "${tag}a@example.test"`)).toEqual([a.id]);
    expect(await ids(`USERNAME EQ "${tag.toUpperCase()}A@EXAMPLE.TEST"`)).toEqual([a.id]);
    expect(await ids(`externalId eq "ext-${tag}b"`)).toEqual([b.id]);
    expect(await ids(`emails.value co "${tag}"`)).toEqual([a.id, b.id].sort());
    expect(await ids(`emails[type eq "work" and value sw "${tag}b"]`)).toEqual([b.id]);
    expect(await ids(`displayName sw "${tag}" and active eq false`)).toEqual([b.id]);
    expect(
      await ids(`displayName sw ${tag} and (title eq Buyer or title eq Nobody) and not (active eq false)`),
    ).toEqual([a.id]);
    expect(await ids(`name.familyName pr and userName sw "${tag}"`)).toEqual([a.id, b.id].sort());
    expect(await ids(`id eq "${a.id}" or id eq "not-a-number"`)).toEqual([a.id]);
    expect(await ids(`${ENTERPRISE}:department eq "purchasing" and userName co "${tag}"`)).toEqual(
      [a.id, b.id].sort(),
    );
  });

  it('pages with startIndex and count over a filter, with totalResults of all matches', async () => {
    const tag = unique('paging').replaceAll('-', '');
    for (const n of [1, 2, 3]) await created(entraUser(`${tag}${n}`));
    const response = await scim.get(`/scim/v2/Users?filter=userName sw "${tag}"&startIndex=2&count=1`);
    expect(response.json()).toMatchObject({ totalResults: 3, itemsPerPage: 1, startIndex: 2 });
    expect(response.json().Resources[0].userName).toBe(`${tag}2@example.test`);
  });

  it('returns only the attributes asked for (plus id), or all but the excluded ones', async () => {
    const tag = unique('attrs');
    const user = await created(entraUser(tag));
    const only = await scim.get(`/scim/v2/Users/${user.id}?attributes=userName,name.givenName`);
    expect(only.json()).toEqual({
      schemas: expect.any(Array),
      id: user.id,
      userName: `${tag}@example.test`,
      name: { givenName: 'Sanne' },
    });
    const without = await scim.get(`/scim/v2/Users/${user.id}?excludedAttributes=emails,${ENTERPRISE}`);
    expect(without.json().emails).toBeUndefined();
    expect(without.json()[ENTERPRISE]).toBeUndefined();
    expect(without.json().userName).toBe(`${tag}@example.test`);
  });

  it('finds people made without SCIM by their email as userName, so a provider links rather than duplicates', async () => {
    const existing = await buildPerson(ctx.db.pool);
    const found = await scim.get(`/scim/v2/Users?filter=userName eq "${existing.email}"`);
    expect(found.json().Resources.map((r: { id: string }) => r.id)).toEqual([existing.id]);
    const duplicate = await scim.post('/scim/v2/Users', entraUser('x', { userName: existing.email }));
    expect(duplicate.statusCode).toBe(409);
  });

  it('refuses a filter it cannot read with 400 invalidFilter', async () => {
    for (const filter of ['userName eq', 'nonsense eq "x"', 'userName zz "x"', '(userName eq "x"']) {
      const response = await scim.get(`/scim/v2/Users?filter=${encodeURIComponent(filter)}`);
      expect(response.statusCode, filter).toBe(400);
      expect(response.json().scimType).toBe('invalidFilter');
    }
  });
});

describe('ETags', () => {
  it('sends the version and refuses a write on an older one with 412', async () => {
    const user = await created(entraUser(unique('etag')));
    const read = await scim.get(`/scim/v2/Users/${user.id}`);
    const etag = read.headers.etag as string;
    expect(etag).toBe(read.json().meta.version);
    const stale = await scim.patch(
      `/scim/v2/Users/${user.id}`,
      patchOp({ op: 'replace', path: 'title', value: 'Stale' }),
      { 'if-match': 'W/"1"' },
    );
    expect(stale.statusCode).toBe(412);
    const fresh = await scim.patch(
      `/scim/v2/Users/${user.id}`,
      patchOp({ op: 'replace', path: 'title', value: 'Fresh' }),
      {
        'if-match': etag,
      },
    );
    expect(fresh.statusCode).toBe(204);
  });
});
