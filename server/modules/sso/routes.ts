import { problems } from '../../../contract/common.js';
import {
  BackchannelLogout,
  BackchannelLogoutResult,
  OidcCallbackQuery,
  OidcStartQuery,
  Redirect,
} from '../../../contract/sso.js';
import { defineRoute } from '../../platform/http/route.js';
import { CALLBACK_PATH } from './oidc.js';
import * as service from './service.js';

const tags = ['auth'];

/** OpenID Connect single sign-on; every route answers 404 when PLEIN_OIDC_ISSUER is unset. */
export const ssoRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/auth/oidc/start',
    auth: 'public',
    rateLimit: 'read',
    summary:
      'Single sign-on: redirects the browser to the OpenID provider (authorization code flow with PKCE)',
    tags,
    status: 302,
    schema: { querystring: OidcStartQuery, response: { 302: Redirect, ...problems(400, 404) } },
    handler: ({ deps, reply, query }) => service.start(deps, reply, query.next),
  }),
  defineRoute({
    method: 'GET',
    url: CALLBACK_PATH,
    auth: 'public',
    rateLimit: 'read',
    summary:
      'Single sign-on: the OpenID provider returns here; redirects into Plein with a session, or to /login?error=<why>',
    tags,
    status: 302,
    schema: { querystring: OidcCallbackQuery, response: { 302: Redirect, ...problems(400, 404) } },
    handler: ({ deps, request, reply, query }) => service.callback(deps, request, reply, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/oidc/backchannel-logout',
    // The caller is the provider, not a person: the signed logout token is its credential.
    auth: 'none',
    acceptsForm: true,
    rateLimit: 'none',
    summary:
      'OpenID Connect Back-Channel Logout: the provider posts a logout token (form-encoded); those sessions end',
    tags,
    schema: {
      body: BackchannelLogout,
      response: { 200: BackchannelLogoutResult, ...problems(400, 404, 415) },
    },
    handler: ({ deps, reply, body }) => service.backchannelLogout(deps, reply, body.logout_token),
  }),
];
