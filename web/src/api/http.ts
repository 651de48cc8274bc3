/** The one way the web talks to /api/v1: same-origin cookie, CSRF header on writes, problem+json as ApiError. */

export type FieldErrors = Record<string, string>;

/** A failed request in words: what the server's problem+json said, or that the network failed (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

type Query = Record<string, string | number | boolean | null | undefined>;
export type RequestOptions = {
  query?: Query;
  body?: unknown;
  /** A raw body sent as is (an uploaded archive), with its own content type. */
  raw?: { body: Blob; type: string };
  signal?: AbortSignal;
};

let csrfToken: string | null = null;
let refreshCsrf: (() => Promise<string | null>) | null = null;
const signedOutListeners = new Set<() => void>();

/** The session's CSRF token, sent on every write; set after signing in or when a reloaded page asks again. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** How to get a fresh CSRF token when the server says ours is wrong (another tab signed in again, say). */
export function setCsrfRefresher(refresher: () => Promise<string | null>): void {
  refreshCsrf = refresher;
}

/** Called when any request answers 401: the session ended, and the app shows the sign-in page. */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const first = await send(method, path, options);
  // A write refused for its CSRF token: fetch the session's token once and try again.
  if (first.status === 403 && method !== 'GET' && refreshCsrf && (await isCsrfProblem(first.clone()))) {
    csrfToken = await refreshCsrf();
    return read<T>(await send(method, path, options));
  }
  return read<T>(first);
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // Fastify refuses an empty body that claims to be JSON, so the header comes only with a body.
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.raw) headers['content-type'] = options.raw.type;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(withQuery(`/api/v1${path}`, options.query), {
      method,
      headers,
      body: options.raw?.body ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'Network error', 'The server could not be reached.');
  }
}

async function isCsrfProblem(response: Response): Promise<boolean> {
  const body = await parse(response);
  return typeof body?.detail === 'string' && body.detail.includes('CSRF');
}

async function read<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const body = await parse(response);
  if (response.ok) return body as T;
  if (response.status === 401) for (const listener of signedOutListeners) listener();
  throw toApiError(response.status, body);
}

async function parse(response: Response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function toApiError(status: number, body: unknown): ApiError {
  const problem = (body ?? {}) as {
    title?: unknown;
    detail?: unknown;
    errors?: { field?: unknown; message?: unknown }[];
  };
  const fieldErrors: FieldErrors = {};
  for (const error of Array.isArray(problem.errors) ? problem.errors : []) {
    if (typeof error.field === 'string' && typeof error.message === 'string') {
      fieldErrors[error.field] ??= error.message;
    }
  }
  return new ApiError(
    status,
    typeof problem.title === 'string' ? problem.title : `HTTP ${status}`,
    typeof problem.detail === 'string' ? problem.detail : '',
    fieldErrors,
  );
}

/** A multipart upload (FormData) with the same cookie, CSRF header and problem+json handling as every request. */
export async function sendForm<T>(path: string, form: FormData): Promise<T> {
  const post = () =>
    fetch(`/api/v1${path}`, {
      method: 'POST',
      headers: { accept: 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
      body: form,
      credentials: 'same-origin',
    }).catch(() => {
      throw new ApiError(0, 'Network error', 'The server could not be reached.');
    });
  const first = await post();
  if (first.status === 403 && refreshCsrf && (await isCsrfProblem(first.clone()))) {
    csrfToken = await refreshCsrf();
    return read<T>(await post());
  }
  return read<T>(first);
}
