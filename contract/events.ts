import { z } from 'zod';
import { Id, Timestamp } from './common.js';

/** Event ids as SSE carries them; 0 means "from the very start" (an empty event log has no id yet). */
export const EventId = z.string().regex(/^(0|[1-9][0-9]{0,18})$/, 'must be an event id');

export const EVENT_REPLAY = {
  /** At most this many missed events are replayed on reconnect; beyond it the stream says `resync`. */
  maxEvents: 500,
  /** Missed events older than this are not replayed; the stream says `resync` instead. */
  maxAgeDays: 3,
} as const;

export const EventsQuery = z.object({
  lastEventId: EventId.optional().describe(
    'resume after this event (the Last-Event-ID header wins when both are given)',
  ),
  once: z
    .enum(['1', '0', 'true', 'false'])
    .transform((value) => value === '1' || value === 'true')
    .optional()
    .describe('1: replay what was missed, send `ready`, and close — for clients that poll'),
});

/**
 * The `data:` of one SSE message, whose `event:` is `type` and `id:` is `id`. It holds ids and small fields only;
 * clients fetch the content through the API, which applies the reader's access again. Ids mostly ascend, but an
 * event whose transaction committed late may follow a higher id; a reconnect may then repeat an event, never lose
 * one, so clients skip ids they have seen.
 */
export const StreamEvent = z.object({
  id: Id,
  type: z.string().describe('notification, thread, reply, poll or ama (more may come)'),
  threadId: Id.nullable(),
  communityId: Id.nullable(),
  createdAt: Timestamp,
  payload: z.record(z.string(), z.unknown()),
});
export type StreamEvent = z.infer<typeof StreamEvent>;

/** `event: ready` once replay is done; its `id:` is where a reconnect resumes even if nothing came yet. */
export const StreamReady = z.object({ cursor: EventId });

/** `event: resync`: some missed events could not be replayed; reload lists and counts through the API. */
export const StreamResync = z.object({ reason: z.enum(['too_many_missed', 'too_old', 'unknown_event_id']) });

export const EventStreamBody = z
  .string()
  .describe(
    'text/event-stream: `ready`, then `notification`, `thread`, `reply`, `poll` and `ama` events (data: StreamEvent), ' +
      '`resync` when replay fell short, and a `: keep-alive` comment every 25 s.',
  );
