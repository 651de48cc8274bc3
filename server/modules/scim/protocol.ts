import type { FastifyInstance } from 'fastify';
import { installScimBodies, SCIM_CONTENT_TYPE, sendScimError } from './problem.js';

/** Resource names as the routes spell them; clients send any case (Microsoft's collection: /users, /Users). */
const CANONICAL = new Map(
  ['Users', 'Groups', 'Schemas', 'ResourceTypes', 'ServiceProviderConfig', 'Token'].map((name) => [
    name.toLowerCase(),
    name,
  ]),
);
// Microsoft's reference code serves ServiceProviderConfig as serviceConfiguration too; its collection asks for that.
CANONICAL.set('serviceconfiguration', 'ServiceProviderConfig');

/**
 * The URL a SCIM request is routed by: /scim/v2 and the resource name matched without regard to case (RFC 7644
 * names no case, and clients differ), a trailing slash dropped. Every other URL is left as it came.
 */
export function canonicalScimUrl(url: string): string {
  const [path = '', query] = splitOnce(url, '?');
  const match = /^\/scim\/v2(\/[^/]+)?(\/.*)?$/i.exec(path);
  if (!match) return url;
  const resource = match[1] ? `/${CANONICAL.get(match[1].slice(1).toLowerCase()) ?? match[1].slice(1)}` : '';
  const rest = (match[2] ?? '').replace(/\/+$/, '');
  return `/scim/v2${resource}${rest}${query === undefined ? '' : `?${query}`}`;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** The SCIM protocol in one Fastify scope: its bodies, its content type, its error shape. */
export function installScimProtocol(scope: FastifyInstance): void {
  scope.decorateRequest('scimTokenId', null);
  installScimBodies(scope);
  scope.setErrorHandler(sendScimError);
  scope.addHook('onSend', async (_request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('application/json')) reply.type(SCIM_CONTENT_TYPE);
    return payload;
  });
}
