import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from './test/fresh-database.js';
import { buildServer, PleinProcess as Child, START_TIMEOUT } from './test/plein-process.js';

let server: Awaited<ReturnType<typeof buildServer>>;
beforeAll(async () => {
  server = await buildServer('main-test');
});
afterAll(() => server.remove());

/** The built server as a child process, the way `npm start` runs it. */
class PleinProcess extends Child {
  constructor(env: Record<string, string>) {
    super(server.file, env);
  }
}

const get = (port: number, path: string, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${port}${path}`, { headers });

/** Resolves with the connection error code, or 'connected'. */
const tryConnect = (port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });

const readAll = async (socket: Socket) => {
  let text = '';
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  await once(socket, 'close');
  return text;
};

describe('the built server as a process', () => {
  it('exits 1 with a clear message on stderr when the configuration is bad', async () => {
    const plein = new PleinProcess({ PORT: 'abc', PLEIN_LANGUAGE: 'de' });
    const { code } = await plein.exited;
    expect(code).toBe(1);
    expect(plein.stderr).toMatch(/^Invalid configuration:/);
    expect(plein.stderr).toMatch(/^ {2}PORT: /m);
    expect(plein.stderr).toMatch(/^ {2}PLEIN_LANGUAGE: /m);
    expect(plein.logs.filter((line) => !line.unstructured)).toEqual([]);
  });

  describe('started on an empty database', () => {
    let fresh: FreshDatabase;
    let env: Record<string, string>;
    const admin = { PLEIN_ADMIN_EMAIL: 'ops@example.test', PLEIN_ADMIN_PASSWORD: 'operations password' };

    beforeAll(async () => {
      fresh = await freshDatabase({ onDisk: true });
      env = { ...fresh.env, ...admin, PLEIN_DEMO: '1', PLEIN_LOG_LEVEL: 'info' };
    });
    afterAll(() => fresh.drop());

    it(
      'migrates, seeds, serves the probes with request ids, and on SIGTERM finishes the request in flight and exits 0',
      async () => {
        const plein = new PleinProcess(env);
        try {
          const port = await plein.port();
          const migrated = await plein.waitForLog(
            (l) => l.msg === 'migrations applied',
            'migrations applied',
          );
          expect(migrated.applied).toContain('0001_core.sql');
          expect(migrated.engine).toBe(fresh.engine);
          expect(plein.messages()).toEqual(
            expect.arrayContaining([expect.stringMatching(/^demo organisation created/), 'admin created']),
          );

          const health = await get(port, '/healthz');
          expect(health.status).toBe(200);
          expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
          const ready = await get(port, '/readyz', { 'x-request-id': 'lifecycle-ready-1' });
          expect(ready.status).toBe(200);
          expect(await ready.json()).toEqual({ status: 'ok' });
          expect(ready.headers.get('x-request-id')).toBe('lifecycle-ready-1');
          // Structured logs: one JSON object per line, each request's lines carrying its id.
          await plein.waitForLog(
            (l) => l.reqId === 'lifecycle-ready-1' && l.msg === 'request completed',
            'request log',
          );

          // A sign-in whose body is still on its way when SIGTERM arrives: it must still be answered.
          const body = JSON.stringify({
            email: admin.PLEIN_ADMIN_EMAIL,
            password: admin.PLEIN_ADMIN_PASSWORD,
          });
          const socket = connect(port, '127.0.0.1');
          await once(socket, 'connect');
          const response = readAll(socket);
          socket.write(
            `POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
              `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: in-flight-1\r\n\r\n${body.slice(0, 10)}`,
          );
          await plein.waitForLog(
            (l) => l.reqId === 'in-flight-1' && l.msg === 'incoming request',
            'in flight',
          );

          plein.child.kill('SIGTERM');
          await plein.waitForLog((l) => l.msg === 'stopping: finishing in-flight requests', 'stopping');
          // Draining: the listener closes while the old request is still waiting for its body.
          await expect.poll(() => tryConnect(port), { timeout: 10_000, interval: 50 }).toBe('ECONNREFUSED');

          const finishing = Date.now();
          socket.write(body.slice(10));
          const answer = await response;
          expect(answer).toMatch(/^HTTP\/1\.1 200 /);
          const head = answer.slice(0, answer.indexOf('\r\n\r\n')).toLowerCase();
          expect(head).toContain('x-request-id: in-flight-1');
          // The answer ends its keep-alive connection, so the drain does not wait out keepAliveTimeout (72 s).
          expect(head).toContain('connection: close');
          expect(JSON.parse(answer.slice(head.length + 4)).person.role).toBe('admin');

          expect(await plein.exited).toEqual({ code: 0, signal: null });
          expect(Date.now() - finishing).toBeLessThan(20_000);
          expect(await tryConnect(port)).toBe('ECONNREFUSED');
          expect(plein.stderr).toBe('');
        } finally {
          plein.child.kill('SIGKILL');
        }
      },
      START_TIMEOUT * 2,
    );

    it(
      'starts again on the same database, applying no migration and creating nothing twice',
      async () => {
        const plein = new PleinProcess(env);
        try {
          const port = await plein.port();
          const upToDate = await plein.waitForLog((l) => l.msg === 'schema up to date', 'schema up to date');
          expect(upToDate.applied).toEqual([]);
          expect((await get(port, '/readyz')).status).toBe(200);
          const messages = plein.messages();
          expect(messages).not.toContain('migrations applied');
          expect(messages).not.toContain('admin created');
          expect(messages.some((m) => m?.startsWith('demo organisation created'))).toBe(false);

          plein.child.kill('SIGTERM');
          expect(await plein.exited).toEqual({ code: 0, signal: null });
        } finally {
          plein.child.kill('SIGKILL');
        }
      },
      START_TIMEOUT * 2,
    );
  });
});
