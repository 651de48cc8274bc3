import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { Client } from '../../test/client.js';

/** A multipart/form-data body with one part, as a browser's FormData would send it. */
export function multipart(
  content: Buffer,
  filename: string,
  options: { field?: string; type?: string } = {},
) {
  const boundary = `----plein${randomBytes(8).toString('hex')}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="${options.field ?? 'file'}"; filename="${filename}"\r\n` +
    `Content-Type: ${options.type ?? 'application/octet-stream'}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export function upload(
  api: Client,
  content: Buffer,
  filename: string,
  options?: { field?: string; type?: string },
) {
  const body = multipart(content, filename, options);
  return api.send('POST', '/api/v1/attachments', body.payload, { headers: body.headers });
}

/** A small JPEG carrying EXIF text that stands in for a location. */
export function photoWithExif(width = 40, height = 30, secret = 'GPS 52.3702N 4.8952E') {
  return sharp({ create: { width, height, channels: 3, background: '#c0392b' } })
    .jpeg()
    .withExif({ IFD0: { ImageDescription: secret, Artist: secret } })
    .toBuffer();
}

export const tinyPng = () =>
  sharp({ create: { width: 8, height: 6, channels: 4, background: '#2980b9' } })
    .png()
    .toBuffer();

/**
 * Runs a batch job until nothing is pending: tests share one database per worker, so other files' queued work may
 * come first in a batch and a single run would not reach this test's own.
 */
export async function drain(run: () => Promise<number>, rounds = 50): Promise<void> {
  // A held file (scan without an answer) stays pending: a bounded number of rounds, never a loop without end.
  for (let round = 0; round < rounds && (await run()) > 0; round++);
}
