import type { FastifyRequest } from 'fastify';
import { digest, newSecret } from '../../platform/auth/secrets.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { notFound } from '../../platform/http/problem.js';
import { writeAudit } from '../audit/repository.js';
import { ScimProblem } from './problem.js';
import * as tokens from './token-repository.js';

const TOUCH_AFTER_MS = 5 * 60_000; // last use written at most every five minutes, not on every request

const present = (row: tokens.ScimTokenRow) => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at.toISOString(),
  createdBy: row.creator_handle ? { handle: row.creator_handle, name: row.creator_name! } : null,
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
});

/** A new SCIM token: its secret is returned this once and stored only as its SHA-256. */
export async function createToken(deps: Deps, admin: Viewer | null, name: string) {
  const secret = `plein_scim_${newSecret()}`;
  const row = await inTransaction(deps.db.pool, async (tx) => {
    const row = await tokens.insertToken(
      tx,
      { name, tokenHash: digest(secret), createdBy: admin?.id ?? null },
      deps.clock.now(),
    );
    await writeAudit(tx, {
      actorId: admin?.id ?? null,
      action: 'scim_token.create',
      targetType: 'scim_token',
      targetId: row.id,
      after: { name },
    });
    return row;
  });
  return { ...present(row), token: secret };
}

export async function listTokens(deps: Deps) {
  return { items: (await tokens.listTokens(deps.db.pool)).map(present), nextCursor: null };
}

/** Revoked at once on every node: the guard reads the token's row on each request, nothing is cached. */
export async function revokeToken(deps: Deps, admin: Viewer, id: string): Promise<void> {
  await inTransaction(deps.db.pool, async (tx) => {
    const row = await tokens.revokeToken(tx, id, deps.clock.now());
    if (!row) throw notFound('SCIM token');
    await writeAudit(tx, {
      actorId: admin.id,
      action: 'scim_token.revoke',
      targetType: 'scim_token',
      targetId: row.id,
      before: { name: row.name },
    });
  });
}

/** The guard of /scim/v2: a live SCIM token, and nothing else — no session, no person's API token. */
export async function authenticateScim(deps: Deps, request: FastifyRequest): Promise<void> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match) throw new ScimProblem(401, undefined, 'Send a SCIM token as "Authorization: Bearer <token>".');
  const token = await tokens.findTokenByHash(deps.db.pool, digest(match[1]!));
  if (!token) throw new ScimProblem(401, undefined, 'This SCIM token is not valid (unknown or revoked).');
  const now = deps.clock.now();
  if (!token.last_used_at || now.getTime() - token.last_used_at.getTime() > TOUCH_AFTER_MS) {
    await tokens.touchToken(deps.db.pool, token.id, now);
  }
  request.scimTokenId = token.id;
}
