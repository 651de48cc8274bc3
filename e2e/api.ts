import { randomBytes } from 'node:crypto';
import { ADMIN } from './server.js';

/** A signed-in API session outside the browser, for setting the stage (people, lookups). */
export type ApiSession = {
  /** The session cookie (name=value), to hand to a browser context. */
  cookie: string;
  get: <T>(path: string) => Promise<T>;
  send: <T>(method: string, path: string, body?: unknown) => Promise<T>;
};

async function open(baseUrl: string, path: string, body: unknown): Promise<ApiSession> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('plein_session='))!
    .split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const call = async <T>(method: string, target: string, payload?: unknown): Promise<T> => {
    const result = await fetch(`${baseUrl}${target}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    if (!result.ok) throw new Error(`${method} ${target}: ${result.status} ${await result.text()}`);
    return (result.status === 204 ? undefined : await result.json()) as T;
  };
  return { cookie, get: (target) => call('GET', target), send: call };
}

export const signInAsAdmin = (baseUrl: string) => open(baseUrl, '/api/v1/auth/login', ADMIN);
export const signInWithPassword = (baseUrl: string, person: NewPerson) =>
  open(baseUrl, '/api/v1/auth/login', { email: person.email, password: person.password });
export const signInAsDemo = (baseUrl: string, handle: string) =>
  open(baseUrl, '/api/v1/demo/login', { handle });

export type NewPerson = { name: string; email: string; password: string; handle: string };

/** A new employee, made by the admin as provisioning would: in no community yet, no language chosen. */
export async function createNewcomer(admin: ApiSession, firstName: string): Promise<NewPerson> {
  const suffix = randomBytes(3).toString('hex');
  const name = `${firstName} Nieuwkomer${suffix}`;
  const handle = `${firstName.toLowerCase()}.${suffix}`;
  const person = { name, handle, email: `${handle}@e2e.example`, password: `welcome-${suffix}-to-plein` };
  await admin.send('POST', '/api/v1/people', {
    email: person.email,
    name,
    handle,
    password: person.password,
    title: 'New colleague',
    department: 'Sales',
    location: 'Utrecht',
  });
  return person;
}
