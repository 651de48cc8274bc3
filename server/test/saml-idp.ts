import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import * as samlify from 'samlify';
import type { SamlConfig } from '../config.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
/** Test-only key pairs (server/test/fixtures/README-test-only-keys.md): the IdP's own, and an impostor's. */
export const IDP_KEY = { key: fixture('test-only-saml-idp.key'), cert: fixture('test-only-saml-idp.crt') };
export const OTHER_KEY = {
  key: fixture('test-only-saml-other-idp.key'),
  cert: fixture('test-only-saml-other-idp.crt'),
};

export type SamlUser = { nameId: string; attributes: Record<string, string | string[]> };

/** What a test may change in the next response: any template value, or leave the assertion unsigned. */
export type ResponseShape = {
  values?: Record<string, string>;
  unsigned?: boolean;
  key?: typeof IDP_KEY;
};

export type TestSamlIdp = {
  entityId: string;
  ssoUrl: string;
  metadata: string;
  /** The people who sign in at this IdP, by login name (the test's `?login=`). */
  users: Map<string, SamlUser>;
  /** Shapes the next response(s); reset with {}. */
  shape: ResponseShape;
  /** A signed response, as the IdP would post it, for an AuthnRequest id of the test's choosing. */
  respond(user: SamlUser, requestId: string, shape?: ResponseShape): Promise<string>;
  close(): Promise<void>;
};

const escapeXml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function attributeStatement(attributes: SamlUser['attributes']): string {
  const parts = Object.entries(attributes).map(
    ([name, value]) =>
      `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${(Array.isArray(value) ? value : [value]).map((item) => `<saml:AttributeValue xsi:type="xs:string">${escapeXml(item)}</saml:AttributeValue>`).join('')}</saml:Attribute>`,
  );
  return `<saml:AttributeStatement>${parts.join('')}</saml:AttributeStatement>`;
}

/**
 * A real SAML 2.0 IdP for tests (samlify, with its own test-only key), on 127.0.0.1: GET /sso takes Plein's
 * AuthnRequest (HTTP-Redirect) and `login=<name>`, and answers with the auto-posting form a browser submits to
 * Plein's ACS, carrying a signed response.
 */
export async function startSamlIdp(plein: { spEntityId: string; acsUrl: string }): Promise<TestSamlIdp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entityId = `${base}/metadata`;
  const ssoUrl = `${base}/sso`;
  const identityProvider = (key: typeof IDP_KEY) =>
    samlify.IdentityProvider({
      entityID: entityId,
      privateKey: key.key,
      signingCert: key.cert,
      singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: ssoUrl }],
    });
  const serviceProvider = (wantAssertionsSigned: boolean) =>
    samlify.ServiceProvider({
      entityID: plein.spEntityId,
      assertionConsumerService: [
        { Binding: samlify.Constants.namespace.binding.post, Location: plein.acsUrl },
      ],
      wantAssertionsSigned,
    });

  const idp: TestSamlIdp = {
    entityId,
    ssoUrl,
    metadata: identityProvider(IDP_KEY).getMetadata(),
    users: new Map(),
    shape: {},
    async respond(user, requestId, shape = idp.shape) {
      const now = new Date();
      const later = new Date(now.getTime() + 5 * 60_000).toISOString();
      const values: Record<string, string> = {
        ID: `_${crypto.randomUUID()}`,
        AssertionID: `_${crypto.randomUUID()}`,
        Destination: plein.acsUrl,
        Audience: plein.spEntityId,
        SubjectRecipient: plein.acsUrl,
        Issuer: entityId,
        IssueInstant: now.toISOString(),
        StatusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success',
        ConditionsNotBefore: now.toISOString(),
        ConditionsNotOnOrAfter: later,
        SubjectConfirmationDataNotOnOrAfter: later,
        NameIDFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
        NameID: user.nameId,
        InResponseTo: requestId,
        AuthnStatement: '',
        ...shape.values,
      };
      const fill = (template: string) =>
        samlify.SamlLib.replaceTagsByValue(
          template.replace('{AttributeStatement}', attributeStatement(user.attributes)),
          values,
        );
      if (shape.unsigned) {
        return Buffer.from(fill(samlify.SamlLib.defaultLoginResponseTemplate.context)).toString('base64');
      }
      const { context } = await identityProvider(shape.key ?? IDP_KEY).createLoginResponse(
        serviceProvider(true),
        { extract: { request: { id: requestId } } },
        'post',
        {},
        (template: string) => ({ id: values.ID!, context: fill(template) }),
      );
      return context;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  server.on('request', (request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', base);
      if (url.pathname === '/metadata') {
        response.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(idp.metadata);
        return;
      }
      const login = url.searchParams.get('login') ?? '';
      const user = idp.users.get(login);
      const samlRequest = url.searchParams.get('SAMLRequest');
      if (url.pathname === '/sso' && samlRequest && !login) {
        // The IdP's own sign-in page, for a browser: the name is the whole credential here.
        response
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            `<!doctype html><title>Test IdP</title><form method="get" action="/sso">` +
              `<input type="hidden" name="SAMLRequest" value="${escapeXml(samlRequest)}">` +
              `<input type="hidden" name="RelayState" value="${escapeXml(url.searchParams.get('RelayState') ?? '')}">` +
              `<label>Login <input name="login"></label><button>Sign in</button></form>`,
          );
        return;
      }
      if (url.pathname !== '/sso' || !samlRequest || !user) {
        response.writeHead(400).end('unknown request or login');
        return;
      }
      const requestXml = inflateRawSync(Buffer.from(samlRequest, 'base64')).toString('utf8');
      const requestId = /\sID="([^"]+)"/.exec(requestXml)?.[1] ?? '';
      const samlResponse = await idp.respond(user, requestId);
      const relayState = url.searchParams.get('RelayState') ?? '';
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><form method="post" action="${escapeXml(plein.acsUrl)}">` +
            `<input type="hidden" name="SAMLResponse" value="${samlResponse}">` +
            `<input type="hidden" name="RelayState" value="${escapeXml(relayState)}">` +
            `</form><script>document.forms[0].submit()</script>`,
        );
    })().catch((error: Error) => response.writeHead(500).end(error.message));
  });
  return idp;
}

/** Plein's SAML settings for the test IdP, with identity rules a test may override. */
export function samlSettings(metadata: string, overrides: Partial<SamlConfig> = {}): SamlConfig {
  return {
    idp: { metadata },
    spEntityId: 'http://plein.test/api/v1/auth/saml/metadata',
    label: 'Test IdP',
    allowedDomains: [],
    linkByEmail: false,
    createPeople: true,
    attributes: {
      email: null,
      name: null,
      givenName: null,
      familyName: null,
      title: null,
      department: null,
      locale: null,
      groups: null,
    },
    roleGroups: { admin: ['plein-admins'], communityManager: [], leader: ['management'] },
    ...overrides,
  };
}
