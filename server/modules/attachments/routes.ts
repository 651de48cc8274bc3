import { z } from 'zod';
import {
  Attachment,
  AttachmentLimits,
  AttachmentParams,
  ContentQuery,
  PostAttachments,
  UpdateAttachmentLimits,
  UploadBody,
} from '../../../contract/attachments.js';
import { problems } from '../../../contract/common.js';
import { ThreadParams } from '../../../contract/threads.js';
import { defineRoute } from '../../platform/http/route.js';
import * as limits from './limits.js';
import * as service from './service.js';

const tags = ['attachments'];
const Binary = z.string().describe('The file itself').meta({ format: 'binary' });

export const attachmentRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/attachments',
    auth: 'person',
    rateLimit: 'write',
    status: 201,
    summary:
      'Upload a file (multipart/form-data, field "file"); a draft until a post or the profile refers to it, swept after 24 h',
    tags,
    schema: {
      consumes: ['multipart/form-data'],
      body: UploadBody,
      response: { 201: Attachment, ...problems(400, 401, 403, 413, 415, 429) },
    },
    handler: ({ deps, viewer, request }) => service.upload(deps, viewer, request),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/attachments/:id',
    auth: 'person',
    rateLimit: 'read',
    summary: "A file's name, type, size, dimensions and state (authorised like its post or profile)",
    tags,
    schema: { params: AttachmentParams, response: { 200: Attachment, ...problems(401, 403, 404) } },
    handler: ({ deps, viewer, params }) => service.getAttachment(deps, viewer, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/attachments/:id/content',
    auth: 'person',
    rateLimit: 'read',
    summary: "A file's bytes: raster images inline, everything else as a download",
    tags,
    schema: {
      params: AttachmentParams,
      querystring: ContentQuery,
      response: { 200: Binary, ...problems(401, 403, 404, 409) },
    },
    handler: ({ deps, viewer, params, query, reply }) =>
      service.sendContent(deps, viewer, params.id, query, reply) as never,
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/threads/:id/attachments',
    auth: 'person',
    rateLimit: 'read',
    summary: "A thread's files and link previews, its replies' included",
    tags,
    schema: { params: ThreadParams, response: { 200: PostAttachments, ...problems(401, 403, 404) } },
    handler: ({ deps, viewer, params }) => service.postAttachments(deps, viewer, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/settings/attachments',
    auth: 'person',
    rateLimit: 'read',
    summary:
      'The limits for files: size per file, total per post, allowed types (community managers, admins)',
    tags,
    schema: { response: { 200: AttachmentLimits, ...problems(401, 403) } },
    handler: ({ deps, viewer }) => limits.getLimits(deps, viewer),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/settings/attachments',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Change the limits for files (community managers, admins; audited)',
    tags,
    schema: { body: UpdateAttachmentLimits, response: { 200: AttachmentLimits, ...problems(400, 401, 403) } },
    handler: ({ deps, viewer, body }) => limits.updateLimits(deps, viewer, body),
  }),
];
