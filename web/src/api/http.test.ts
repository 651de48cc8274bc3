import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, onSignedOut, request, setCsrfRefresher, setCsrfToken, withQuery } from './http.js';

type Call = { url: string; init: RequestInit };

function fakeFetch(...responses: Response[]) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      const next = responses.shift();
      if (!next) throw new TypeError('fetch failed');
      return next;
    }),
  );
  return calls;
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const headersOf = (call: Call) => call.init.headers as Record<string, string>;

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('the API client', () => {
  it('sends the CSRF token on writes only, and a JSON content type only with a body', async () => {
    const calls = fakeFetch(json(200, { ok: 1 }), new Response(null, { status: 204 }), json(200, {}));
    setCsrfToken('token-1');
    expect(await request('GET', '/me')).toEqual({ ok: 1 });
    expect(await request('DELETE', '/threads/1')).toBeUndefined();
    await request('POST', '/threads', { body: { kind: 'question' } });
    expect(headersOf(calls[0]!)['x-csrf-token']).toBeUndefined();
    expect(headersOf(calls[1]!)['x-csrf-token']).toBe('token-1');
    expect(headersOf(calls[1]!)['content-type']).toBeUndefined();
    expect(headersOf(calls[2]!)['content-type']).toBe('application/json');
    expect(calls[2]!.init.body).toBe('{"kind":"question"}');
    expect(calls.every((call) => call.url.startsWith('/api/v1/'))).toBe(true);
  });

  it('turns problem+json into an ApiError that knows which field it concerns', async () => {
    fakeFetch(
      json(
        400,
        {
          type: 'about:blank',
          status: 400,
          title: 'Bad Request',
          detail: 'Invalid body: title: is required for a question',
          errors: [{ field: 'title', message: 'is required for a question' }],
        },
        'application/problem+json',
      ),
    );
    const error = (await request('POST', '/threads', { body: {} }).catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.fieldErrors).toEqual({ title: 'is required for a question' });
  });

  it('says so when the network fails, and when the session has ended', async () => {
    fakeFetch();
    const offline = (await request('GET', '/feed').catch((e) => e)) as ApiError;
    expect(offline).toBeInstanceOf(ApiError);
    expect(offline.status).toBe(0);

    fakeFetch(json(401, { status: 401, title: 'Unauthorized', detail: 'Sign in to continue.' }));
    const heard = vi.fn();
    const stop = onSignedOut(heard);
    await request('GET', '/feed').catch(() => undefined);
    stop();
    expect(heard).toHaveBeenCalledOnce();
  });

  it('fetches a fresh CSRF token once when a write is refused for it, then tries again', async () => {
    const calls = fakeFetch(
      json(403, { status: 403, title: 'Forbidden', detail: 'Missing or wrong X-CSRF-Token header' }),
      json(201, { id: '7' }),
    );
    setCsrfToken('stale');
    setCsrfRefresher(async () => 'fresh');
    expect(await request('POST', '/threads', { body: { kind: 'idea' } })).toEqual({ id: '7' });
    expect(headersOf(calls[1]!)['x-csrf-token']).toBe('fresh');
  });

  it('leaves empty filters out of the query string', () => {
    expect(withQuery('/people', { q: 'sanne', skill: '', cursor: undefined, limit: 20 })).toBe(
      '/people?q=sanne&limit=20',
    );
    expect(withQuery('/people', {})).toBe('/people');
  });
});
