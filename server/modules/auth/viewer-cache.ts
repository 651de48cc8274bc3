import type { Viewer } from '../../platform/auth/viewer.js';

/**
 * How long this node trusts what it read about a session or API token. Long enough that a screen's burst of
 * requests (and the next few clicks) share one lookup; short enough to be the bound on changes made on another
 * node: a sign-out, revocation, deactivation or role change there takes effect here within 5 seconds. On this
 * node the change evicts at once (ARCHITECTURE.md, "Who is asking").
 */
export const VIEWER_TTL_MS = 5_000;
// A bound on memory: past it the oldest entries go first (each is a few hundred bytes).
const MAX_ENTRIES = 20_000;
// An entry in use is read again in the background from a point between half and four fifths of its life, so a busy
// viewer never waits on the lookup; the point is drawn per entry so that entries made together spread out.
const REFRESH_FROM = 0.5;
const REFRESH_SPREAD = 0.3;
// At most this many background reads at once: they share the pool with requests, which must not queue behind them.
const MAX_REFRESHING = 2;

export type CachedViewer = {
  viewer: Viewer;
  /** When the session or token was last marked as used: the last-seen write stays rate-limited. */
  seenAt: Date | null;
  /** When the session expires (null for API tokens, which do not). */
  expiresAt: Date | null;
};

type Entry = CachedViewer & { until: number; refreshAt: number };

/** The viewers this node resolved in the last few seconds, by `session:<digest>` or `token:<digest>`. */
export class ViewerCache {
  readonly #entries = new Map<string, Entry>();
  #generation = 0;
  #refreshing = 0;

  constructor(
    private readonly ttlMs = VIEWER_TTL_MS,
    private readonly monotonicNow = () => performance.now(),
    private readonly random = Math.random,
  ) {}

  get(key: string): CachedViewer | null {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (entry.until > this.monotonicNow()) return entry;
    this.#entries.delete(key);
    return null;
  }

  /**
   * Claims an entry past its refresh point for one background read, unless enough are being read already; returns
   * what to call when the read is over, or null. The entry is served meanwhile, never past its time to live.
   */
  claimRefresh(key: string): (() => void) | null {
    const entry = this.#entries.get(key);
    if (!entry || entry.refreshAt > this.monotonicNow() || this.#refreshing >= MAX_REFRESHING) return null;
    entry.refreshAt = Number.POSITIVE_INFINITY;
    this.#refreshing++;
    return () => {
      this.#refreshing--;
    };
  }

  /** Taken before a database lookup and handed to `set`: an eviction in between wins over what was read. */
  get generation(): number {
    return this.#generation;
  }

  /** Keeps what was read, unless something was evicted since; returns the entry to update (last seen). */
  set(key: string, value: CachedViewer, generation: number): CachedViewer {
    if (generation !== this.#generation) return value;
    const now = this.monotonicNow();
    const refreshAt = now + this.ttlMs * (REFRESH_FROM + REFRESH_SPREAD * this.random());
    const entry = { ...value, until: now + this.ttlMs, refreshAt };
    this.#entries.delete(key);
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, entry);
    return entry;
  }

  /** One session or token ended (sign-out, revocation). */
  forget(key: string): void {
    this.#generation++;
    this.#entries.delete(key);
  }

  /** Everything cached about a person: after deactivation, revocation of their access or any change to them. */
  forgetPerson(personId: string): void {
    this.#generation++;
    for (const [key, entry] of this.#entries) if (entry.viewer.id === personId) this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}

export const sessionKey = (sessionId: string) => `session:${sessionId}`;
export const tokenKey = (tokenHash: string) => `token:${tokenHash}`;
