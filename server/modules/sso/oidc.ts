import * as client from 'openid-client';
import type { OidcConfig } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import type { Assertion } from './identity.js';

/**
 * OpenID Connect as Plein speaks it, through openid-client: the authorization code flow with PKCE, `state` and
 * `nonce`; ID tokens checked for signature, issuer, audience, expiry and nonce by the library; RP-initiated logout.
 * Only this file knows the protocol; identity.ts decides who the person is.
 */

export const CALLBACK_PATH = '/api/v1/auth/oidc/callback';
export const redirectUriOf = (publicUrl: string) => `${publicUrl}${CALLBACK_PATH}`;

// The provider's discovery document is read once an hour per issuer, not on every sign-in.
const DISCOVERY_TTL_MS = 60 * 60_000;
const discovered = new Map<string, { metadata: client.ServerMetadata; until: number }>();
// Signing keys read by one sign-in serve the next (a key not in the cache is fetched again by the library).
const jwksCaches = new Map<string, client.ExportedJWKSCache>();

const isLoopback = (issuer: string) => new URL(issuer).protocol === 'http:';

async function serverMetadata(oidc: OidcConfig, clock: Clock): Promise<client.ServerMetadata> {
  const now = clock.now().getTime();
  const cached = discovered.get(oidc.issuer);
  if (cached && cached.until > now) return cached.metadata;
  // config.ts allows plain http only on this machine, where the tests run their providers.
  const execute = isLoopback(oidc.issuer) ? [client.allowInsecureRequests] : [];
  const found = await client.discovery(new URL(oidc.issuer), oidc.clientId, undefined, undefined, {
    execute,
  });
  const metadata = found.serverMetadata();
  discovered.set(oidc.issuer, { metadata, until: now + DISCOVERY_TTL_MS });
  return metadata;
}

/** A client configuration whose idea of "now" is the app's clock, for the library's expiry checks. */
async function configuration(oidc: OidcConfig, clock: Clock): Promise<client.Configuration> {
  const metadata = await serverMetadata(oidc, clock);
  const skewSeconds = Math.round((clock.now().getTime() - Date.now()) / 1000);
  const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  const auth = !oidc.clientSecret
    ? client.None()
    : methods.includes('client_secret_basic')
      ? client.ClientSecretBasic(oidc.clientSecret)
      : client.ClientSecretPost(oidc.clientSecret);
  const config = new client.Configuration(metadata, oidc.clientId, { [client.clockSkew]: skewSeconds }, auth);
  if (isLoopback(oidc.issuer)) client.allowInsecureRequests(config);
  // The library trusts TLS for ID tokens from the token endpoint; Plein checks their signature too, so a token
  // the provider's published keys did not sign is refused however it arrived.
  client.enableNonRepudiationChecks(config);
  const jwks = jwksCaches.get(oidc.issuer);
  if (jwks) client.setJwksCache(config, jwks);
  return config;
}

function keepJwks(oidc: OidcConfig, config: client.Configuration): void {
  const jwks = client.getJwksCache(config);
  if (jwks) jwksCaches.set(oidc.issuer, jwks);
}

export type AuthorizationRequest = { url: string; state: string; nonce: string; codeVerifier: string };

/** Where to send the browser, and the secrets to keep until it comes back. */
export async function authorizationRequest(
  oidc: OidcConfig,
  clock: Clock,
  redirectUri: string,
): Promise<AuthorizationRequest> {
  const config = await configuration(oidc, clock);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: oidc.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, state, nonce, codeVerifier };
}

export type VerifiedSignIn = { assertion: Assertion; sid: string | null; idToken: string };

/**
 * Exchanges the code from the browser's return (`currentUrl`, the callback as the browser asked for it) for tokens
 * and checks them; throws when anything does not match what was kept.
 */
export async function completeSignIn(
  oidc: OidcConfig,
  clock: Clock,
  currentUrl: URL,
  kept: { state: string; nonce: string; codeVerifier: string },
): Promise<VerifiedSignIn> {
  const config = await configuration(oidc, clock);
  const tokens = await client.authorizationCodeGrant(config, currentUrl, {
    pkceCodeVerifier: kept.codeVerifier,
    expectedState: kept.state,
    expectedNonce: kept.nonce,
    idTokenExpected: true,
  });
  keepJwks(oidc, config);
  const idClaims = tokens.claims();
  if (!idClaims || !tokens.id_token) throw new Error('the token response has no ID token');
  let claims: Record<string, unknown> = idClaims;
  // Some providers put only the subject in the ID token; the UserInfo endpoint then has the rest.
  if (!idClaims.email && config.serverMetadata().userinfo_endpoint) {
    const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    claims = { ...info, ...idClaims };
  }
  return {
    assertion: assertionFrom(oidc, idClaims.iss, idClaims.sub, claims),
    sid: typeof idClaims.sid === 'string' ? idClaims.sid : null,
    idToken: tokens.id_token,
  };
}

/** Standard claims where providers agree, and the names Okta, Keycloak and Entra ID use where they do not. */
export function assertionFrom(
  oidc: OidcConfig,
  issuer: string,
  subject: string,
  claims: Record<string, unknown>,
): Assertion {
  const text = (...names: string[]) => {
    for (const name of names) {
      const value = claims[name];
      if (typeof value === 'string' && value.trim()) return value.trim();
    }
    return null;
  };
  const given = [text('given_name'), text('family_name')].filter(Boolean).join(' ');
  const locale = text('locale')?.slice(0, 2).toLowerCase();
  const groups = claims[oidc.groupsClaim];
  return {
    issuer,
    subject,
    email: text('email'),
    // Some providers send the boolean as the string "true".
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    name: text('name') ?? (given || null),
    title: text('title', 'job_title', 'jobTitle'),
    department: text('department'),
    locale: locale === 'nl' || locale === 'en' ? locale : null,
    groups: Array.isArray(groups)
      ? groups.filter((group): group is string => typeof group === 'string')
      : typeof groups === 'string'
        ? [groups]
        : [],
  };
}

/** The provider's end-session address for RP-initiated logout, or null when it offers none. */
export async function endSessionUrl(
  oidc: OidcConfig,
  clock: Clock,
  idToken: string,
  postLogoutRedirectUri: string,
): Promise<string | null> {
  const config = await configuration(oidc, clock);
  if (!config.serverMetadata().end_session_endpoint) return null;
  return client.buildEndSessionUrl(config, {
    id_token_hint: idToken,
    post_logout_redirect_uri: postLogoutRedirectUri,
  }).href;
}

/** The provider's signing keys' address and issuer, for verifying its back-channel logout tokens. */
export async function providerKeys(oidc: OidcConfig, clock: Clock) {
  const metadata = await serverMetadata(oidc, clock);
  if (!metadata.jwks_uri) throw new Error('the provider publishes no jwks_uri');
  return {
    issuer: metadata.issuer,
    jwksUri: metadata.jwks_uri,
    algorithms: metadata.id_token_signing_alg_values_supported,
  };
}
