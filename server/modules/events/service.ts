import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { EventId, type EventsQuery } from '../../../contract/events.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Deps } from '../../platform/http/deps.js';
import { invalidField } from '../../platform/http/problem.js';
import { EventStream } from './stream.js';

/** Where to resume: the Last-Event-ID header (an EventSource reconnecting) wins over ?lastEventId= (first connect). */
function resumePoint(header: string | string[] | undefined, query: string | undefined): string | null {
  if (typeof header === 'string' && header.trim() !== '') {
    const parsed = EventId.safeParse(header.trim());
    if (!parsed.success) throw invalidField('Last-Event-ID', 'must be an event id this stream gave out');
    return parsed.data;
  }
  return query ?? null;
}

/**
 * Opens the reader's event stream. Replay happens before the response starts, so a failure is still a proper
 * problem response; Fastify then pipes the stream and destroys it when the client leaves.
 */
export async function openStream(
  deps: Deps,
  viewer: Viewer,
  query: z.infer<typeof EventsQuery>,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Readable> {
  const lastEventId = resumePoint(request.headers['last-event-id'], query.lastEventId);
  // HEAD (which Fastify answers with the GET handler) drains the body unread: a live stream would never end.
  const once = query.once === true || request.method === 'HEAD';
  const stream = new EventStream(deps, viewer, request);
  try {
    await stream.start(lastEventId);
  } catch (error) {
    stream.abort();
    throw error;
  }
  reply.headers({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
    // A live stream ends only when the client or the node leaves; its connection is not worth keeping.
    ...(once ? {} : { connection: 'close' }),
  });
  if (once) void stream.close('done');
  else stream.goLive();
  return stream.body;
}
