import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export type Credentials = { cookie: string; csrfToken: string } | { bearer: string } | null;

type Options = { headers?: Record<string, string>; csrf?: boolean };

/** An HTTP client over app.inject that signs requests as one person (or nobody). */
export function client(app: FastifyInstance, credentials: Credentials = null) {
  const send = (method: string, url: string, body?: unknown, options: Options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (credentials && 'cookie' in credentials) {
      headers.cookie = `plein_session=${credentials.cookie}`;
      if (options.csrf !== false && method !== 'GET') headers['x-csrf-token'] = credentials.csrfToken;
    }
    if (credentials && 'bearer' in credentials) headers.authorization = `Bearer ${credentials.bearer}`;
    return app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    }) as Promise<LightMyRequestResponse>;
  };
  return {
    get: (url: string, options?: Options) => send('GET', url, undefined, options),
    post: (url: string, body?: unknown, options?: Options) => send('POST', url, body ?? {}, options),
    put: (url: string, body?: unknown, options?: Options) => send('PUT', url, body, options),
    patch: (url: string, body?: unknown, options?: Options) => send('PATCH', url, body ?? {}, options),
    delete: (url: string, options?: Options) => send('DELETE', url, undefined, options),
    send,
  };
}

export type Client = ReturnType<typeof client>;
