import type { Readable } from 'node:stream';
import type { StorageConfig } from '../../config.js';
import { FolderStorage } from './folder-storage.js';
import { S3Storage } from './s3-storage.js';

/**
 * Where uploaded bytes live, behind one small interface: a folder (one node, the embedded default) or
 * S3-compatible object storage (several nodes). Who may read a file is decided before storage is asked.
 */
export interface FileStorage {
  readonly kind: StorageConfig['kind'];
  /** Stores `size` bytes from `body` under `key`; readers never see a half-written object. */
  put(key: string, body: Readable, size: number, contentType: string): Promise<void>;
  /** The stored bytes, or null when there is no such object. */
  get(key: string): Promise<Readable | null>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

// Keys are made by Plein (attachments/keys.ts), never from a request: this only guards against a slip.
const KEY = /^[a-z0-9][a-z0-9/_.-]{0,200}$/;

export function requireSafeKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new Error(`not a storage key: ${key}`);
  }
  return key;
}

export function createStorage(config: StorageConfig): FileStorage {
  return config.kind === 'folder' ? new FolderStorage(config.dir) : new S3Storage(config);
}
