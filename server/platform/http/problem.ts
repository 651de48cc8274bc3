import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../db/unavailable.js';

export type FieldError = { field: string; message: string };

/** An RFC 9457 problem: thrown by services, rendered as application/problem+json. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new Problem(400, 'Bad Request', detail, errors);
export const invalidField = (field: string, message: string) =>
  badRequest(`${field}: ${message}`, [{ field, message }]);
export const unauthorized = (detail = 'Sign in to continue.') => new Problem(401, 'Unauthorized', detail);
export const forbidden = (detail = 'You are not allowed to do this.') =>
  new Problem(403, 'Forbidden', detail);
export const notFound = (what = 'resource') => new Problem(404, 'Not Found', `No such ${what}.`);
export const conflict = (detail: string, errors?: FieldError[]) =>
  new Problem(409, 'Conflict', detail, errors);
/** Seconds a client waits before retrying while the database is away: a failover usually takes a few. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
export const serviceUnavailable = (detail: string, retryAfterSeconds = DATABASE_RETRY_AFTER_SECONDS) =>
  new Problem(503, 'Service Unavailable', detail, undefined, { 'retry-after': String(retryAfterSeconds) });
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new Problem(429, 'Too Many Requests', detail, undefined, { 'retry-after': String(retryAfterSeconds) });

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const titleOf = (status: number) => titles[status] ?? 'Error';

/** Fastify's own request errors, in words a client can act on. */
const frameworkDetails: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'This content type is not accepted: send the body as application/json.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The body is empty but its content type says application/json.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body.',
};

/** The problem+json body of a problem, for the request it answers. */
export function problemBody(problem: Problem, instance?: string) {
  return {
    type: 'about:blank',
    status: problem.status,
    title: problem.title,
    detail: problem.detail,
    ...(problem.errors ? { errors: problem.errors } : {}),
    ...(instance === undefined ? {} : { instance }),
  };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem) {
  return reply
    .status(problem.status)
    .headers(problem.headers ?? {})
    .type('application/problem+json')
    .send(problemBody(problem, request.url));
}

/** Turns every error (ours, validation, Fastify's own) into problem+json; hides internals of 500s. */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Problem, request, reply) => {
    let problem: Problem;
    if (error instanceof Problem) {
      problem = error;
    } else if (Array.isArray(error.validation) && error.validation.length > 0) {
      // The contract's zod issues and the unstorable-text check (validator.ts) share this shape.
      const errors = error.validation.map((issue) => ({
        field:
          [issue.instancePath.replace(/^\//, '').replaceAll('/', '.')].filter(Boolean).join('') || 'request',
        message: issue.message ?? 'is invalid',
      }));
      const where = error.validationContext ?? 'request';
      const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      problem = badRequest(`Invalid ${where}: ${detail}`, errors);
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      problem = new Problem(413, titles[413]!, 'The request body is larger than 1 MiB.');
    } else if (error.statusCode && error.statusCode < 500) {
      const detail = frameworkDetails[error.code] ?? error.message;
      problem = new Problem(error.statusCode, titleOf(error.statusCode), detail);
    } else if (isDatabaseUnavailable(error)) {
      // A failover or restart cut the connection: a retry succeeds once it is back (creates: same Idempotency-Key).
      request.log.warn({ err: error }, 'database unavailable');
      problem = serviceUnavailable('The database is not available right now. Try again in a few seconds.');
    } else {
      request.log.error({ err: error }, 'unhandled error');
      problem = new Problem(500, titles[500]!, 'Something went wrong on our side. It has been logged.');
    }
    sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    sendProblem(
      request,
      reply,
      new Problem(404, 'Not Found', `No route ${request.method} ${request.url.split('?')[0]}.`),
    );
  });
}
