import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SamlConfig } from '../../config.js';
import type { Queryable } from '../../platform/db/database.js';
import { client } from '../../test/client.js';
import { unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { RedirectBrowser } from '../../test/redirect-browser.js';
import {
  OTHER_KEY,
  type ResponseShape,
  samlSettings,
  startSamlIdp,
  type TestSamlIdp,
} from '../../test/saml-idp.js';

const PLEIN = 'http://plein.test';
const ACS = `${PLEIN}/api/v1/auth/saml/acs`;
const SP_ENTITY_ID = `${PLEIN}/api/v1/auth/saml/metadata`;
let idp: TestSamlIdp;

beforeAll(async () => {
  idp = await startSamlIdp({ spEntityId: SP_ENTITY_ID, acsUrl: ACS });
});
afterAll(async () => {
  await idp?.close();
});

async function pleinWith(overrides: Partial<SamlConfig> = {}) {
  const ctx = await testApp({
    config: { publicUrl: PLEIN, saml: samlSettings(`${idp.entityId}`, overrides) },
  });
  return { ...ctx, browser: new RedirectBrowser(ctx.app, PLEIN) };
}

function newUser(attributes: Record<string, string | string[]> = {}) {
  const login = unique('saml');
  const user = {
    nameId: unique('name-id'),
    attributes: { email: `${login}@example.test`, displayName: 'Saskia Example', ...attributes },
  };
  idp.users.set(login, user);
  return { login, user };
}

/** Plein start → IdP (HTTP-Redirect binding, real HTTP) → the auto-posting form the IdP answers with. */
async function throughIdp(browser: RedirectBrowser, login: string, next = '/') {
  const started = await browser.request('GET', `/api/v1/auth/saml/start?next=${encodeURIComponent(next)}`);
  expect(started.status, started.body).toBe(302);
  const atIdp = new URL(started.location!);
  expect(atIdp.origin + atIdp.pathname).toBe(idp.ssoUrl);
  atIdp.searchParams.set('login', login);
  const page = await browser.request('GET', atIdp.href);
  expect(page.status, page.body).toBe(200);
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page.body)?.[1] ?? '';
  expect(/action="([^"]+)"/.exec(page.body)?.[1]).toBe(ACS);
  return { SAMLResponse: field('SAMLResponse'), RelayState: field('RelayState') };
}

const requestIdOf = (samlResponse: string) =>
  /InResponseTo="([^"]+)"/.exec(Buffer.from(samlResponse, 'base64').toString('utf8'))?.[1] ?? '';

async function signInRows(db: Queryable) {
  const { rows } = await db.query<Record<string, number>>(
    `select (select count(*)::int from sessions) as sessions, (select count(*)::int from people) as people,
            (select count(*)::int from person_identities) as identities,
            (select count(*)::int from audit_entries) as audit`,
  );
  return rows[0]!;
}

type Plein = Awaited<ReturnType<typeof pleinWith>>;

async function expectRefused(ctx: Plein, form: Record<string, string>, code = 'sso_failed') {
  const before = await signInRows(ctx.db.pool);
  const answer = await ctx.browser.request('POST', ACS, form);
  expect(answer.status, answer.body).toBe(302);
  expect(answer.location).toBe(`/login?error=${code}`);
  expect(ctx.browser.cookie(PLEIN, 'plein_session')).toBeUndefined();
  expect(await signInRows(ctx.db.pool)).toEqual(before);
}

/** A response shaped by the test, answering a real AuthnRequest Plein issued. */
async function shapedResponse(ctx: Plein, shape: ResponseShape) {
  const { login, user } = newUser();
  const issued = await throughIdp(ctx.browser, login);
  idp.users.delete(login);
  return {
    user,
    form: { SAMLResponse: await idp.respond(user, requestIdOf(issued.SAMLResponse), shape), RelayState: '/' },
  };
}

const decode = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');
const encode = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

describe('SAML 2.0 sign-in against a real IdP', () => {
  it('walks start → IdP → form post to the ACS, and the session cookie works on /api/v1/me', async () => {
    const { app, db, browser } = await pleinWith();
    const { login, user } = newUser({ department: 'Support', groups: ['plein-admins'] });
    const form = await throughIdp(browser, login, '/g/sales');
    expect(form.RelayState).toBe('/g/sales');
    // The form post carries no cookie a cross-site POST would not send, and no CSRF token.
    const landed = await browser.request('POST', ACS, form);
    expect(landed.status, landed.body).toBe(302);
    expect(landed.location).toBe('/g/sales');
    const me = await client(app, { cookie: browser.cookie(PLEIN, 'plein_session')!, csrfToken: '' }).get(
      '/api/v1/me',
    );
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      name: 'Saskia Example',
      email: user.attributes.email,
      department: 'Support',
      role: 'admin',
    });
    const { rows } = await db.pool.query('select issuer, subject from person_identities where subject = $1', [
      user.nameId,
    ]);
    expect(rows).toEqual([{ issuer: idp.entityId, subject: user.nameId }]);
  });

  it('serves SP metadata naming the entity id and the ACS, and shows the button on the sign-in page', async () => {
    const { app } = await pleinWith();
    const metadata = await app.inject({ method: 'GET', url: '/api/v1/auth/saml/metadata' });
    expect(metadata.statusCode).toBe(200);
    expect(metadata.headers['content-type']).toMatch(/^application\/samlmetadata\+xml/);
    expect(metadata.body).toContain(`entityID="${SP_ENTITY_ID}"`);
    expect(metadata.body).toContain(`Location="${ACS}"`);
    const site = await app.inject({ method: 'GET', url: '/api/v1/site' });
    expect(site.json().sso).toEqual({ label: 'Test IdP', startUrl: '/api/v1/auth/saml/start' });
  });

  it('follows the identity rules: no person and no creation → refused, nothing written', async () => {
    const ctx = await pleinWith({ createPeople: false });
    const { login } = newUser();
    await expectRefused(ctx, await throughIdp(ctx.browser, login), 'not_provisioned');
  });

  it('refuses an unsigned response', async () => {
    const ctx = await pleinWith();
    await expectRefused(ctx, (await shapedResponse(ctx, { unsigned: true })).form);
  });

  it('refuses a response signed with another key', async () => {
    const ctx = await pleinWith();
    await expectRefused(ctx, (await shapedResponse(ctx, { key: OTHER_KEY })).form);
  });

  it('refuses an expired assertion (NotOnOrAfter past)', async () => {
    const ctx = await pleinWith();
    const past = new Date(Date.now() - 30 * 60_000).toISOString();
    const values = { ConditionsNotOnOrAfter: past, SubjectConfirmationDataNotOnOrAfter: past };
    const old = new Date(Date.now() - 40 * 60_000).toISOString();
    await expectRefused(
      ctx,
      (await shapedResponse(ctx, { values: { ...values, IssueInstant: old, ConditionsNotBefore: old } }))
        .form,
    );
  });

  it('refuses an assertion for another audience', async () => {
    const ctx = await pleinWith();
    await expectRefused(
      ctx,
      (await shapedResponse(ctx, { values: { Audience: 'https://other.example' } })).form,
    );
  });

  it('refuses an assertion addressed to another recipient', async () => {
    const ctx = await pleinWith();
    const elsewhere = 'https://other.example/acs';
    await expectRefused(ctx, (await shapedResponse(ctx, { values: { SubjectRecipient: elsewhere } })).form);
  });

  it('refuses a response to a request Plein never issued (unknown InResponseTo)', async () => {
    const ctx = await pleinWith();
    const { user } = newUser();
    await expectRefused(ctx, { SAMLResponse: await idp.respond(user, '_never-issued') }, 'sso_failed');
  });

  it('refuses a replayed response, even though it was valid once', async () => {
    const ctx = await pleinWith();
    const { login } = newUser();
    const form = await throughIdp(ctx.browser, login);
    const first = await ctx.browser.request('POST', ACS, form);
    expect(first.location).toBe('/');
    ctx.browser.forget(PLEIN, 'plein_session');
    await expectRefused(ctx, form);
  });

  it('refuses an assertion id used before, even signed anew and answering a fresh request', async () => {
    const ctx = await pleinWith();
    const values = { AssertionID: unique('_assertion') };
    const first = await shapedResponse(ctx, { values });
    expect((await ctx.browser.request('POST', ACS, first.form)).location).toBe('/');
    ctx.browser.forget(PLEIN, 'plein_session');
    await expectRefused(ctx, (await shapedResponse(ctx, { values })).form);
  });

  describe('XML signature wrapping', () => {
    const evil = (xml: string) =>
      xml
        .replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, '')
        .replace(/ID="_[^"]+"/, 'ID="_evil"')
        .replace(/<saml:NameID([^>]*)>[^<]*</, '<saml:NameID$1>admin-of-everything<')
        .replace(/(<saml:AttributeValue[^>]*>)[^<]*@example\.test</, '$1mallory@example.test<');

    it('refuses a second, unsigned assertion injected beside the signed one', async () => {
      const ctx = await pleinWith();
      const { form } = await shapedResponse(ctx, {});
      const xml = decode(form.SAMLResponse);
      const signed = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
      await expectRefused(ctx, {
        SAMLResponse: encode(xml.replace(signed, `${evil(signed)}${signed}`)),
      });
    });

    it('refuses an unsigned assertion wrapping the signed one inside it', async () => {
      const ctx = await pleinWith();
      const { form } = await shapedResponse(ctx, {});
      const xml = decode(form.SAMLResponse);
      const signed = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
      const wrapper = evil(signed).replace('</saml:Subject>', `</saml:Subject>${signed}`);
      await expectRefused(ctx, { SAMLResponse: encode(xml.replace(signed, wrapper)) });
    });

    it('refuses the signed assertion moved into Extensions, with an unsigned one in its place', async () => {
      const ctx = await pleinWith();
      const { form } = await shapedResponse(ctx, {});
      const xml = decode(form.SAMLResponse);
      const signed = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
      const moved = xml
        .replace(signed, evil(signed))
        .replace('<samlp:Status>', `<samlp:Extensions>${signed}</samlp:Extensions><samlp:Status>`);
      await expectRefused(ctx, { SAMLResponse: encode(moved) });
    });

    it('refuses the signed assertion moved into a ds:Object, with an unsigned one in its place', async () => {
      const ctx = await pleinWith();
      const { form } = await shapedResponse(ctx, {});
      const xml = decode(form.SAMLResponse);
      const signed = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
      const unsigned = evil(signed);
      const signature = /<ds:Signature[\s\S]*?<\/ds:Signature>/.exec(signed)![0];
      const objectWrapped = unsigned.replace(
        '</saml:Issuer>',
        `</saml:Issuer>${signature.replace('</ds:Signature>', `<ds:Object>${signed}</ds:Object></ds:Signature>`)}`,
      );
      await expectRefused(ctx, { SAMLResponse: encode(xml.replace(signed, objectWrapped)) });
    });
  });
});
