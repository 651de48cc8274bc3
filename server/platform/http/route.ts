import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from './deps.js';

/** Who may call a route: no identity at all (probes), anyone, any signed-in active person, or an admin. */
export type RouteAuth = 'none' | 'public' | 'person' | 'admin';
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
  viewer: A extends 'public' | 'none' ? Viewer | null : Viewer;
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
  summary: string;
  tags: string[];
  /** Success status; 204 routes return nothing. */
  status?: 200 | 201 | 204;
  schema: S;
  handler: (ctx: RouteContext<S, A>) => Promise<SuccessBody<S>> | Promise<void>;
};

export function defineRoute<S extends Schemas, A extends RouteAuth>(route: Route<S, A>): Route {
  return route as unknown as Route;
}
