import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server } from '../../test/s3-server.js';
import { createStorage, type FileStorage } from './storage.js';

let folder: string;
let s3: Awaited<ReturnType<typeof startS3Server>>;
const adapters: Record<'folder' | 's3', () => FileStorage> = {
  folder: () => createStorage({ kind: 'folder', dir: folder }),
  s3: () => createStorage(s3.config),
};

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'plein-files-'));
  s3 = await startS3Server();
});

afterAll(async () => {
  await s3.stop();
  await rm(folder, { recursive: true, force: true });
});

const key = () => `test/${randomBytes(8).toString('hex')}`;

// The same contract, run against both adapters.
describe.each(['folder', 's3'] as const)('file storage: %s', (kind) => {
  it('gives back exactly the bytes it was given, streamed in many chunks', async () => {
    const storage = adapters[kind]();
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const name = key();
    const chunks = Array.from({ length: 64 }, (_, i) => bytes.subarray(i * 49_200, (i + 1) * 49_200));
    await storage.put(
      name,
      Readable.from(chunks.filter((chunk) => chunk.length > 0)),
      bytes.length,
      'application/octet-stream',
    );
    const stream = await storage.get(name);
    expect(stream).not.toBeNull();
    expect((await buffer(stream!)).equals(bytes)).toBe(true);
  });

  it('answers null for a key it never stored, and forgets a deleted one (twice is fine)', async () => {
    const storage = adapters[kind]();
    expect(await storage.get(key())).toBeNull();
    const name = key();
    await storage.put(name, Readable.from([Buffer.from('hello')]), 5, 'text/plain');
    await storage.delete(name);
    expect(await storage.get(name)).toBeNull();
    await storage.delete(name);
  });

  it('replaces an object stored again under the same key', async () => {
    const storage = adapters[kind]();
    const name = key();
    await storage.put(name, Readable.from([Buffer.from('first')]), 5, 'text/plain');
    await storage.put(name, Readable.from([Buffer.from('second')]), 6, 'text/plain');
    expect((await buffer((await storage.get(name))!)).toString()).toBe('second');
  });

  it('refuses keys that could leave its place', async () => {
    const storage = adapters[kind]();
    for (const bad of ['../etc/passwd', 'a/../../b', '/abs', 'A/Upper', 'a//b', '']) {
      await expect(storage.put(bad, Readable.from([Buffer.from('x')]), 1, 'text/plain')).rejects.toThrow(
        /not a storage key/,
      );
      await expect(storage.get(bad)).rejects.toThrow(/not a storage key/);
    }
  });
});

describe('folder storage', () => {
  it('keeps nothing half-written when the stream fails', async () => {
    const storage = adapters.folder();
    const name = key();
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024));
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(storage.put(name, failing, 4096, 'text/plain')).rejects.toThrow('connection lost');
    expect(await storage.get(name)).toBeNull();
    expect(await readdir(join(folder, '.incoming'))).toEqual([]);
  });
});
