import { z } from 'zod';
import { problems } from '../../../contract/common.js';
import { OidcStartQuery, Redirect, SamlAcsForm } from '../../../contract/sso.js';
import { defineRoute } from '../../platform/http/route.js';
import { ACS_PATH } from './saml.js';
import * as service from './saml-service.js';

const tags = ['auth'];

/** SAML 2.0 single sign-on (SP-initiated); every route answers 404 unless an IdP is configured. */
export const samlRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/auth/saml/start',
    auth: 'public',
    rateLimit: 'read',
    summary: 'SAML single sign-on: redirects the browser to the identity provider with an AuthnRequest',
    tags,
    status: 302,
    schema: { querystring: OidcStartQuery, response: { 302: Redirect, ...problems(400, 404) } },
    handler: ({ deps, reply, query }) => service.start(deps, reply, query.next),
  }),
  defineRoute({
    method: 'POST',
    url: ACS_PATH,
    // A cross-site form post from the IdP: no cookie, no CSRF token; the signed assertion answering a request
    // Plein issued (InResponseTo, once) is the credential.
    auth: 'none',
    acceptsForm: true,
    rateLimit: 'none',
    summary:
      'SAML assertion consumer: the IdP posts its signed response (form); redirects into Plein with a session, or to /login?error=<why>',
    tags,
    status: 302,
    schema: { body: SamlAcsForm, response: { 302: Redirect, ...problems(400, 404, 415) } },
    handler: ({ deps, request, reply, body }) => service.acs(deps, request, reply, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/auth/saml/metadata',
    auth: 'public',
    rateLimit: 'read',
    summary: "Plein's SAML service provider metadata (XML), to register Plein at the identity provider",
    tags,
    schema: {
      response: { 200: z.string().describe('application/samlmetadata+xml'), ...problems(404) },
    },
    handler: async ({ deps, reply }) => service.metadata(deps, reply),
  }),
];
