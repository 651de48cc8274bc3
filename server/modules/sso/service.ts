import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OidcConfig } from '../../config.js';
import { digest, newSecret } from '../../platform/auth/secrets.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { badRequest, notFound } from '../../platform/http/problem.js';
import { createSession, setSessionCookie } from '../auth/service.js';
import { sessionKey } from '../auth/viewer-cache.js';
import { personFor } from './identity.js';
import { InvalidLogoutToken, verifyLogoutToken } from './logout-token.js';
import { authorizationRequest, completeSignIn, endSessionUrl, redirectUriOf } from './oidc.js';
import { type RefusalCode, SignInRefused } from './refusal.js';
import * as sso from './repository.js';

const ATTEMPT_COOKIE = 'plein_sso';
const ATTEMPT_COOKIE_PATH = '/api/v1/auth/oidc/';
/** Time to sign in at the provider, password manager and second factor included. */
const ATTEMPT_MINUTES = 10;

/** Single sign-on routes exist only where it is configured, as the demo's do only in demo mode. */
function configured(deps: Deps): { oidc: OidcConfig; publicUrl: string } {
  const { oidc, publicUrl } = deps.config;
  if (!oidc || !publicUrl) throw notFound('single sign-on (it is not configured)');
  return { oidc, publicUrl };
}

/** Only paths inside Plein, so a crafted ?next= cannot send anyone elsewhere. */
const safeNext = (next: string | undefined) =>
  next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';

const refusedPage = (code: RefusalCode) => `/login?error=${code}`;

function redirect(reply: FastifyReply, location: string): void {
  reply.code(302).header('location', location).header('cache-control', 'no-store');
}

/** Sends the browser to the provider; what must come back (state, nonce, PKCE verifier) stays on the server. */
export async function start(deps: Deps, reply: FastifyReply, next: string | undefined): Promise<void> {
  const { oidc, publicUrl } = configured(deps);
  let request: Awaited<ReturnType<typeof authorizationRequest>>;
  try {
    request = await authorizationRequest(oidc, deps.clock, redirectUriOf(publicUrl));
  } catch (error) {
    deps.log.warn({ err: error }, 'the OpenID provider could not be reached');
    return redirect(reply, refusedPage('sso_unavailable'));
  }
  const secret = newSecret();
  const now = deps.clock.now();
  await sso.insertAttempt(deps.db.pool, {
    id: digest(secret),
    state: request.state,
    nonce: request.nonce,
    code_verifier: request.codeVerifier,
    return_to: safeNext(next),
    now,
    expiresAt: new Date(now.getTime() + ATTEMPT_MINUTES * 60_000),
  });
  reply.setCookie(ATTEMPT_COOKIE, secret, {
    path: ATTEMPT_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    maxAge: ATTEMPT_MINUTES * 60,
  });
  redirect(reply, request.url);
}

/**
 * The provider sends the browser back here. Either everything checks out and the person gets a session (the same
 * kind a password gives) and lands where they were going, or they land on the sign-in page that says why not —
 * with nothing written but the used-up attempt.
 */
export async function callback(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  query: { state?: string; error?: string; error_description?: string },
): Promise<void> {
  const { oidc, publicUrl } = configured(deps);
  const cookie = request.cookies[ATTEMPT_COOKIE];
  reply.clearCookie(ATTEMPT_COOKIE, { path: ATTEMPT_COOKIE_PATH });
  const attempt = cookie ? await sso.takeAttempt(deps.db.pool, digest(cookie)) : null;
  const now = deps.clock.now();
  try {
    if (!attempt || attempt.expires_at <= now) {
      throw new SignInRefused('sso_expired', 'no sign-in under way in this browser');
    }
    if (query.error)
      throw new SignInRefused('sso_denied', `${query.error}: ${query.error_description ?? ''}`);
    if (!query.state || query.state !== attempt.state)
      throw new SignInRefused('sso_failed', 'state mismatch');
    let verified: Awaited<ReturnType<typeof completeSignIn>>;
    try {
      verified = await completeSignIn(oidc, deps.clock, new URL(request.url, publicUrl), {
        state: attempt.state,
        nonce: attempt.nonce ?? '',
        codeVerifier: attempt.code_verifier ?? '',
      });
    } catch (error) {
      throw new SignInRefused('sso_failed', (error as Error).message);
    }
    const session = await inTransaction(deps.db.pool, async (tx) => {
      const personId = await personFor(tx, verified.assertion, oidc, now);
      const created = await createSession(deps, tx, request, personId);
      await sso.insertSsoSession(tx, {
        sessionId: created.sessionId,
        issuer: verified.assertion.issuer,
        subject: verified.assertion.subject,
        sid: verified.sid,
        idToken: verified.idToken,
      });
      return created;
    });
    setSessionCookie(deps, reply, session.token);
    redirect(reply, attempt.return_to);
  } catch (error) {
    if (!(error instanceof SignInRefused)) throw error;
    deps.log.info({ code: error.code, detail: error.message }, 'single sign-on refused');
    redirect(reply, refusedPage(error.code));
  }
}

/** The provider says the person signed out there: their sessions from it end, on every node within seconds. */
export async function backchannelLogout(deps: Deps, reply: FastifyReply, logoutToken: string) {
  const { oidc } = configured(deps);
  reply.header('cache-control', 'no-store');
  let who: Awaited<ReturnType<typeof verifyLogoutToken>>;
  try {
    who = await verifyLogoutToken(oidc, deps.clock, logoutToken);
  } catch (error) {
    if (error instanceof InvalidLogoutToken)
      throw badRequest(`The logout token is not valid: ${error.message}`);
    throw error;
  }
  const ended = await sso.deleteSessionsOf(deps.db.pool, who.issuer, who);
  // This node forgets them now; other nodes' viewer caches let go within their few seconds.
  for (const session of ended) deps.viewers.forget(sessionKey(session.id));
  return { endedSessions: ended.length };
}

/** Where to send the browser to sign out at the provider too, for a session single sign-on started; else null. */
export async function providerLogoutUrl(deps: Deps, sessionId: string): Promise<string | null> {
  const { oidc, publicUrl } = deps.config;
  if (!oidc || !publicUrl) return null;
  const session = await sso.findSsoSession(deps.db.pool, sessionId);
  if (!session) return null;
  try {
    return await endSessionUrl(oidc, deps.clock, session.id_token, `${publicUrl}/login`);
  } catch (error) {
    deps.log.warn({ err: error }, 'no RP-initiated logout: the OpenID provider could not be reached');
    return null;
  }
}
