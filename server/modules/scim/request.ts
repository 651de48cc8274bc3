import type { FastifyReply, FastifyRequest } from 'fastify';
import { versionOf } from './present.js';
import { ScimProblem } from './problem.js';

/** What a SCIM service needs of the request: where it is served, which token called, the reply for headers. */
export type ScimCall = { base: string; tokenId: string; reply: FastifyReply; ifMatch: string | undefined };

/** Where /scim/v2 is served, as the client reached it: resources' meta.location and $ref start with it. */
export const baseOf = (request: FastifyRequest) => `${request.protocol}://${request.host}/scim/v2`;

export function scimCall(request: FastifyRequest, reply: FastifyReply): ScimCall {
  const ifMatch = request.headers['if-match'];
  return {
    base: baseOf(request),
    tokenId: request.scimTokenId ?? '',
    reply,
    ifMatch: typeof ifMatch === 'string' ? ifMatch : undefined,
  };
}

export type ListQuery = {
  filter?: string;
  startIndex?: string;
  count?: string;
  attributes?: string;
  excludedAttributes?: string;
};

/** The largest page a list returns, as ServiceProviderConfig says (filter.maxResults). */
export const MAX_RESULTS = 200;

/** startIndex is 1-based; below 1 counts as 1, a negative count as 0 (RFC 7644 §3.4.2.4). */
export function pageOf(query: ListQuery): { startIndex: number; count: number } {
  const number = (value: string | undefined, name: string, fallback: number) => {
    if (value === undefined || value === '') return fallback;
    if (!/^-?\d+$/.test(value)) throw new ScimProblem(400, 'invalidValue', `${name} must be a whole number.`);
    return Number(value);
  };
  return {
    startIndex: Math.max(1, number(query.startIndex, 'startIndex', 1)),
    count: Math.min(MAX_RESULTS, Math.max(0, number(query.count, 'count', MAX_RESULTS))),
  };
}

/** If-Match (RFC 7644 §3.14): a write on an older version than the client saw is refused. */
export function requireVersion(call: ScimCall, updatedAt: Date): void {
  if (!call.ifMatch || call.ifMatch.trim() === '*') return;
  const current = versionOf(updatedAt);
  const given = call.ifMatch.split(',').map((tag) => tag.trim());
  if (!given.some((tag) => tag === current || `W/${tag}` === current)) {
    throw new ScimProblem(412, undefined, 'The resource changed since that version (If-Match).');
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The SCIM token a /scim/v2 request came with (modules/scim/guard.ts). */
    scimTokenId: string | null;
  }
}
