import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { FileStorage } from '../../platform/storage/storage.js';

export type ArchivedFile = { id: string; name: string; storage_key: string };

/** A file's place in the archive: its id keeps two files of the same name apart; the name is made path-safe. */
export const archivePath = (file: { id: string; name: string }) =>
  `files/${file.id}-${file.name.replaceAll(/[\\/:*?"<>|\p{Cc}]/gu, '_').replace(/^\.+/, '_')}`;

/**
 * A zip built on disk in a scratch folder, entry by entry: JSON documents are written to files first and stored
 * files are read from storage only when the zip reaches them, so no archive is ever whole in memory.
 */
export class ArchiveBuilder {
  private readonly zip = new yazl.ZipFile();
  private constructor(readonly dir: string) {}

  static async start(): Promise<ArchiveBuilder> {
    return new ArchiveBuilder(await mkdtemp(join(tmpdir(), 'plein-export-')));
  }

  /** A small document (a manifest, one person's data), serialised at once. */
  addJson(name: string, value: unknown) {
    this.zip.addBuffer(Buffer.from(JSON.stringify(value, null, 2)), name);
  }

  /** A JSON array written page by page to disk, for lists that may be long (eDiscovery threads and replies). */
  async addJsonArray(name: string, pages: AsyncIterable<unknown[]>): Promise<number> {
    const path = join(this.dir, name.replaceAll('/', '_'));
    const out = createWriteStream(path);
    let count = 0;
    const write = (text: string) =>
      new Promise<void>((resolve, reject) => out.write(text, (error) => (error ? reject(error) : resolve())));
    await write('[');
    for await (const page of pages) {
      for (const item of page) {
        await write(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(item)}`);
        count++;
      }
    }
    await write('\n]\n');
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    this.zip.addFile(path, name);
    return count;
  }

  /** A stored file, opened only when the zip is written that far; a file gone from storage is an empty entry. */
  addStored(storage: FileStorage, file: ArchivedFile) {
    this.zip.addReadStreamLazy(archivePath(file), (callback) => {
      storage.get(file.storage_key).then(
        (stream) => callback(null, stream ?? Readable.from([])),
        (error: Error) => callback(error, undefined as never),
      );
    });
  }

  /** Writes the zip to disk and stores it under `key`; returns its size. The scratch folder is always removed. */
  async storeAs(storage: FileStorage, key: string): Promise<number> {
    try {
      const path = join(this.dir, 'archive.zip');
      this.zip.end();
      await pipeline(this.zip.outputStream, createWriteStream(path));
      const { size } = await stat(path);
      await storage.put(key, createReadStream(path), size, 'application/zip');
      return size;
    } finally {
      await rm(this.dir, { recursive: true, force: true });
    }
  }

  async discard() {
    await rm(this.dir, { recursive: true, force: true });
  }
}
