import type { Queryable } from '../../platform/db/database.js';
import { type AttachmentAccessRow, findFilesAccess } from './repository.js';

type Waiter = { resolve: (row: AttachmentAccessRow | null) => void; reject: (error: unknown) => void };
/** The ids one reader asked for while their statement runs, each with the requests waiting for it. */
type Reader = { waiting: Map<string, Waiter[]> };

// Per database, the readers with a statement in flight.
const readers = new WeakMap<Queryable, Map<string, Reader>>();

/**
 * A file with the facts its access rule needs, as one reader sees it. A page's pictures arrive together (a browser
 * asks for six at a time): the first lookup waits one turn of the event loop for those that arrived with it, and
 * those made while that reader's statement runs wait for it, then go together as the next one. A page with 20 pictures runs a few statements instead of 20, and each
 * request still decides its own access from rows read after it arrived.
 */
export function findFileAccess(
  db: Queryable,
  id: string,
  viewerId: string,
): Promise<AttachmentAccessRow | null> {
  let inFlight = readers.get(db);
  if (!inFlight) {
    inFlight = new Map();
    readers.set(db, inFlight);
  }
  const running = inFlight.get(viewerId);
  const reader = running ?? { waiting: new Map<string, Waiter[]>() };
  const found = new Promise<AttachmentAccessRow | null>((resolve, reject) => {
    reader.waiting.set(id, [...(reader.waiting.get(id) ?? []), { resolve, reject }]);
  });
  if (!running) {
    inFlight.set(viewerId, reader);
    // One turn of the event loop, so the requests that arrived with this one join it (PGlite answers at once).
    setImmediate(() => void readBatches(db, inFlight, viewerId, reader));
  }
  return found;
}

/** Runs the reader's waiting lookups, one statement per batch, until none are left. */
async function readBatches(db: Queryable, inFlight: Map<string, Reader>, viewerId: string, reader: Reader) {
  while (reader.waiting.size > 0) {
    const batch = reader.waiting;
    reader.waiting = new Map();
    try {
      const rows = await findFilesAccess(db, [...batch.keys()], viewerId);
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const [id, waiters] of batch) for (const waiter of waiters) waiter.resolve(byId.get(id) ?? null);
    } catch (error) {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
    }
  }
  inFlight.delete(viewerId);
}
