import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { client } from '../../test/client.js';
import { buildPerson, sessionFor, type TestPerson, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { rowCounts } from '../../test/row-counts.js';

const clock = manualClock(new Date());
let ctx: Awaited<ReturnType<typeof testApp>>;
let admin: TestPerson;
let asAdmin: ReturnType<typeof client>;
let anonymous: ReturnType<typeof client>;

beforeAll(async () => {
  ctx = await testApp({ clock });
  admin = await buildPerson(ctx.db.pool, { role: 'admin', name: 'Ada Admin' });
  asAdmin = client(ctx.app, await sessionFor(ctx.db.pool, admin));
  // The tests move the clock past an invitation's week: the admin stays signed in.
  await ctx.db.pool.query(
    "update sessions set expires_at = now() + interval '60 days' where person_id = $1",
    [admin.id],
  );
  anonymous = client(ctx.app);
});

/** The newest mail to an address, and the secret its link carries. */
async function lastMailTo(address: string) {
  const { rows } = await ctx.db.pool.query(
    `select kind, locale, subject, text_body, html_body, status from outbound_mail
      where lower(to_address) = lower($1) order by id desc limit 1`,
    [address],
  );
  const mail = rows[0];
  return mail ? { ...mail, token: /#([A-Za-z0-9_-]+)/.exec(mail.text_body)?.[1] ?? null } : null;
}

const mailCount = async (address: string) =>
  (
    await ctx.db.pool.query(
      'select count(*)::int as n from outbound_mail where lower(to_address) = lower($1)',
      [address],
    )
  ).rows[0].n as number;

describe('an invitation by email', () => {
  it('creates the person unactivated, mails a one-use link in their language, and accepting signs them in', async () => {
    const email = `${unique('sanne')}@example.test`;
    const created = await asAdmin.post('/api/v1/admin/invitations', {
      email,
      name: 'Sanne de Vries',
      department: 'Finance',
      locale: 'nl',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email, status: 'open', sendCount: 1 });
    const listed = await asAdmin.get('/api/v1/admin/invitations');
    expect(listed.json().items[0]).toMatchObject({ id: created.json().id, status: 'open' });
    const { rows: before } = await ctx.db.pool.query(
      'select activated_at, invited_at, provisioned_via from people where email = $1',
      [email],
    );
    expect(before[0]).toMatchObject({ activated_at: null, provisioned_via: 'invite' });
    expect(before[0].invited_at).not.toBeNull();

    const mail = await lastMailTo(email);
    expect(mail).toMatchObject({ kind: 'invitation', locale: 'nl', status: 'queued' });
    expect(mail!.subject).toBe('Ada Admin nodigt je uit voor Plein');
    expect(mail!.html_body).toContain('Uitnodiging aannemen');
    expect(mail!.token).toBeTruthy();

    const preview = await anonymous.post('/api/v1/invitations/preview', { token: mail!.token });
    expect(preview.json()).toMatchObject({ name: 'Sanne de Vries', email, sso: null });

    const accepted = await anonymous.post('/api/v1/invitations/accept', {
      token: mail!.token,
      password: 'a long enough password',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().person.email).toBe(email);
    const cookie = accepted.cookies.find((c) => c.name === 'plein_session');
    expect(cookie?.value).toBeTruthy();
    const me = await client(ctx.app, { cookie: cookie!.value, csrfToken: accepted.json().csrfToken }).get(
      '/api/v1/me',
    );
    expect(me.json().email).toBe(email);
    const { rows: after } = await ctx.db.pool.query('select activated_at from people where email = $1', [
      email,
    ]);
    expect(after[0].activated_at).not.toBeNull();

    // One use: the same link again is refused and changes nothing; the password works from now on.
    const again = await anonymous.post('/api/v1/invitations/accept', {
      token: mail!.token,
      password: 'another long password',
    });
    expect(again.statusCode).toBe(404);
    const login = await anonymous.post('/api/v1/auth/login', { email, password: 'a long enough password' });
    expect(login.statusCode).toBe(200);
    const { rows: audit } = await ctx.db.pool.query(
      `select action from audit_entries where target_type = 'person'
          and target_id = (select id::text from people where email = $1) order by id`,
      [email],
    );
    expect(audit.map((row) => row.action)).toEqual(['invitation.create', 'invitation.accept']);
  });

  it('expires after the configured days; a resend makes a new link and the old one stops working', async () => {
    const email = `${unique('expiring')}@example.test`;
    const id = (await asAdmin.post('/api/v1/admin/invitations', { email, name: 'Late Larry' })).json().id;
    const first = (await lastMailTo(email))!;
    expect(first.locale).toBe('nl'); // no locale given: the organisation's language
    clock.advance(7 * 86_400_000 + 1000);
    try {
      const expired = await anonymous.post('/api/v1/invitations/accept', {
        token: first.token,
        password: 'a long enough password',
      });
      expect(expired.statusCode).toBe(404);
      const listed = await asAdmin.get('/api/v1/admin/invitations?status=expired&limit=100');
      expect(listed.json().items.map((item: { id: string }) => item.id)).toContain(id);

      const resent = await asAdmin.post(`/api/v1/admin/invitations/${id}/resend`);
      expect(resent.statusCode).toBe(200);
      expect(resent.json()).toMatchObject({ status: 'open', sendCount: 2 });
      const second = (await lastMailTo(email))!;
      expect(second.token).not.toBe(first.token);
      expect((await anonymous.post('/api/v1/invitations/preview', { token: first.token })).statusCode).toBe(
        404,
      );
      expect((await anonymous.post('/api/v1/invitations/preview', { token: second.token })).statusCode).toBe(
        200,
      );
    } finally {
      clock.set(new Date());
    }
  });

  it('a revoked invitation link no longer works, and an accepted one cannot be revoked', async () => {
    const email = `${unique('revoked')}@example.test`;
    const id = (await asAdmin.post('/api/v1/admin/invitations', { email, name: 'Rita Revoked' })).json().id;
    const { token } = (await lastMailTo(email))!;
    expect((await asAdmin.delete(`/api/v1/admin/invitations/${id}`)).statusCode).toBe(204);
    const accept = await anonymous.post('/api/v1/invitations/accept', {
      token,
      password: 'a long enough password',
    });
    expect(accept.statusCode).toBe(404);
    expect((await asAdmin.post(`/api/v1/admin/invitations/${id}/resend`)).statusCode).toBe(409);
  });

  it('refuses an email that belongs to someone who signed in already, changing nothing', async () => {
    const person = await buildPerson(ctx.db.pool);
    await ctx.db.pool.query('update people set activated_at = now() where id = $1', [person.id]);
    const before = await rowCounts(ctx.db.pool);
    const response = await asAdmin.post('/api/v1/admin/invitations', { email: person.email, name: 'X' });
    expect(response.statusCode).toBe(409);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });

  it('invites someone provisioned who never signed in, without making a second person', async () => {
    const person = await buildPerson(ctx.db.pool);
    const response = await asAdmin.post('/api/v1/admin/invitations', {
      email: person.email,
      name: person.name,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().handle).toBe(person.handle);
    const twice = await asAdmin.post('/api/v1/admin/invitations', { email: person.email, name: person.name });
    expect(twice.statusCode).toBe(409);
  });
});

describe("an invitation CSV in Workplace's format", () => {
  it('reads a BOM, semicolons and quoted fields, and sets managers listed below their reports', async () => {
    const boss = unique('boss');
    const worker = unique('worker');
    const csv =
      '\uFEFFEmail;First Name;Last Name;Job Title;Department;Phone;Location;Locale;Manager Email;Division;Organization;Start Date\r\n' +
      `${worker}@example.test;Wim;"de Wit; jr.";"Buyer ""senior""";Purchasing;+31 6 1234;Utrecht;en_US;${boss}@example.test;Ops;Acme;2026-01-05\r\n` +
      `${boss}@example.test;Bea;Baas;Head;Purchasing;;Utrecht;nl_NL;;Ops;Acme;\r\n`;
    const response = await asAdmin.post('/api/v1/admin/invitations/csv', { csv });
    expect(response.statusCode).toBe(201);
    expect(response.json().invited).toBe(2);
    const { rows } = await ctx.db.pool.query(
      `select p.name, p.title, p.location, p.locale, m.email as manager from people p
         left join people m on m.id = p.manager_id where p.email = $1`,
      [`${worker}@example.test`],
    );
    expect(rows[0]).toEqual({
      name: 'Wim de Wit; jr.',
      title: 'Buyer "senior"',
      location: 'Utrecht',
      locale: 'en',
      manager: `${boss}@example.test`,
    });
    expect((await lastMailTo(`${worker}@example.test`))!.locale).toBe('en');
    expect((await lastMailTo(`${boss}@example.test`))!.locale).toBe('nl');
  });

  it('reports every error by line and applies nothing of the file', async () => {
    const taken = await buildPerson(ctx.db.pool);
    const fine = unique('fine');
    const csv = [
      'Email,First Name,Last Name,Locale,Manager Email',
      `${fine}@example.test,Fien,Fijn,,`,
      'not-an-address,No,Mail,,',
      `${taken.email},Al,Bestaand,,`,
      `${fine}@example.test,Twee,Keer,,`,
      `${unique('x')}@example.test,,,,`,
      `${unique('y')}@example.test,Yara,Y,fr_FR,nobody-${fine}@example.test`,
    ].join('\n');
    const before = await rowCounts(ctx.db.pool);
    const first = await asAdmin.post('/api/v1/admin/invitations/csv', { csv });
    expect(first.statusCode).toBe(400);
    expect(first.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'line 3, Email',
      'line 5, Email',
      'line 6, First Name',
      'line 7, Locale',
    ]);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);

    // With the file's own errors corrected, the database's are found: all of them, still nothing applied.
    const second = await asAdmin.post('/api/v1/admin/invitations/csv', {
      csv: [
        'Email,First Name,Manager Email',
        `${fine}@example.test,Fien,`,
        `${taken.email},Al,`,
        `${unique('z')}@example.test,Zoë,nobody-${fine}@example.test`,
      ].join('\n'),
    });
    expect(second.statusCode).toBe(400);
    expect(second.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'line 3, Email',
      'line 4, Manager Email',
    ]);
    expect(await rowCounts(ctx.db.pool)).toEqual(before);
  });

  it('refuses a header Plein does not know', async () => {
    const response = await asAdmin.post('/api/v1/admin/invitations/csv', {
      csv: 'Email,Frist Name\nx@example.test,X\n',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toEqual({
      field: 'line 1, Frist Name',
      message: 'is not a column Plein knows',
    });
  });
});

describe('magic-link sign-in', () => {
  it('answers the same for a known and an unknown address, and mails only the known one', async () => {
    const person = await buildPerson(ctx.db.pool);
    const stranger = `${unique('nobody')}@example.test`;
    const known = await anonymous.post('/api/v1/auth/magic-link', { email: person.email.toUpperCase() });
    const unknown = await anonymous.post('/api/v1/auth/magic-link', { email: stranger });
    expect([known.statusCode, unknown.statusCode]).toEqual([200, 200]);
    expect(known.body).toBe(unknown.body);
    expect(await mailCount(person.email)).toBe(1);
    expect(await mailCount(stranger)).toBe(0);
    const mail = (await lastMailTo(person.email))!;
    expect(mail.kind).toBe('sign_in_link');

    const used = await anonymous.post('/api/v1/auth/magic-link/sign-in', { token: mail.token });
    expect(used.statusCode).toBe(200);
    expect(used.json().person.handle).toBe(person.handle);
    const twice = await anonymous.post('/api/v1/auth/magic-link/sign-in', { token: mail.token });
    expect(twice.statusCode).toBe(401);
  });

  it('expires after 15 minutes and never signs in a deactivated person', async () => {
    const person = await buildPerson(ctx.db.pool);
    await anonymous.post('/api/v1/auth/magic-link', { email: person.email });
    const late = (await lastMailTo(person.email))!;
    clock.advance(15 * 60_000 + 1000);
    try {
      const expired = await anonymous.post('/api/v1/auth/magic-link/sign-in', { token: late.token });
      expect(expired.statusCode).toBe(401);
    } finally {
      clock.set(new Date());
    }
    await anonymous.post('/api/v1/auth/magic-link', { email: person.email });
    const fresh = (await lastMailTo(person.email))!;
    await ctx.db.pool.query("update people set status = 'deactivated' where id = $1", [person.id]);
    const refused = await anonymous.post('/api/v1/auth/magic-link/sign-in', { token: fresh.token });
    expect(refused.statusCode).toBe(401);
  });

  it('limits requests per address the same whether or not a person has it', async () => {
    const person = await buildPerson(ctx.db.pool);
    const stranger = `${unique('nobody')}@example.test`;
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    const statuses = async (email: string) => {
      const seen: number[] = [];
      for (let i = 0; i < 6; i++) {
        seen.push(
          (await anonymous.send('POST', '/api/v1/auth/magic-link', { email }, from(`10.9.${i}.1`)))
            .statusCode,
        );
      }
      return seen;
    };
    expect(await statuses(person.email)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await statuses(stranger)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await mailCount(person.email)).toBe(5);
  });
});
