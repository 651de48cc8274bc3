import type { EventSignal } from '../../platform/events/bus.js';
import type { Deps } from '../../platform/http/deps.js';
import { isCompanyWideEvent } from './repository.js';

/** What the hub needs of an open stream. */
export type OpenStream = {
  readonly personId: string;
  onSignal(signal: EventSignal, companyWide: boolean): void;
  /** Reads what it may have missed: the node was not listening for a while (database failover). */
  catchUp(): void;
  close(reason: 'shutdown' | 'replaced'): Promise<void>;
};

/** Open streams per person on one node; a further one makes the oldest yield (a tab left open, a loop). */
export const MAX_STREAMS_PER_PERSON = 10;
/** Stream queries running at once on one node, so a company-wide burst cannot take the pool from requests. */
const MAX_CONCURRENT_FETCHES = 4;

/**
 * One per node (per app): the single bus subscription that fans signals out to the open streams, the registry
 * that ends them when the app closes, and a gate on how many stream queries run at once.
 */
export class StreamHub {
  private readonly streams = new Set<OpenStream>();
  private unsubscribe: (() => void) | null = null;
  private unsubscribeResume: (() => void) | null = null;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private closing = false;

  constructor(private readonly deps: Deps) {}

  get isClosing(): boolean {
    return this.closing;
  }

  get size(): number {
    return this.streams.size;
  }

  /** The person's open streams on this node, oldest first. */
  openFor(personId: string): OpenStream[] {
    return [...this.streams].filter((open) => open.personId === personId);
  }

  add(stream: OpenStream): void {
    const mine = this.openFor(stream.personId);
    if (mine.length >= MAX_STREAMS_PER_PERSON) void mine[0]!.close('replaced');
    this.streams.add(stream);
    this.unsubscribe ??= this.deps.bus.subscribe((signal) => this.dispatch(signal));
    this.unsubscribeResume ??= this.deps.bus.onResume(() => {
      for (const open of this.streams) open.catchUp();
    });
  }

  remove(stream: OpenStream): void {
    this.streams.delete(stream);
    if (this.streams.size === 0) {
      this.unsubscribe?.();
      this.unsubscribe = null;
      this.unsubscribeResume?.();
      this.unsubscribeResume = null;
    }
  }

  /** Ends every open stream (SIGTERM, app.close()): clients reconnect to another node and resume. */
  async closeAll(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.streams].map((stream) => stream.close('shutdown')));
  }

  /** Runs a stream query when a slot is free. */
  async gate<T>(query: () => Promise<T>): Promise<T> {
    if (this.running >= MAX_CONCURRENT_FETCHES) await new Promise<void>((go) => this.waiting.push(go));
    this.running++;
    try {
      return await query();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** Hands a bus signal to every open stream (public so a test can replay a signal that arrived late). */
  dispatch(signal: EventSignal): void {
    // Only a thread outside any community needs its payload to decide; look that up once for all streams.
    const needsLookup =
      signal.type === 'thread' && signal.communityId === null && signal.recipientId === null;
    const companyWide = needsLookup
      ? this.gate(() => isCompanyWideEvent(this.deps.db.pool, signal.id))
      : Promise.resolve(false);
    companyWide.then(
      (isCompanyWide) => {
        for (const stream of this.streams) stream.onSignal(signal, isCompanyWide);
      },
      (error) => this.deps.log.warn({ err: error, eventId: signal.id }, 'event signal lookup failed'),
    );
  }
}

const hubs = new WeakMap<Deps, StreamHub>();

export function hubFor(deps: Deps): StreamHub {
  let hub = hubs.get(deps);
  if (!hub) {
    hub = new StreamHub(deps);
    hubs.set(deps, hub);
  }
  return hub;
}

/** For the app's preClose hook: open streams would otherwise keep app.close() (and SIGTERM) waiting forever. */
export async function closeEventStreams(deps: Deps): Promise<void> {
  await hubs.get(deps)?.closeAll();
}
