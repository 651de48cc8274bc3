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
  via,
});

/** Who is asking: a Bearer token wins over a cookie; a bad token is an error, a stale cookie is just anonymous. */
export async function resolveViewer(deps: Deps, request: FastifyRequest): Promise<Viewer | null> {
  const now = deps.clock.now();
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthorized('The Authorization header must be "Bearer <token>".');
    const row = await findViewerByToken(deps.db.pool, digest(match[1]!));
    if (!row) throw unauthorized('This API token is not valid (revoked, or its person is deactivated).');
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_AFTER_MS) {
      await touchToken(deps.db.pool, row.token_id, now);
    }
    return toViewer(row, { kind: 'token', tokenId: row.token_id });
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const sessionId = digest(cookie);
  const row = await findViewerBySession(deps.db.pool, sessionId, now);
  if (!row) return null;
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
    await touchSession(deps.db.pool, sessionId, now, new Date(now.getTime() + SESSION_DAYS * 86_400_000));
  }
  return toViewer(row, { kind: 'session', sessionId, csrfToken: row.csrf_token });
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
