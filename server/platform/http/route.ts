import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from './deps.js';

/**
 * Who may call a route: no identity at all (probes), anyone, any signed-in active person, an admin, or an identity
 * provider with a SCIM token ('scim': no person, checked by the guard app.ts hands to registerRoutes).
 */
export type RouteAuth = 'none' | 'public' | 'person' | 'admin' | 'scim';
/** A credential check that is not a person's, brought by a feature: it throws a Problem when the caller fails it. */
export type Guard = (deps: Deps, request: FastifyRequest) => Promise<void>;
/** Throttling class: 'write' is counted per person across all nodes; 'login' is throttled inside the login service. */
export type RateLimitClass = 'none' | 'read' | 'write' | 'login';

type Schemas = {
  /** Request media types other than JSON (an upload's multipart/form-data), for the OpenAPI document. */
  consumes?: string[];
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  response: Record<number, z.ZodType>;
};

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;
type SuccessBody<S extends Schemas> = {
  [K in keyof S['response']]: K extends 200 | 201 ? Infer<S['response'][K]> : never;
}[keyof S['response']];

export type RouteContext<S extends Schemas, A extends RouteAuth> = {
  viewer: A extends 'public' | 'none' | 'scim' ? Viewer | null : Viewer;
  params: Infer<S['params']>;
  query: Infer<S['querystring']>;
  body: Infer<S['body']>;
  deps: Deps;
  request: FastifyRequest;
  reply: FastifyReply;
};

/** One route's whole contract in one place: it drives validation, authorization, throttling and OpenAPI. */
export type Route<S extends Schemas = Schemas, A extends RouteAuth = RouteAuth> = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  auth: A;
  rateLimit: RateLimitClass;
  /**
   * Authenticated by a signed token in its URL (one-click unsubscribe): no cookie CSRF check, since a forged
   * request needs the token anyway, and it takes the form body mail clients send (RFC 8058).
   */
  signedToken?: true;
  /** Takes an HTML-form body (application/x-www-form-urlencoded), as a caller that is not a browser app sends. */
  acceptsForm?: true;
  summary: string;
  tags: string[];
  /** Success status; 204 routes return nothing, 302 routes (browser redirects) set Location and return nothing. */
  status?: 200 | 201 | 204 | 302;
  schema: S;
  /** A create that accepts an Idempotency-Key header: a retry with the same key gets the first answer. */
  idempotent?: true;
  /** A write a suspended person may still make (signing out, an appeal); every other write refuses them. */
  allowSuspended?: true;
  /** A handler may answer nothing, having set another declared status itself (a 204 beside a 200, a redirect). */
  handler: (ctx: RouteContext<S, A>) => Promise<SuccessBody<S> | undefined> | Promise<void>;
};

export function defineRoute<S extends Schemas, A extends RouteAuth>(route: Route<S, A>): Route {
  return route as unknown as Route;
}
