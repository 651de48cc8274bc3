import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import type { ViewerCache } from '../../modules/auth/viewer-cache.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { EventBus } from '../events/bus.js';
import type { FileStorage } from '../storage/storage.js';

/** What every service may use; built once in app.ts and handed down, never imported as a global. */
export type Deps = {
  config: Config;
  db: Database;
  clock: Clock;
  bus: EventBus;
  log: FastifyBaseLogger;
  /** Who asked in the last few seconds, on this node (modules/auth/viewer-cache.ts). */
  viewers: ViewerCache;
  /** Uploaded files: a folder or S3-compatible object storage (platform/storage). */
  storage: FileStorage;
};
