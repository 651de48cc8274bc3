import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { StreamEvent } from '../../../contract/events.js';
import { keys } from './query-client.js';

type Listener = (event: StreamEvent) => void;
const listeners = new Map<string, Set<Listener>>();

/** Hears live events of one type (thread, reply, notification) while the component is on the page. */
export function useLiveEvent(type: string, listener: Listener): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const wrapped: Listener = (event) => latest.current(event);
    const set = listeners.get(type) ?? new Set();
    set.add(wrapped);
    listeners.set(type, set);
    return () => {
      set.delete(wrapped);
    };
  }, [type]);
}

function dispatch(type: string, data: string): void {
  let event: StreamEvent;
  try {
    event = JSON.parse(data);
  } catch {
    return;
  }
  for (const listener of listeners.get(type) ?? []) listener(event);
}

const RECONNECT_MS = 5_000;

function threadOf(data: string): string | null {
  try {
    return (JSON.parse(data) as StreamEvent).threadId ?? null;
  } catch {
    return null;
  }
}

/**
 * One Server-Sent Events stream per tab while someone is signed in. EventSource resumes by itself with
 * Last-Event-ID; when the server refuses outright (signed out, restarted) we open a new one after a pause.
 */
export function useLiveStream(enabled: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      source = new EventSource('/api/v1/events');
      for (const type of ['thread', 'reply', 'poll', 'ama', 'notification']) {
        source.addEventListener(type, (message) => dispatch(type, (message as MessageEvent).data));
      }
      source.addEventListener('notification', (message) => {
        void client.invalidateQueries({ queryKey: keys.notifications });
        // A reply that concerns me may be in a thread I have open; its own events may not reach me (yet).
        const threadId = threadOf((message as MessageEvent).data);
        if (threadId) {
          void client.invalidateQueries({ queryKey: keys.replies(threadId) });
          void client.invalidateQueries({ queryKey: keys.thread(threadId) });
        }
      });
      // Some events could not be replayed: everything shown may be behind, so ask again.
      source.addEventListener('resync', () => void client.invalidateQueries());
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED || stopped) return;
        retry = setTimeout(open, RECONNECT_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [enabled, client]);
}
