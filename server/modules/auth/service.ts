import type { FastifyReply, FastifyRequest } from 'fastify';
import { digest, newSecret, verifyPassword } from '../../platform/auth/secrets.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Queryable } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { badRequest, notFound, unauthorized } from '../../platform/http/problem.js';
import { writeAudit } from '../audit/repository.js';
import * as people from '../people/service.js';
import { providerLogoutUrl } from '../sso/service.js';
import { SESSION_COOKIE, SESSION_DAYS } from './authenticate.js';
import * as auth from './repository.js';
import { beginSignIn } from './sign-in-throttle.js';
import { sessionKey } from './viewer-cache.js';

export const MAX_TOKENS = 20;

export async function login(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  credentials: { email: string; password: string },
) {
  const email = credentials.email.toLowerCase();
  const candidate = await auth.findLoginCandidate(deps.db.pool, email);
  const attempt = await beginSignIn(deps, request, reply, { email, personId: candidate?.id ?? null });
  const ok = await verifyPassword(candidate?.password_hash ?? null, credentials.password);
  if (!candidate || !ok || candidate.status !== 'active') {
    await attempt.failed();
    throw unauthorized(
      candidate?.status === 'deactivated' && ok
        ? 'This account has been deactivated.'
        : 'Email or password is not right.',
    );
  }
  await attempt.succeeded();
  return openSession(deps, request, reply, candidate.id);
}

/** Starts a session for a person who has proven who they are: sets the cookie, returns them and the CSRF token. */
export async function openSession(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  personId: string,
) {
  const session = await createSession(deps, deps.db.pool, request, personId);
  setSessionCookie(deps, reply, session.token);
  const viewer = { id: personId } as Viewer;
  return { person: await people.me(deps, viewer), csrfToken: session.csrfToken };
}

/** The session row alone, on the caller's transaction when there is one; the cookie follows once it commits. */
export async function createSession(
  deps: Deps,
  db: Queryable,
  request: FastifyRequest,
  personId: string,
): Promise<{ token: string; sessionId: string; csrfToken: string }> {
  const now = deps.clock.now();
  const token = newSecret();
  const csrfToken = newSecret(24);
  const sessionId = digest(token);
  await auth.insertSession(db, {
    id: sessionId,
    personId,
    csrfToken,
    expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000),
    userAgent: String(request.headers['user-agent'] ?? '').slice(0, 300),
    ip: request.ip,
    now,
  });
  await auth.recordSignIn(db, personId, now);
  // Arriving by single sign-on or a magic link accepts a waiting invitation just as its own link does.
  const invitationId = await auth.closeWaitingInvitation(db, personId, now);
  if (invitationId) {
    await writeAudit(db, {
      actorId: personId,
      action: 'invitation.accept',
      targetType: 'person',
      targetId: personId,
      after: { invitationId, by: 'sign-in' },
    });
  }
  return { token, sessionId, csrfToken };
}

export function setSessionCookie(deps: Deps, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    maxAge: SESSION_DAYS * 86_400,
  });
}

/** The CSRF token of the session in use, so a reloaded page can write again; Bearer clients have none. */
export function currentSession(viewer: Viewer): { csrfToken: string | null } {
  return { csrfToken: viewer.via.kind === 'session' ? viewer.via.csrfToken : null };
}

/**
 * Ends this session. After single sign-on, where the provider offers RP-initiated logout, answers where to send the
 * browser to sign out there too; otherwise 204.
 */
export async function logout(deps: Deps, viewer: Viewer, reply: FastifyReply) {
  let endSessionUrl: string | null = null;
  if (viewer.via.kind === 'session') {
    endSessionUrl = await providerLogoutUrl(deps, viewer.via.sessionId);
    await auth.deleteSession(deps.db.pool, viewer.via.sessionId);
    deps.viewers.forget(sessionKey(viewer.via.sessionId));
  }
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  if (endSessionUrl) return { endSessionUrl };
  reply.status(204);
}

const presentToken = (row: auth.TokenRow) => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
});

export async function createToken(deps: Deps, viewer: Viewer, name: string) {
  if ((await auth.countTokens(deps.db.pool, viewer.id)) >= MAX_TOKENS) {
    throw badRequest(`You have ${MAX_TOKENS} API tokens already; revoke one first.`, [
      { field: 'name', message: `at most ${MAX_TOKENS} tokens per person` },
    ]);
  }
  const token = `plein_${newSecret()}`;
  const row = await auth.insertToken(deps.db.pool, viewer.id, name, digest(token), deps.clock.now());
  return { ...presentToken(row), token };
}

export async function listTokens(deps: Deps, viewer: Viewer) {
  return { items: (await auth.listTokens(deps.db.pool, viewer.id)).map(presentToken), nextCursor: null };
}

export async function revokeToken(deps: Deps, viewer: Viewer, tokenId: string): Promise<void> {
  if (!(await auth.revokeToken(deps.db.pool, viewer.id, tokenId, deps.clock.now()))) throw notFound('token');
  // The cache knows tokens by their digest, not their id: the person's other entries are simply looked up again.
  deps.viewers.forgetPerson(viewer.id);
}
