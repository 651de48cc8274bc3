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
// Past this share of its life an entry in use is read again in the background, so a busy viewer never waits on it.
const REFRESH_SHARE = 0.6;

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

  constructor(
    private readonly ttlMs = VIEWER_TTL_MS,
    private readonly monotonicNow = () => performance.now(),
  ) {}

  get(key: string): CachedViewer | null {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (entry.until > this.monotonicNow()) return entry;
    this.#entries.delete(key);
    return null;
  }

  /**
   * True once for an entry in the last part of its life: the caller reads it again in the background while this one
   * is still served, never past its time to live.
   */
  dueForRefresh(key: string): boolean {
    const entry = this.#entries.get(key);
    if (!entry || entry.refreshAt > this.monotonicNow()) return false;
    entry.refreshAt = Number.POSITIVE_INFINITY;
    return true;
  }

  /** Taken before a database lookup and handed to `set`: an eviction in between wins over what was read. */
  get generation(): number {
    return this.#generation;
  }

  /** Keeps what was read, unless something was evicted since; returns the entry to update (last seen). */
  set(key: string, value: CachedViewer, generation: number): CachedViewer {
    if (generation !== this.#generation) return value;
    const now = this.monotonicNow();
    const entry = { ...value, until: now + this.ttlMs, refreshAt: now + this.ttlMs * REFRESH_SHARE };
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
