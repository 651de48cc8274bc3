import { type MatrixRow, statuses } from './matrix.js';

// The matrix runs without single sign-on configured: then its routes answer 404 to everyone (sso.test.ts covers
// them configured, against a real OpenID provider). The back-channel route asks for no identity at all: its caller
// is the provider, whose signed logout token is the credential.
export const ssoMatrix: MatrixRow[] = [
  {
    route: 'GET /api/v1/auth/oidc/start',
    on: 'none',
    request: () => ({ url: '/api/v1/auth/oidc/start' }),
    expect: statuses.everyone(404),
  },
  {
    route: 'GET /api/v1/auth/oidc/callback',
    on: 'none',
    request: () => ({ url: '/api/v1/auth/oidc/callback?code=x&state=y' }),
    expect: statuses.everyone(404),
  },
  {
    route: 'POST /api/v1/auth/oidc/backchannel-logout',
    on: 'none',
    request: () => ({ url: '/api/v1/auth/oidc/backchannel-logout', body: { logout_token: 'x.y.z' } }),
    expect: { ...statuses.everyone(404), deactivated: 404 },
  },
  {
    route: 'GET /api/v1/auth/saml/start',
    on: 'none',
    request: () => ({ url: '/api/v1/auth/saml/start' }),
    expect: statuses.everyone(404),
  },
  {
    route: 'POST /api/v1/auth/saml/acs',
    on: 'none',
    request: () => ({ url: '/api/v1/auth/saml/acs', body: { SAMLResponse: 'PHNhbWxwOlJlc3BvbnNlLz4=' } }),
    expect: { ...statuses.everyone(404), deactivated: 404 },
  },
  {
    route: 'GET /api/v1/auth/saml/metadata',
    on: 'none',
    request: () => ({ url: '/api/v1/auth/saml/metadata' }),
    expect: statuses.everyone(404),
  },
];
