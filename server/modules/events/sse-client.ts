/** One parsed Server-Sent Events message (comments count too, so heartbeats can be seen). */
export type SseMessage = { id?: string; event: string; data: string; comment?: string };

/**
 * A small Server-Sent Events reader over fetch, as a browser's EventSource would read the stream; used by the
 * tests, and a reference for clients that are not browsers.
 */
export async function openSse(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const messages: SseMessage[] = [];
  const waiters = new Set<() => void>();
  let ended = false;

  const done = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          messages.push(parse(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
        for (const wake of waiters) wake();
      }
    } catch {
      // aborted by close()
    } finally {
      ended = true;
      for (const wake of waiters) wake();
    }
  })();

  /** The first message (from `from` on) that matches, waiting for it up to timeoutMs. */
  async function next(match: (message: SseMessage) => boolean, timeoutMs = 5_000, from = 0) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages.slice(from).find(match);
      if (found) return found;
      if (ended) throw new Error(`stream ended without the awaited message; got ${JSON.stringify(messages)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for a message; got ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, left);
        waiters.add(wake);
      });
    }
  }

  return {
    response,
    messages,
    next,
    /** Events only (no comments, no `ready`/`retry` bookkeeping) of one type. */
    events: (type: string) => messages.filter((message) => message.event === type),
    done,
    get ended() {
      return ended;
    },
    close: async () => {
      abort.abort();
      await done;
    },
  };
}

export type SseConnection = Awaited<ReturnType<typeof openSse>>;

function parse(block: string): SseMessage {
  const message: SseMessage = { event: 'message', data: '' };
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      message.comment = line.slice(1).trim();
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') message.id = value;
    else if (field === 'event') message.event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'retry') message.event = 'retry';
  }
  message.data = data.join('\n');
  if (message.comment !== undefined && data.length === 0 && message.event === 'message')
    message.event = 'comment';
  return message;
}
