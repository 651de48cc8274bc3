import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { problems } from '../../../contract/common.js';
import { ImportUpload, ImportUploadQuery } from '../../../contract/import.js';
import { Problem } from '../../platform/http/problem.js';
import { defineRoute } from '../../platform/http/route.js';
import { checkUpload, receiveArchive, startUpload, tooLarge, uploadOf } from './uploads.js';

export const UPLOAD_PATH = '/api/v1/admin/imports';
const ARCHIVE_TYPES = ['application/zip', 'application/x-ndjson', 'application/octet-stream'];

/** Only the upload route takes an archive, as a raw body streamed to disk (never whole in memory). */
export function acceptArchives(app: FastifyInstance, maxBytes: number): void {
  app.addContentTypeParser(ARCHIVE_TYPES, (request, payload, done) => {
    if (request.routeOptions.url !== UPLOAD_PATH) {
      done(new Problem(415, 'Unsupported Media Type', 'Send JSON (application/json).'), undefined);
      return;
    }
    // A declared length over the limit is refused before a byte is read.
    if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
      done(tooLarge(maxBytes), undefined);
      return;
    }
    done(null, payload);
  });
}

const IdParams = z.object({ id: z.uuid() });

export const importRoutes = [
  defineRoute({
    method: 'POST',
    url: UPLOAD_PATH,
    auth: 'admin',
    rateLimit: 'write',
    status: 201,
    summary:
      'Upload an export archive (admins): a Yammer or Workplace ZIP (application/zip) or an interchange file (application/x-ndjson) as the raw body; answers with its dry-run report, nothing written yet',
    tags: ['import'],
    schema: {
      querystring: ImportUploadQuery,
      response: { 201: ImportUpload, ...problems(400, 401, 403, 413, 415, 422, 429) },
    },
    handler: async ({ deps, request, query }) => {
      const body = request.body as Readable | undefined;
      if (!body || typeof (body as Readable).pipe !== 'function') {
        throw new Problem(
          415,
          'Unsupported Media Type',
          `Send the archive as the raw body with Content-Type ${ARCHIVE_TYPES.join(', ')}.`,
        );
      }
      const received = await receiveArchive(body, query.name, deps.config.importMaxBytes);
      return checkUpload(deps, received, query.name, query.source);
    },
  }),
  defineRoute({
    method: 'GET',
    url: `${UPLOAD_PATH}/:id`,
    auth: 'admin',
    rateLimit: 'read',
    summary:
      'An uploaded import (admins): its dry-run report, and while it runs its progress, then its report',
    tags: ['import'],
    schema: { params: IdParams, response: { 200: ImportUpload, ...problems(400, 401, 403, 404) } },
    handler: async ({ deps, params }) => uploadOf(deps, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: `${UPLOAD_PATH}/:id/run`,
    auth: 'admin',
    rateLimit: 'write',
    summary: 'Run a checked import (admins): answers at once; follow it with GET',
    tags: ['import'],
    schema: { params: IdParams, response: { 200: ImportUpload, ...problems(400, 401, 403, 404, 409, 429) } },
    handler: async ({ deps, params }) => startUpload(deps, params.id),
  }),
];
