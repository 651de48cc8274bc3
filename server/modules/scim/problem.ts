import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { Problem } from '../../platform/http/problem.js';
import { URN } from './schema.js';

/** The scimType detail codes of RFC 7644 §3.12 that Plein uses. */
export type ScimType =
  | 'invalidFilter'
  | 'invalidPath'
  | 'invalidSyntax'
  | 'invalidValue'
  | 'noTarget'
  | 'uniqueness'
  | 'mutability'
  | 'tooMany';

/** A problem with a SCIM detail code; it renders as a SCIM error on /scim/v2 like every other problem there. */
export class ScimProblem extends Problem {
  constructor(
    status: number,
    readonly scimType: ScimType | undefined,
    detail: string,
  ) {
    super(status, 'SCIM error', detail);
  }
}

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** RFC 7644 §3.12: the error body — status as a string, the scimType when there is one. */
export function scimError(status: number, detail: string, scimType?: ScimType) {
  return { schemas: [URN.error], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

/** Every error on /scim/v2 — ours, validation, Fastify's own — in the SCIM shape; internals of 500s stay hidden. */
export function sendScimError(error: FastifyError | Problem, request: FastifyRequest, reply: FastifyReply) {
  let status: number;
  let detail: string;
  let scimType: ScimType | undefined;
  if (error instanceof Problem) {
    status = error.status;
    detail = error.detail;
    scimType =
      error instanceof ScimProblem ? error.scimType : error.status === 409 ? 'uniqueness' : undefined;
    reply.headers(error.headers ?? {});
  } else if (hasZodFastifySchemaValidationErrors(error)) {
    status = 400;
    scimType = 'invalidSyntax';
    detail = `The request is not valid: ${error.validation.map((issue) => issue.message).join('; ')}`;
  } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    status = 413;
    scimType = 'tooMany';
    detail = 'The request body is larger than 1 MiB.';
  } else if (error.statusCode && error.statusCode < 500) {
    status = error.statusCode;
    scimType = status === 400 ? 'invalidSyntax' : undefined;
    detail = error.message;
  } else {
    request.log.error({ err: error }, 'unhandled error');
    status = 500;
    detail = 'Something went wrong on our side. It has been logged.';
  }
  return reply
    .status(status)
    .type(SCIM_CONTENT_TYPE)
    .send(scimError(status, detail, scimType));
}

/** SCIM bodies arrive as application/scim+json or application/json; an empty one (a DELETE with a type) is none. */
export function installScimBodies(scope: FastifyInstance): void {
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser(
    ['application/json', 'application/scim+json'],
    { parseAs: 'string' },
    (_request, body, done) => {
      const text = String(body);
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch {
        done(new ScimProblem(400, 'invalidSyntax', 'The body is not valid JSON.'), undefined);
      }
    },
  );
}
