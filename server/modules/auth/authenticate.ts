import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { digest } from '../../platform/auth/secrets.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Deps } from '../../platform/http/deps.js';
import { forbidden, unauthorized } from '../../platform/http/problem.js';
import {
  findViewerBySession,
  findViewerByToken,
  touchSession,
  touchToken,
  type ViewerRow,
} from './repository.js';
import { type CachedViewer, sessionKey, tokenKey } from './viewer-cache.js';

export const SESSION_COOKIE = 'plein_session';
export const SESSION_DAYS = 30;
const TOUCH_AFTER_MS = 5 * 60_000; // write last-seen at most every five minutes, not on every request

const toViewer = (row: ViewerRow, via: Viewer['via']): Viewer => ({
  id: row.id,
  handle: row.handle,
  name: row.name,
  role: row.role,
  isLeader: row.is_leader,
  locale: row.locale,
  suspendedUntil: row.suspended_until,
  via,
});

/**
 * Who is asking: a Bearer token wins over a cookie; a bad token is an error, a stale cookie is just anonymous.
 * Served from this node's viewer cache when it was looked up in the last few seconds (viewer-cache.ts); `fresh`
 * skips the cache, for a long-lived stream checking that its sign-in still holds.
 */
export async function resolveViewer(
  deps: Deps,
  request: FastifyRequest,
  options: { fresh?: boolean } = {},
): Promise<Viewer | null> {
  const now = deps.clock.now();
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthorized('The Authorization header must be "Bearer <token>".');
    const tokenHash = digest(match[1]!);
    const found = await cachedOr(deps, tokenKey(tokenHash), options, async () => {
      const row = await findViewerByToken(deps.db.pool, tokenHash);
      if (!row) return null;
      const viewer = toViewer(row, { kind: 'token', tokenId: row.token_id });
      return { viewer, seenAt: row.last_used_at, expiresAt: null };
    });
    if (found?.viewer.via.kind !== 'token') {
      throw unauthorized('This API token is not valid (revoked, or its person is deactivated).');
    }
    if (!found.seenAt || now.getTime() - found.seenAt.getTime() > TOUCH_AFTER_MS) {
      await touchToken(deps.db.pool, found.viewer.via.tokenId, now);
      found.seenAt = now;
    }
    return found.viewer;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const sessionId = digest(cookie);
  const key = sessionKey(sessionId);
  const found = await cachedOr(deps, key, options, async () => {
    const row = await findViewerBySession(deps.db.pool, sessionId, now);
    if (!row) return null;
    const viewer = toViewer(row, { kind: 'session', sessionId, csrfToken: row.csrf_token });
    return { viewer, seenAt: row.last_seen_at, expiresAt: row.expires_at };
  });
  if (!found) return null;
  // A session that expired while cached (or under a test's clock) is over, as the lookup would have said.
  if (!found.expiresAt || found.expiresAt <= now) {
    deps.viewers.forget(key);
    return null;
  }
  if (now.getTime() - found.seenAt!.getTime() > TOUCH_AFTER_MS) {
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
    await touchSession(deps.db.pool, sessionId, now, expiresAt);
    found.seenAt = now;
    found.expiresAt = expiresAt;
  }
  return found.viewer;
}

/**
 * The cached viewer of this key, or the database's answer (kept for the next few seconds when there is one). A
 * cached entry near the end of its life is read again in the background, so under steady use no request waits
 * for the lookup, and none is served what was read more than the time to live ago.
 */
async function cachedOr(
  deps: Deps,
  key: string,
  options: { fresh?: boolean },
  load: () => Promise<CachedViewer | null>,
): Promise<CachedViewer | null> {
  const cached = options.fresh ? null : deps.viewers.get(key);
  if (cached) {
    const refreshed = deps.viewers.claimRefresh(key);
    if (refreshed) {
      reload(deps, key, load, true)
        .catch((error) => deps.log.warn({ err: error }, 'viewer refresh failed'))
        .finally(refreshed);
    }
    return cached;
  }
  return reload(deps, key, load, options.fresh === true);
}

/** Reads the key again; `forgetIfGone` drops what is cached when the session or token has ended meanwhile. */
async function reload(
  deps: Deps,
  key: string,
  load: () => Promise<CachedViewer | null>,
  forgetIfGone: boolean,
): Promise<CachedViewer | null> {
  const generation = deps.viewers.generation;
  const loaded = await load();
  if (loaded) return deps.viewers.set(key, loaded, generation);
  if (forgetIfGone) deps.viewers.forget(key);
  return null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Cookie-authenticated writes must echo the session's CSRF token; Bearer clients need not. */
export function checkCsrf(viewer: Viewer | null, request: FastifyRequest): void {
  if (viewer?.via.kind !== 'session' || SAFE_METHODS.has(request.method)) return;
  const sent = request.headers['x-csrf-token'];
  const expected = Buffer.from(viewer.via.csrfToken);
  const given = Buffer.from(typeof sent === 'string' ? sent : '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw forbidden('Missing or wrong X-CSRF-Token header: send the csrfToken you received when signing in.');
  }
}
