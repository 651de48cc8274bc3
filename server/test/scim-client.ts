import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { digest, newSecret } from '../platform/auth/secrets.js';
import type { Queryable } from '../platform/db/database.js';

/** A live SCIM token made directly (creating one through the admin API is tested on its own). */
export async function scimTokenFor(db: Queryable): Promise<string> {
  const token = `plein_scim_${newSecret()}`;
  await db.query('insert into scim_tokens (name, token_hash) values ($1, $2)', ['test', digest(token)]);
  return token;
}

/** An identity provider talking to /scim/v2 over app.inject, in application/scim+json unless told otherwise. */
export function scimClient(app: FastifyInstance, token: string | null) {
  const send = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
    }) as Promise<LightMyRequestResponse>;
  return {
    get: (url: string, headers?: Record<string, string>) => send('GET', url, undefined, headers),
    post: (url: string, body: unknown, headers?: Record<string, string>) => send('POST', url, body, headers),
    put: (url: string, body: unknown, headers?: Record<string, string>) => send('PUT', url, body, headers),
    patch: (url: string, body: unknown, headers?: Record<string, string>) =>
      send('PATCH', url, body, headers),
    delete: (url: string, headers?: Record<string, string>) => send('DELETE', url, undefined, headers),
  };
}

export const patchOp = (...operations: unknown[]) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: operations,
});
