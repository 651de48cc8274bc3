import { createHash, randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { type AttachmentLimits, INLINE_IMAGE_TYPES } from '../../../contract/attachments.js';
import { Problem } from '../../platform/http/problem.js';
import { megabytes } from './limits.js';

/** An upload received into a temporary file: counted, hashed and its type sniffed from its bytes. */
export type Received = { path: string; size: number; sha256: string; contentType: string; isImage: boolean };

export const tooLarge = (limit: number) =>
  new Problem(
    413,
    'Content Too Large',
    `The file is larger than ${megabytes(limit)}, the most allowed per file.`,
  );

/**
 * Streams the upload to a temporary file (never the whole file in memory), refusing it the moment it passes
 * `maxBytes`; then sniffs its type from the content and refuses a type the limits do not allow.
 */
export async function receive(
  stream: Readable & { truncated?: boolean },
  claimedName: string,
  limits: AttachmentLimits,
): Promise<Received> {
  const path = join(tmpdir(), `plein-upload-${randomUUID()}`);
  const hash = createHash('sha256');
  let size = 0;
  try {
    const file = await open(path, 'wx', 0o600);
    await pipeline(
      stream,
      async function* count(chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          if (size > limits.maxFileBytes) throw tooLarge(limits.maxFileBytes);
          hash.update(chunk);
          yield chunk;
        }
      },
      file.createWriteStream(),
    );
    if (stream.truncated) throw tooLarge(limits.maxFileBytes);
    if (size === 0) throw new Problem(400, 'Bad Request', 'The file is empty.');
    const contentType = await sniff(path, claimedName);
    if (!limits.allowedTypes.includes(contentType)) {
      throw new Problem(
        415,
        'Unsupported Media Type',
        `Files of type ${contentType} cannot be shared here. Allowed: ${limits.allowedTypes.join(', ')}.`,
      );
    }
    const isImage = (INLINE_IMAGE_TYPES as readonly string[]).includes(contentType);
    return { path, size, sha256: hash.digest('hex'), contentType, isImage };
  } catch (error) {
    await rm(path, { force: true });
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limits.maxFileBytes);
    throw error;
  }
}

/**
 * The type from the bytes. Formats without a signature (plain text, CSV) are recognised only when they are
 * valid UTF-8 without control bytes; anything else unknown is application/octet-stream.
 */
async function sniff(path: string, claimedName: string): Promise<string> {
  const found = await fileTypeFromFile(path);
  if (found) return found.mime;
  if (!(await looksLikeText(path))) return 'application/octet-stream';
  return /\.csv$/i.test(claimedName) ? 'text/csv' : 'text/plain';
}

async function looksLikeText(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const head = buffer.subarray(0, bytesRead);
    // A cut in the middle of a character at the end of the sample is fine; anything else must decode.
    const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
    const bad = text.slice(0, -1).includes('\uFFFD');
    return !bad && !hasControlCharacters(text, true) && !/^\s*<(?:[!?]|svg|html)/i.test(text);
  } finally {
    await file.close();
  }
}

/** A display name from the browser's file name: no path, no control characters, at most 255 characters. */
export function cleanName(raw: string | undefined): string {
  const name = [...basename((raw ?? '').replaceAll('\\', '/'))]
    .filter((char) => !hasControlCharacters(char, false))
    .join('')
    .trim()
    .slice(0, 255);
  return name === '' || name === '.' || name === '..' ? 'file' : name;
}

/** C0 control characters and DEL; text files may keep tab, line feed, vertical tab, form feed and return. */
function hasControlCharacters(text: string, allowWhitespace: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x7f || (code < 0x20 && !(allowWhitespace && code >= 0x09 && code <= 0x0d))) return true;
  }
  return false;
}
