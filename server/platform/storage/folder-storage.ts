import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type FileStorage, requireSafeKey } from './storage.js';

/** Files in a folder (under PLEIN_DATA_DIR by default): written beside their place, then renamed into it. */
export class FolderStorage implements FileStorage {
  readonly kind = 'folder' as const;

  constructor(private readonly root: string) {}

  async put(key: string, body: Readable, size: number): Promise<void> {
    const target = join(this.root, requireSafeKey(key));
    const incoming = join(this.root, '.incoming', randomUUID());
    await mkdir(dirname(incoming), { recursive: true });
    await mkdir(dirname(target), { recursive: true });
    try {
      let written = 0;
      // Opened before streaming, so a failure never races the file's creation.
      const file = await open(incoming, 'wx');
      await pipeline(
        body,
        async function* count(chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            written += chunk.length;
            yield chunk;
          }
        },
        file.createWriteStream(),
      );
      if (written !== size) throw new Error(`expected ${size} bytes for ${key}, got ${written}`);
      await rename(incoming, target);
    } catch (error) {
      await rm(incoming, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable | null> {
    try {
      const handle = await open(join(this.root, requireSafeKey(key)), 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(join(this.root, requireSafeKey(key)), { force: true });
  }
}
