import { z } from 'zod';

/** A browser redirect: the Location header says where; there is no body. */
export const Redirect = z.null().describe('Found: the Location header says where to go next');

export const OidcStartQuery = z.object({
  next: z.string().max(2000).optional().describe('Where in Plein to land after signing in (a path)'),
});

/** The provider's answer on the redirect URI; providers add parameters of their own (session_state), kept. */
export const OidcCallbackQuery = z.looseObject({
  code: z.string().max(4000).optional(),
  state: z.string().max(1000).optional(),
  iss: z.string().max(1000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

/** The IdP's answer, posted by the browser as an HTML form (SAML HTTP-POST binding). */
export const SamlAcsForm = z.looseObject({
  SAMLResponse: z.string().min(1).max(60_000).describe('The base64 SAML Response'),
  RelayState: z.string().max(2000).optional().describe('Where in Plein to land (a path), as sent to the IdP'),
});

/** OpenID Connect Back-Channel Logout 1.0: the provider posts a signed logout token, form-encoded. */
export const BackchannelLogout = z.object({ logout_token: z.string().min(1).max(16_000) });
export const BackchannelLogoutResult = z.object({ endedSessions: z.number().int() });

/**
 * Why a single sign-on was refused. The code travels to the sign-in page (/login?error=<code>), which says it in the
 * reader's language (login.ssoError.<code>); the server log keeps the technical detail.
 */
export type SsoRefusal = (typeof SSO_REFUSALS)[number];
export const SSO_REFUSALS = [
  'sso_unavailable', // the identity provider could not be reached or described itself wrongly
  'sso_denied', // the identity provider answered with an error (the person cancelled, or is not assigned)
  'sso_expired', // no sign-in was under way in this browser, or it took too long, or it was used already
  'sso_failed', // the answer did not prove who it was (state, nonce, signature, issuer, audience, expiry…)
  'email_missing', // the provider sent no email address
  'email_unverified', // the provider does not vouch for the email address
  'domain_not_allowed', // the email's domain is not one of PLEIN_OIDC_ALLOWED_DOMAINS
  'link_not_allowed', // a person with this email exists, and linking by email is off
  'not_provisioned', // nobody in Plein matches, and just-in-time creation is off
  'deactivated', // the person was deactivated in Plein
] as const;
