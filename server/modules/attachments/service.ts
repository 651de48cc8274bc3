import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Attachment, ContentQuery, PostAttachments } from '../../../contract/attachments.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Deps } from '../../platform/http/deps.js';
import { badRequest, notFound, Problem } from '../../platform/http/problem.js';
import { presentPreview } from '../link-previews/present.js';
import { previewsOfThread } from '../link-previews/repository.js';
import { loadReadableThread } from '../threads/policy.js';
import { newStorageKey, variantKey } from './keys.js';
import { loadLimits } from './limits.js';
import { requireFileAccess } from './policy.js';
import { presentAttachment } from './present.js';
import * as files from './repository.js';
import { cleanName, receive } from './upload.js';

/**
 * An upload: the multipart field `file`, streamed to a temporary file, checked against the limits, then stored.
 * It is a draft of its uploader until a post's body or their profile refers to it.
 */
export async function upload(deps: Deps, viewer: Viewer, request: FastifyRequest): Promise<Attachment> {
  if (!request.isMultipart()) {
    throw new Problem(
      415,
      'Unsupported Media Type',
      'Send the file as multipart/form-data in the field "file".',
    );
  }
  const limits = await loadLimits(deps.db.pool);
  const part = await request.file({
    limits: { fileSize: limits.maxFileBytes, files: 1, fields: 0, parts: 1 },
  });
  if (!part)
    throw badRequest('Send the file in the multipart field "file".', [
      { field: 'file', message: 'is required' },
    ]);
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw badRequest('Send the file in the multipart field "file".', [
      { field: 'file', message: 'is required' },
    ]);
  }
  const name = cleanName(part.filename);
  const received = await receive(part.file, name, limits);
  try {
    const now = deps.clock.now();
    const storageKey = newStorageKey(now);
    await deps.storage.put(storageKey, createReadStream(received.path), received.size, received.contentType);
    // Images wait for the job to strip their metadata and size them; other files wait only for a scanner.
    const held = received.isImage || deps.config.scan.kind !== 'off';
    const row = await files.insertAttachment(
      deps.db.pool,
      {
        ownerId: viewer.id,
        purpose: 'post',
        status: held ? 'pending' : 'ready',
        name,
        contentType: received.contentType,
        isImage: received.isImage,
        size: received.size,
        sha256: received.sha256,
        storageKey,
      },
      now,
    );
    return presentAttachment(row);
  } finally {
    await rm(received.path, { force: true });
  }
}

export async function getAttachment(deps: Deps, viewer: Viewer, id: string): Promise<Attachment> {
  return presentAttachment(await requireFileAccess(deps.db.pool, viewer, id));
}

/**
 * The bytes. Raster images are shown inline; every other type is a download (Content-Disposition: attachment), so
 * no SVG or HTML ever runs as a page of Plein's origin. A file still held for scanning or processing is a 409.
 */
export async function sendContent(
  deps: Deps,
  viewer: Viewer,
  id: string,
  query: z.infer<typeof ContentQuery>,
  reply: FastifyReply,
): Promise<Readable> {
  const file = await requireFileAccess(deps.db.pool, viewer, id);
  if (file.status !== 'ready') {
    throw new Problem(409, 'Conflict', 'This file is still being checked; try again in a moment.');
  }
  const variant = query.size !== 'original' && file.is_image && file.has_variants ? query.size : null;
  const stream = await deps.storage.get(variant ? variantKey(file.storage_key, variant) : file.storage_key);
  if (!stream) throw notFound('file');
  const inline = file.is_image;
  reply
    .type(variant ? 'image/webp' : file.content_type)
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeRFC5987(file.name)}`,
    );
  if (!variant) reply.header('content-length', String(file.size_bytes));
  return stream;
}

const encodeRFC5987 = (name: string) =>
  encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A thread's files and link previews (its live replies' too), read under the thread's own access rule. */
export async function postAttachments(
  deps: Deps,
  viewer: Viewer,
  threadId: string,
): Promise<PostAttachments> {
  const context = await loadReadableThread(deps.db.pool, viewer, threadId);
  if (context.thread.deleted_at) return { files: [], previews: [] };
  const [rows, previews] = await Promise.all([
    files.filesOfThread(deps.db.pool, threadId),
    previewsOfThread(deps.db.pool, threadId),
  ]);
  return { files: rows.map(presentAttachment), previews: previews.map(presentPreview) };
}
