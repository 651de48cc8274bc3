import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import type { FileStorage } from '../../platform/storage/storage.js';
import { variantKey } from './keys.js';

/** Sizes shown on the page: the web size fills a post's column, the thumbnail a card or an avatar. */
const WEB_EDGE = 1600;
const THUMB_EDGE = 320;
// A decompression bomb stops here rather than taking the node's memory.
const MAX_PIXELS = 60_000_000;

const FORMAT: Record<string, 'jpeg' | 'png' | 'gif' | 'webp'> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** Copies a stored object into a temporary file, streamed. */
export async function download(storage: FileStorage, key: string): Promise<string> {
  const stream = await storage.get(key);
  if (!stream) throw new Error(`stored file ${key} is missing`);
  const path = join(tmpdir(), `plein-file-${randomUUID()}`);
  await pipeline(stream, createWriteStream(path, { mode: 0o600 }));
  return path;
}

async function putFile(storage: FileStorage, key: string, path: string, type: string) {
  const { size } = await stat(path);
  await storage.put(key, createReadStream(path) as Readable, size, type);
}

/**
 * Rewrites an uploaded image without its metadata (EXIF, GPS location, XMP, comments), turned upright, and makes
 * its web size and thumbnail. Returns the upright dimensions; throws when the bytes are not a readable image.
 */
export async function processImage(
  storage: FileStorage,
  file: { storage_key: string; content_type: string },
): Promise<{ width: number; height: number }> {
  const format = FORMAT[file.content_type];
  if (!format) throw new Error(`not an image Plein processes: ${file.content_type}`);
  const original = await download(storage, file.storage_key);
  const temp = (name: string) => join(tmpdir(), `plein-${name}-${randomUUID()}`);
  const cleaned = temp('clean');
  const web = temp('web');
  const thumb = temp('thumb');
  try {
    const animated = format === 'gif' || format === 'webp';
    const options = { failOn: 'error' as const, limitInputPixels: MAX_PIXELS, animated };
    // sharp writes no metadata unless asked to: the rewrite is what strips it.
    await sharp(original, options).rotate().toFormat(format).toFile(cleaned);
    const meta = await sharp(cleaned, { animated }).metadata();
    const width = meta.width ?? 0;
    const height = meta.pageHeight ?? meta.height ?? 0;
    const variant = (edge: number) =>
      sharp(cleaned, { limitInputPixels: MAX_PIXELS }).resize({
        width: edge,
        height: edge,
        fit: 'inside',
        withoutEnlargement: true,
      });
    await variant(WEB_EDGE).webp({ quality: 82 }).toFile(web);
    await variant(THUMB_EDGE).webp({ quality: 75 }).toFile(thumb);
    await putFile(storage, variantKey(file.storage_key, 'web'), web, 'image/webp');
    await putFile(storage, variantKey(file.storage_key, 'thumb'), thumb, 'image/webp');
    // The original last: until now a crash leaves the upload pending, to be processed again.
    await putFile(storage, file.storage_key, cleaned, file.content_type);
    return { width, height };
  } finally {
    await Promise.all([original, cleaned, web, thumb].map((path) => rm(path, { force: true })));
  }
}
