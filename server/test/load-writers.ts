import pg from 'pg';
import { buildCommunity, buildPerson, type TestCommunity, tokenFor, unique } from './factories.js';

/** What one create over HTTP came to: an answer (with what a 503 must carry), or a failure below HTTP. */
export type WriteResult =
  | { status: number; id: string | null; problemJson: boolean; retryAfter: string | null; title: string }
  | { error: string; title: string };

export type Writer = { bearer: string };

/** Runs fn with a short-lived pool on url: a test's own pools must not outlive the connections it cuts. */
export async function withPool<T>(url: string, fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

/** An open community with `writers` people posting in it (each their own write limit) and one reader. */
export async function postingWorld(url: string, writers: number) {
  return withPool(url, async (pool) => {
    const reader = await buildPerson(pool);
    const people = await Promise.all(Array.from({ length: writers }, () => buildPerson(pool)));
    const community: TestCommunity = await buildCommunity(pool, {
      visibility: 'open',
      members: [reader, ...people],
    });
    const tokens = await Promise.all(people.map((person) => tokenFor(pool, person)));
    const readerToken = (await tokenFor(pool, reader)) as { bearer: string };
    return {
      community,
      reader: readerToken.bearer,
      writers: tokens.map((token) => ({ bearer: (token as { bearer: string }).bearer })),
    };
  });
}

/** POSTs JSON as a writer; never throws: a failure below HTTP (reset, refused) is a result too. */
export async function create(
  port: number,
  writer: Writer,
  path: string,
  body: Record<string, unknown>,
  idempotencyKey?: string,
): Promise<WriteResult> {
  const title = String(body.title ?? body.body);
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${writer.bearer}`,
        'content-type': 'application/json',
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: JSON.stringify(body),
    });
    const json = (await response.json().catch(() => null)) as { id?: string } | null;
    return {
      status: response.status,
      id: response.status === 201 ? (json?.id ?? null) : null,
      problemJson: /^application\/problem\+json/.test(response.headers.get('content-type') ?? ''),
      retryAfter: response.headers.get('retry-after'),
      title,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { error: cause?.code ?? String(error), title };
  }
}

/** A new thread's body in the world's community, with a title that is this write's own. */
export const newThread = (community: TestCommunity) => ({
  communitySlug: community.slug,
  kind: 'discussion',
  title: unique('Under load'),
  body: 'Written while the database went away.',
});

/** Resolves once `condition` holds, checking whenever `progress` is called; for load loops to wait on counts. */
export function progressGate() {
  const waiting: { condition: () => boolean; resolve: () => void }[] = [];
  return {
    progress() {
      for (const waiter of [...waiting]) {
        if (waiter.condition()) {
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    },
    until(condition: () => boolean): Promise<void> {
      if (condition()) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ condition, resolve }));
    },
  };
}
