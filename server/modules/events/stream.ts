import { PassThrough } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { EVENT_REPLAY, type StreamEvent, type StreamResync } from '../../../contract/events.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { EventSignal } from '../../platform/events/bus.js';
import type { Deps } from '../../platform/http/deps.js';
import { resolveViewer } from '../auth/authenticate.js';
import { hubFor, type OpenStream, type StreamHub } from './hub.js';
import * as events from './repository.js';

/** Exported so tests can shorten them; nothing else changes them. */
export const streamTimings = {
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs: 25_000,
  /** How often a stream reloads the reader's communities and followed threads, and checks they are still signed in. */
  refreshMs: 60_000,
  /** How long app.close() lets a stream flush before cutting it. */
  closeGraceMs: 2_000,
};

/** Events per query while live; a burst larger than this is read in several pages. */
const PAGE = 200;
/** Replay reads at most this many candidate pages before it gives up and says `resync`. */
const MAX_REPLAY_PAGES = 20;
/** Ids sent lately, to skip repeats when a late-committing event makes the stream look back a little. */
const SENT_MEMORY = 256;
/** A client that stops reading is cut off once this much is waiting for it; it resumes with Last-Event-ID. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

type Sources = Awaited<ReturnType<typeof events.readerSources>>;
type ResyncReason = z.infer<typeof StreamResync>['reason'];

const max = (a: bigint, b: bigint) => (a > b ? a : b);
/** Events a stream delivers to the followers of their thread: replies, and the counts of its poll or AMA. */
const THREAD_FOLLOWER_TYPES = new Set(['reply', 'poll', 'ama']);

/**
 * One reader's Server-Sent Events stream. `cursor` means: every event with a smaller or equal id that might concern
 * the reader has been looked at. A bus signal that passes the in-memory filter makes the stream read, with one
 * query, everything after the cursor that the reader may see now; so a missed signal costs latency, not events.
 * The stream holds no database connection between queries (PGlite has only one).
 */
export class EventStream implements OpenStream {
  readonly body = new PassThrough();
  readonly personId: string;
  private readonly hub: StreamHub;
  private sources: Sources | null = null;
  private cursor = 0n;
  /** Lowest id seen in a signal at or below the cursor: an event whose transaction committed late. */
  private lookBackTo: bigint | null = null;
  private readonly sent = new Set<string>();
  /** Lowest signalled id while starting (before the cursor was known); looked at again once live. */
  private earliestWhileStarting: bigint | null = null;
  private live = false;
  private pumping = false;
  private pumpAgain = false;
  private closed = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly ended: Promise<void>;

  constructor(
    private readonly deps: Deps,
    private readonly viewer: Viewer,
    private readonly request: FastifyRequest,
  ) {
    this.personId = viewer.id;
    this.hub = hubFor(deps);
    this.ended = new Promise((resolve) => this.body.once('close', resolve));
    // Fastify destroys the body when the client goes away.
    this.body.once('close', () => this.dispose());
    this.hub.add(this);
  }

  /** Replays what the reader missed after lastEventId (null: start from now), then announces `ready`. */
  async start(lastEventId: string | null): Promise<void> {
    this.write(`retry: ${2_000 + Math.floor(Math.random() * 3_000)}\n\n`);
    this.sources = await events.readerSources(this.deps.db.pool, this.viewer.id);
    const latest = BigInt(await events.latestEventId(this.deps.db.pool));
    if (lastEventId === null) {
      this.cursor = latest;
    } else {
      await this.replay(BigInt(lastEventId), latest);
    }
    this.write(
      frame({ id: this.cursor.toString(), event: 'ready', data: { cursor: this.cursor.toString() } }),
    );
    // The node began closing while this stream started: end it (not awaited, nobody reads the body yet).
    if (this.hub.isClosing) void this.close('shutdown');
  }

  /** Keeps the stream open: live events, heartbeats and periodic refreshes until the client or the node leaves. */
  goLive(): void {
    if (this.closed) return;
    this.timers.push(
      setInterval(() => this.write(': keep-alive\n\n'), streamTimings.heartbeatMs).unref(),
      setInterval(() => void this.refresh(), streamTimings.refreshMs).unref(),
    );
    this.live = true;
    if (this.earliestWhileStarting !== null) {
      this.lookBack(this.earliestWhileStarting - 1n);
      void this.pump();
    }
  }

  onSignal(signal: EventSignal, companyWide: boolean): void {
    // Starting or answering a thread makes its author follow it: hear its replies now, not at the next refresh.
    if (signal.actorId === this.viewer.id && signal.threadId) this.sources?.threads.add(signal.threadId);
    if (this.closed || !this.mayConcern(signal, companyWide)) return;
    const id = BigInt(signal.id);
    if (!this.live) {
      if (this.earliestWhileStarting === null || id < this.earliestWhileStarting)
        this.earliestWhileStarting = id;
      return;
    }
    if (id <= this.cursor) this.lookBack(id - 1n);
    void this.pump();
  }

  catchUp(): void {
    // Signals sent while the node was not listening are lost, but the events are in the table after the cursor.
    if (this.live && !this.closed) void this.pump();
  }

  /** Ends the stream cleanly and waits (a little) for the client to have it all. */
  async close(reason: 'shutdown' | 'replaced' | 'done' | 'signed_out' | 'failed' | 'slow'): Promise<void> {
    if (!this.closed) {
      this.deps.log.debug({ reason, personId: this.personId }, 'event stream closing');
      this.dispose();
      this.body.end();
    }
    const grace = setTimeout(() => this.body.destroy(), streamTimings.closeGraceMs).unref();
    await this.ended;
    clearTimeout(grace);
  }

  /** For a stream that failed before Fastify took its body: nobody will read it. */
  abort(): void {
    this.dispose();
    this.body.destroy();
  }

  /** Makes the next read start at `id` (exclusive) if that is before the cursor. */
  private lookBack(id: bigint): void {
    if (id < this.cursor && (this.lookBackTo === null || id < this.lookBackTo)) this.lookBackTo = id;
  }

  /** The cheap pre-check, in memory; the query decides for real (and checks readability again). */
  private mayConcern(signal: EventSignal, companyWide: boolean): boolean {
    if (signal.recipientId !== null) return signal.recipientId === this.viewer.id;
    if (this.sources === null) return true; // still starting: decide once the cursor is known
    if (THREAD_FOLLOWER_TYPES.has(signal.type))
      return signal.threadId !== null && this.sources.threads.has(signal.threadId);
    if (signal.type === 'thread') {
      return signal.communityId === null ? companyWide : this.sources.communities.has(signal.communityId);
    }
    return false;
  }

  private async replay(from: bigint, latest: bigint): Promise<void> {
    const pool = this.deps.db.pool;
    const since = new Date(this.deps.clock.now().getTime() - EVENT_REPLAY.maxAgeDays * 86_400_000);
    if (from > latest) return this.resync('unknown_event_id', latest);
    const expired = await events.newestExpiredEventId(pool, since);
    if (expired !== null && from < BigInt(expired)) return this.resync('too_old', latest);
    const missed: events.CandidateRow[] = [];
    let after = from;
    for (let page = 0; ; page++) {
      if (page === MAX_REPLAY_PAGES) return this.resync('too_many_missed', latest);
      const rows = await events.candidateEvents(pool, this.viewer.id, after.toString(), PAGE);
      missed.push(...rows.filter((row) => row.visible));
      if (missed.length > EVENT_REPLAY.maxEvents) return this.resync('too_many_missed', latest);
      if (rows.length > 0) after = BigInt(rows[rows.length - 1]!.id);
      if (rows.length < PAGE) break;
    }
    for (const row of missed) this.send(row);
    this.cursor = max(latest, after);
  }

  /** Some missed events cannot be replayed: say so, and carry on from now. */
  private resync(reason: ResyncReason, latest: bigint): void {
    this.write(frame({ event: 'resync', data: { reason } }));
    this.cursor = latest;
  }

  /** Reads everything after the cursor that the reader may see; one reader at a time, again if signalled meanwhile. */
  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        let after = this.lookBackTo ?? this.cursor;
        this.lookBackTo = null;
        for (;;) {
          const from = after.toString();
          const rows = await this.hub.gate(() =>
            events.candidateEvents(this.deps.db.pool, this.viewer.id, from, PAGE),
          );
          if (this.closed) return;
          for (const row of rows) if (row.visible) this.send(row);
          if (rows.length > 0) after = BigInt(rows[rows.length - 1]!.id);
          this.cursor = max(this.cursor, after);
          if (rows.length < PAGE) break;
        }
      } while (this.pumpAgain && !this.closed);
    } catch (error) {
      // The client reconnects with Last-Event-ID and loses nothing.
      this.deps.log.warn({ err: error }, 'event stream query failed; closing the stream');
      await this.close('failed');
    } finally {
      this.pumping = false;
    }
  }

  /** Reloads the reader's sources and checks their sign-in still holds; reads again if a source was added. */
  private async refresh(): Promise<void> {
    if (this.closed) return;
    try {
      const current = await resolveViewer(this.deps, this.request, { fresh: true }).catch(() => null);
      if (current?.id !== this.viewer.id) return void (await this.close('signed_out'));
      const previous = this.sources;
      this.sources = await events.readerSources(this.deps.db.pool, this.viewer.id);
      // A new source's signals were filtered out in memory until now; the query itself always reads current
      // sources, so reading after the cursor once more catches what they announced.
      if (previous && grew(previous, this.sources)) void this.pump();
    } catch (error) {
      this.deps.log.warn({ err: error }, 'event stream refresh failed; closing the stream');
      await this.close('failed');
    }
  }

  private send(row: events.CandidateRow): void {
    if (this.sent.has(row.id)) return;
    this.sent.add(row.id);
    if (this.sent.size > SENT_MEMORY) this.sent.delete(this.sent.values().next().value!);
    const data: StreamEvent = {
      id: row.id,
      type: row.type,
      threadId: row.thread_id,
      communityId: row.community_id,
      createdAt: row.created_at.toISOString(),
      payload: row.payload,
    };
    this.write(frame({ id: row.id, event: row.type, data }));
  }

  private write(chunk: string): void {
    if (this.closed) return;
    this.body.write(chunk);
    if (this.body.writableLength + this.body.readableLength > MAX_BUFFERED_BYTES) void this.close('slow');
  }

  /** Stops timers and signals; safe to call more than once. */
  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.hub.remove(this);
  }
}

const grew = (before: Sources, after: Sources) =>
  [...after.communities].some((id) => !before.communities.has(id)) ||
  [...after.threads].some((id) => !before.threads.has(id));

/** One SSE message; data is one line of JSON, so it needs no splitting. */
function frame(message: { id?: string; event: string; data: unknown }): string {
  return `${message.id === undefined ? '' : `id: ${message.id}\n`}event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`;
}
