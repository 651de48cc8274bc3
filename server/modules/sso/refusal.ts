/**
 * Why a single sign-on was refused. The code travels to the sign-in page (/login?error=<code>), which says it in the
 * reader's language (web/src/i18n: login.ssoError.<code>); the server log keeps the technical detail.
 */
export const REFUSALS = [
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

export type RefusalCode = (typeof REFUSALS)[number];

export class SignInRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    detail: string,
  ) {
    super(detail);
  }
}
