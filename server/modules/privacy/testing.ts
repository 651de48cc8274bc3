import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Queryable } from '../../platform/db/database.js';
import type { FileStorage } from '../../platform/storage/storage.js';
import { unique } from '../../test/factories.js';

/** Every entry of a zip, by name. */
export async function readZip(buffer: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return entries;
}

/** A stored, ready file attached to a thread (or a reply of it), as the attachments job leaves one. */
export async function storedFile(
  db: Queryable,
  storage: FileStorage,
  file: { ownerId: string; threadId: string; replyId?: string; name: string; content: string },
) {
  const key = `attachments/${unique('t').replaceAll(/[^a-z0-9]/g, '')}`;
  const bytes = Buffer.from(file.content);
  await storage.put(key, Readable.from([bytes]), bytes.length, 'text/plain');
  const { rows } = await db.query<{ id: string }>(
    `insert into attachments (owner_id, thread_id, reply_id, purpose, status, name, content_type, is_image,
                              size_bytes, sha256, storage_key, attached_at)
     values ($1, $2, $3, 'post', 'ready', $4, 'text/plain', false, $5, 'test', $6, now()) returning id::text`,
    [file.ownerId, file.threadId, file.replyId ?? null, file.name, bytes.length, key],
  );
  return { id: rows[0]!.id, key };
}
