import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/** A source archive, a ZIP or a folder: its file names, and each file as a stream (never whole in memory). */
export type Archive = {
  name: string;
  files: string[];
  has(path: string): boolean;
  open(path: string): Promise<Readable>;
  close(): void;
};

export async function openArchive(path: string): Promise<Archive> {
  if (statSync(path).isDirectory()) return openFolder(path);
  return openZip(path);
}

function openFolder(root: string): Archive {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(relative(root, full));
    }
  };
  walk(root);
  return {
    name: basename(root),
    files,
    has: (file) => existsSync(join(root, file)),
    open: async (file) => createReadStream(join(root, file)),
    close: () => {},
  };
}

async function openZip(path: string): Promise<Archive> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, file) =>
      error ? reject(new Error(`${basename(path)}: not a ZIP archive (${error.message})`)) : resolve(file),
    ),
  );
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return {
    name: basename(path),
    files: [...entries.keys()],
    has: (file) => entries.has(file),
    open: (file) =>
      new Promise((resolve, reject) => {
        const entry = entries.get(file);
        if (!entry) return reject(new Error(`${basename(path)}: no ${file} in the archive`));
        zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
      }),
    close: () => zip.close(),
  };
}
